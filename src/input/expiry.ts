// --expiry DURATION or --expires-at RFC3339, never both. The result is an instant in the future:
// zero, negative or past expiries are refused rather than minting an already-expired token.

import { parseDuration } from './duration.js';
import { parseTimestamp } from './timestamp.js';

export class ExpiryError extends Error {}

export interface ExpiryFlags {
  expiry?: string;
  expiresAt?: string;
}

export interface Expiry {
  at: Date;
  /** Set for --expiry: the exact length, so APIs taking seconds get what was asked, not minus the ms spent getting there. */
  seconds?: number;
}

/** Returns when the token should expire, or undefined for "never". */
export function parseExpiry(flags: ExpiryFlags, now: number = Date.now()): Expiry | undefined {
  if (flags.expiry !== undefined && flags.expiresAt !== undefined) {
    throw new ExpiryError('give --expiry or --expires-at, not both');
  }
  if (flags.expiry !== undefined) {
    const ns = parseDuration(flags.expiry);
    if (ns < 1_000_000_000n) throw new ExpiryError(`--expiry ${flags.expiry} is shorter than a second; tokens expire in whole seconds`);
    return { at: new Date(now + Number(ns / 1_000_000n)), seconds: Number(ns / 1_000_000_000n) };
  }
  if (flags.expiresAt !== undefined) {
    const at = parseTimestamp(flags.expiresAt);
    if (at.getTime() <= now + 1000) throw new ExpiryError(`--expires-at ${flags.expiresAt} is not in the future; a token must not be born expired`);
    return { at };
  }
  return undefined;
}

/** InfluxDB 3 takes whole seconds from now. */
export function expirySeconds(expiry: Expiry, now: number = Date.now()): number {
  return expiry.seconds ?? Math.max(1, Math.floor((expiry.at.getTime() - now) / 1000));
}
