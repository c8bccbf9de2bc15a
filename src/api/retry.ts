// The retry policy of design §8 as a pure function, so every branch is unit-tested.
//
// - GET is retried on network errors, 429, 502, 503 and 504.
// - Any method is retried when the request was refused before it was sent (connection refused,
//   DNS failure, connect timeout) or answered 429 (the server says it did not process it).
// - A write that may have reached the server (reset mid-request, 5xx) is never retried blindly.
// - Timeouts are not retried: a stalled server would just stall again, and a write may have landed.

export type Outcome =
  | { kind: 'status'; status: number; retryAfter?: string | null }
  | { kind: 'refused' }
  | { kind: 'network' }
  | { kind: 'timeout' };

export interface RetryDecision {
  retry: boolean;
  delayMs: number;
}

export const MAX_RETRIES = 3;
const BASE_DELAY_MS = 200;
const MAX_DELAY_MS = 5_000;
/** A Retry-After longer than this is not waited for; the error names it instead. */
export const MAX_RETRY_AFTER_MS = 30_000;

const RETRYABLE_FOR_GET = new Set([429, 502, 503, 504]);

/** `idempotent`: a GET, or a read sent as POST (query_sql), which may safely be sent twice. */
export function retryDecision(
  idempotent: boolean,
  outcome: Outcome,
  attempt: number,
  random: () => number = Math.random,
  now: () => number = Date.now,
): RetryDecision {
  const no = { retry: false, delayMs: 0 };
  if (attempt >= MAX_RETRIES) return no;
  const backoff = Math.round(random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt));

  switch (outcome.kind) {
    case 'refused':
      return { retry: true, delayMs: backoff };
    case 'network':
      return idempotent ? { retry: true, delayMs: backoff } : no;
    case 'timeout':
      return no;
    case 'status': {
      const allowed = outcome.status === 429 || (idempotent && RETRYABLE_FOR_GET.has(outcome.status));
      if (!allowed) return no;
      const after = parseRetryAfter(outcome.retryAfter, now);
      if (after !== undefined) {
        if (after > MAX_RETRY_AFTER_MS) return no;
        return { retry: true, delayMs: after };
      }
      return { retry: true, delayMs: backoff };
    }
  }
}

/** Retry-After as delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: () => number = Date.now): number | undefined {
  if (value === undefined || value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now());
}
