// The retry policy of design §8 as a pure function, so every branch is unit-tested.
//
// - GET is retried on network errors, 429, 502, 503 and 504.
// - Any method is retried when the request was refused before it was sent (connection refused,
//   DNS failure, connect timeout) or answered 429 (the server says it did not process it).
// - A write that may have reached the server (reset mid-request, 5xx) is never retried blindly.
// - Timeouts are not retried: a stalled server would just stall again, and a write may have landed.
// - A TLS failure is not retried: the certificate will be just as wrong a moment later.
// - Retry-After is honoured up to MAX_RETRY_AFTER_MS, or the caller's cap when lower (the HTTP
//   layer's --timeout: a user who will not wait 5 s for an answer will not wait 20 s for a retry); a
//   longer wait is not waited for, and the decision says how long the server asked for, so the error
//   can tell the user.

export type Outcome =
  | { kind: 'status'; status: number; retryAfter?: string | null }
  | { kind: 'refused' }
  | { kind: 'network' }
  | { kind: 'timeout' }
  | { kind: 'tls' };

export interface RetryDecision {
  retry: boolean;
  delayMs: number;
  /** Set when the server asked for a wait longer than the cap (possibly Infinity). */
  serverWaitMs?: number;
}

export const MAX_RETRIES = 3;
const BASE_DELAY_MS = 200;
const MAX_DELAY_MS = 5_000;
/** A Retry-After longer than this is not waited for; the error names it instead. */
export const MAX_RETRY_AFTER_MS = 30_000;

/** The statuses a read is retried on. */
export const RETRYABLE_FOR_GET: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** `idempotent`: a GET, or a read sent as POST (query_sql), which may safely be sent twice. */
export function retryDecision(
  idempotent: boolean,
  outcome: Outcome,
  attempt: number,
  random: () => number = Math.random,
  now: () => number = Date.now,
  maxWaitMs: number = MAX_RETRY_AFTER_MS,
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
    case 'tls':
      return no;
    case 'status': {
      const allowed = outcome.status === 429 || (idempotent && RETRYABLE_FOR_GET.has(outcome.status));
      if (!allowed) return no;
      const after = parseRetryAfter(outcome.retryAfter, now);
      if (after === undefined) return { retry: true, delayMs: backoff };
      if (after > Math.min(maxWaitMs, MAX_RETRY_AFTER_MS)) return { retry: false, delayMs: 0, serverWaitMs: after };
      return { retry: true, delayMs: after };
    }
  }
}

// delay-seconds (RFC 9110 says digits only; fractions are accepted as servers send them), with a sign
// so that a negative value is recognised and ignored rather than read as a date.
const SECONDS = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
// An HTTP date starts with a day name: IMF-fixdate, RFC 850 or asctime. Date.parse alone would also
// take "12" or "-1" as years.
const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? /i;

/**
 * Retry-After in milliseconds: 0 or more, possibly Infinity for an absurd number of seconds; a date
 * in the past is 0. Undefined when absent, negative or unreadable (the caller backs off instead).
 */
export function parseRetryAfter(value: string | null | undefined, now: () => number = Date.now): number | undefined {
  if (value === undefined || value === null) return undefined;
  const text = value.trim();
  if (SECONDS.test(text)) {
    const seconds = Number(text);
    return seconds >= 0 ? Math.max(0, Math.ceil(seconds * 1000)) : undefined;
  }
  if (!HTTP_DATE.test(text)) return undefined;
  // Every HTTP date is GMT; asctime's form does not say so, and Date.parse would read it as local time,
  // hours off wherever the clock is not set to UTC.
  const date = Date.parse(/(GMT|UTC|UT|Z|[+-]\d{4})$/i.test(text) ? text : `${text} GMT`);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now());
}
