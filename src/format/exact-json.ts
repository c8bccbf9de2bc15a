// JSON.stringify with bigints written as the exact integers they are. Retention periods are int64
// nanoseconds, past what a double holds (2^53 ns is about 104 days): `Number(17280000000000001n)` is
// written 17280000000000000, so they stay bigints until they are text, in request bodies and on stdout.

import { uniqueSuffix } from '../config/unique-suffix.js';

/**
 * Each bigint stands in as a string carrying a random key, so no string of the value is taken for one
 * (Math.random, as node:crypto costs startup time), and the stand-ins are replaced by the digits.
 */
export function exactJson(value: unknown, indent?: number): string {
  const integers: string[] = [];
  const key = `bigint-${uniqueSuffix(24)}`;
  const text = JSON.stringify(value, (_name, inner: unknown) => (typeof inner === 'bigint' ? `${key}:${integers.push(inner.toString()) - 1}` : inner), indent);
  if (integers.length === 0) return text;
  return text.replace(new RegExp(`"${key}:(\\d+)"`, 'g'), (_match, index: string) => integers[Number(index)]!);
}
