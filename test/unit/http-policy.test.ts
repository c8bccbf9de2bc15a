import { describe, expect, it } from 'vitest';
import { errorMessageFromBody } from '../../src/api/error-body.js';
import { REDACTED, redactBody, redactHeaders, scrubSecrets } from '../../src/api/redact.js';
import { MAX_RETRIES, parseRetryAfter, retryDecision } from '../../src/api/retry.js';

const half = () => 0.5;

describe('retryDecision', () => {
  it.each([429, 502, 503, 504])('retries a GET answered %i', (status) => {
    expect(retryDecision(true, { kind: 'status', status }, 0, half).retry).toBe(true);
  });

  it.each([400, 401, 403, 404, 409, 500, 501])('does not retry a GET answered %i', (status) => {
    expect(retryDecision(true, { kind: 'status', status }, 0, half).retry).toBe(false);
  });

  it.each(['POST', 'PATCH', 'PUT', 'DELETE'])('never retries a %s that may have reached the server', (method) => {
    expect(method).not.toBe('GET');
    for (const status of [500, 502, 503, 504]) expect(retryDecision(method === 'GET', { kind: 'status', status }, 0, half).retry).toBe(false);
    expect(retryDecision(method === 'GET', { kind: 'network' }, 0, half).retry).toBe(false);
    expect(retryDecision(method === 'GET', { kind: 'timeout' }, 0, half).retry).toBe(false);
  });

  it.each(['GET', 'POST', 'DELETE'])('retries a %s refused before it was sent, and on 429', (method) => {
    expect(retryDecision(method === 'GET', { kind: 'refused' }, 0, half).retry).toBe(true);
    expect(retryDecision(method === 'GET', { kind: 'status', status: 429 }, 0, half).retry).toBe(true);
  });

  it('retries a GET after a network error but not after a timeout', () => {
    expect(retryDecision(true, { kind: 'network' }, 0, half).retry).toBe(true);
    expect(retryDecision(true, { kind: 'timeout' }, 0, half).retry).toBe(false);
  });

  it('stops after MAX_RETRIES', () => {
    expect(retryDecision(true, { kind: 'network' }, MAX_RETRIES - 1, half).retry).toBe(true);
    expect(retryDecision(true, { kind: 'network' }, MAX_RETRIES, half).retry).toBe(false);
  });

  it('backs off exponentially with jitter', () => {
    const delays = [0, 1, 2].map((attempt) => retryDecision(true, { kind: 'network' }, attempt, () => 1).delayMs);
    expect(delays).toEqual([200, 400, 800]);
    expect(retryDecision(true, { kind: 'network' }, 2, () => 0).delayMs).toBe(0);
  });

  it('honours Retry-After, and gives up when it is too long', () => {
    expect(retryDecision(true, { kind: 'status', status: 503, retryAfter: '2' }, 0, half)).toEqual({ retry: true, delayMs: 2000 });
    expect(retryDecision(false, { kind: 'status', status: 429, retryAfter: '3600' }, 0, half).retry).toBe(false);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = () => Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('5', now)).toBe(5000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('errorMessageFromBody', () => {
  it.each([
    ['{"code":404,"message":"database not found"}', 'database not found'],
    ['{"error":"token name already exists"}', 'token name already exists'],
    ['{"error":{"code":409,"message":"user exists"}}', 'user exists'],
    ['plain text failure\nsecond line', 'plain text failure second line'],
    ['{not json', '{not json'],
    ['', undefined],
    ['   ', undefined],
  ])('%j → %j', (body, message) => {
    expect(errorMessageFromBody(body)).toBe(message);
  });

  it('clips long bodies and strips control characters', () => {
    const message = errorMessageFromBody(`\u001b[31m${'x'.repeat(1000)}`)!;
    expect(message.length).toBeLessThanOrEqual(301);
    expect(message).not.toMatch(/\u001b/);
  });
});

describe('redaction', () => {
  it('masks credential headers but keeps the scheme', () => {
    expect(redactHeaders({ authorization: 'Bearer abc123', 'x-auth-token': 'zzz', accept: 'application/json' })).toEqual({
      authorization: `Bearer ${REDACTED}`,
      'x-auth-token': REDACTED,
      accept: 'application/json',
    });
  });

  it('masks secret fields in JSON bodies, at any depth, but not IDs or names', () => {
    const body = JSON.stringify({ accessToken: 'apiv1_secret', token_name: 'ci', tokenId: 't1', nested: [{ password: 'hunter22' }] });
    const out = JSON.parse(redactBody(body, []));
    expect(out).toEqual({ accessToken: REDACTED, token_name: 'ci', tokenId: 't1', nested: [{ password: REDACTED }] });
  });

  it('scrubs known secret values from any text', () => {
    expect(scrubSecrets('token=supersecret; again supersecret', ['supersecret'])).toBe(`token=${REDACTED}; again ${REDACTED}`);
    expect(redactBody('plain supersecret', ['supersecret'])).toBe(`plain ${REDACTED}`);
  });
});
