import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorMessageFromBody } from '../../src/api/error-body.js';
import { isRead, redirectTarget, unsendable, type RequestSpec } from '../../src/api/http.js';
import { PREVIEW_CHARS, previewBody, REDACTED, redactBody, redactHeaders, scrubSecrets, secretValues } from '../../src/api/redact.js';
import { MAX_RETRIES, MAX_RETRY_AFTER_MS, parseRetryAfter, retryDecision, type Outcome } from '../../src/api/retry.js';

const half = () => 0.5;

describe('retryDecision', () => {
  it.each([429, 502, 503, 504])('retries a GET answered %i', (status) => {
    expect(retryDecision(true, { kind: 'status', status }, 0, half).retry).toBe(true);
  });

  it.each([400, 401, 403, 404, 409, 500, 501])('does not retry a GET answered %i', (status) => {
    expect(retryDecision(true, { kind: 'status', status }, 0, half).retry).toBe(false);
  });

  // The method goes through isRead, as HttpClient.send does: a write is not idempotent unless it says so.
  const spec = (method: RequestSpec['method'], idempotent?: boolean): RequestSpec => ({ method, path: '/x', what: 'x', ...(idempotent === undefined ? {} : { idempotent }) });

  it.each(['POST', 'PATCH', 'PUT', 'DELETE'] as const)('never retries a %s that may have reached the server', (method) => {
    const read = isRead(spec(method));
    expect(read).toBe(false);
    for (const status of [500, 502, 503, 504]) expect(retryDecision(read, { kind: 'status', status }, 0, half).retry).toBe(false);
    expect(retryDecision(read, { kind: 'network' }, 0, half).retry).toBe(false);
    expect(retryDecision(read, { kind: 'timeout' }, 0, half).retry).toBe(false);
  });

  it('retries a GET, and a read sent as POST, on what a read is retried on', () => {
    for (const read of [isRead(spec('GET')), isRead(spec('POST', true))]) {
      expect(read).toBe(true);
      for (const status of [502, 503, 504]) expect(retryDecision(read, { kind: 'status', status }, 0, half).retry).toBe(true);
      expect(retryDecision(read, { kind: 'network' }, 0, half).retry).toBe(true);
    }
    expect(isRead(spec('POST', false))).toBe(false);
  });

  it.each(['GET', 'POST', 'DELETE'] as const)('retries a %s refused before it was sent, and on 429', (method) => {
    const read = isRead(spec(method));
    expect(retryDecision(read, { kind: 'refused' }, 0, half).retry).toBe(true);
    expect(retryDecision(read, { kind: 'status', status: 429 }, 0, half).retry).toBe(true);
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
    expect(parseRetryAfter(' 5 ', now)).toBe(5000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Thursday, 01-Jan-26 00:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Thu Jan  1 00:00:07 2026', now)).toBe(7000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it.each(['America/New_York', 'Asia/Tokyo'])('reads an asctime Retry-After as GMT, as HTTP says, also where the clock is set to %s', (zone) => {
    const saved = process.env.TZ;
    process.env.TZ = zone;
    try {
      const now = () => Date.parse('2026-01-01T00:00:00Z');
      expect(parseRetryAfter('Thu Jan  1 00:00:07 2026', now)).toBe(7000);
      expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:07 GMT', now)).toBe(7000);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('takes 0 as "now", fractions as fractions, and a date in the past as 0', () => {
    const now = () => Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('-0', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
    expect(parseRetryAfter('.25', now)).toBe(250);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
  });

  it.each(['-1', '-0.5', '', 'soon', '1e3', '0x10', 'NaN', 'Infinity', '12 apples', '2026-01-01', 'Funday, 99 Foo 2026'])('ignores Retry-After %j', (value) => {
    expect(parseRetryAfter(value, () => 0)).toBeUndefined();
  });

  it('retries at once on Retry-After: 0, still no more than MAX_RETRIES times', () => {
    const zero: Outcome = { kind: 'status', status: 429, retryAfter: '0' };
    for (let attempt = 0; attempt < MAX_RETRIES; attempt++) expect(retryDecision(false, zero, attempt, half)).toEqual({ retry: true, delayMs: 0 });
    expect(retryDecision(false, zero, MAX_RETRIES, half).retry).toBe(false);
  });

  it('backs off as if there were no header when Retry-After is negative or garbage', () => {
    for (const retryAfter of ['-5', 'later']) {
      expect(retryDecision(true, { kind: 'status', status: 503, retryAfter }, 1, () => 1)).toEqual({ retry: true, delayMs: 400 });
    }
  });

  it('waits a fractional Retry-After to the millisecond', () => {
    expect(retryDecision(true, { kind: 'status', status: 503, retryAfter: '1.5' }, 0, half)).toEqual({ retry: true, delayMs: 1500 });
  });

  it('does not wait longer than the cap, and says how long the server asked for', () => {
    expect(retryDecision(true, { kind: 'status', status: 429, retryAfter: String(MAX_RETRY_AFTER_MS / 1000) }, 0, half)).toEqual({ retry: true, delayMs: MAX_RETRY_AFTER_MS });
    expect(retryDecision(true, { kind: 'status', status: 429, retryAfter: '120' }, 0, half)).toEqual({ retry: false, delayMs: 0, serverWaitMs: 120_000 });
    expect(retryDecision(true, { kind: 'status', status: 429, retryAfter: '9'.repeat(400) }, 0, half)).toEqual({ retry: false, delayMs: 0, serverWaitMs: Infinity });
    const now = () => Date.parse('2026-01-01T00:00:00Z');
    expect(retryDecision(true, { kind: 'status', status: 503, retryAfter: 'Thu, 01 Jan 2026 01:00:00 GMT' }, 0, half, now)).toEqual({ retry: false, delayMs: 0, serverWaitMs: 3_600_000 });
  });

  it('takes a lower cap from the caller (--timeout), and never a higher one', () => {
    expect(retryDecision(true, { kind: 'status', status: 503, retryAfter: '4' }, 0, half, Date.now, 5_000)).toEqual({ retry: true, delayMs: 4_000 });
    expect(retryDecision(true, { kind: 'status', status: 503, retryAfter: '4' }, 0, half, Date.now, 1_000)).toEqual({ retry: false, delayMs: 0, serverWaitMs: 4_000 });
    expect(retryDecision(true, { kind: 'status', status: 429, retryAfter: '60' }, 0, half, Date.now, 3_600_000)).toEqual({ retry: false, delayMs: 0, serverWaitMs: 60_000 });
  });

  it('never retries a TLS failure', () => {
    expect(retryDecision(true, { kind: 'tls' }, 0, half).retry).toBe(false);
  });

  it('always picks a finite delay between 0 and the cap, whatever the header says', () => {
    const retryAfter = fc.oneof(
      fc.string(),
      fc.double().map(String),
      fc.integer().map(String),
      fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
      fc.constantFrom(undefined, null, '', '1e400', '9'.repeat(400), '-0', '.', '1.'),
    );
    const outcome = fc.oneof(
      fc.record({ kind: fc.constant('status' as const), status: fc.integer({ min: 100, max: 599 }), retryAfter }),
      fc.constantFrom<Outcome>({ kind: 'refused' }, { kind: 'network' }, { kind: 'timeout' }, { kind: 'tls' }),
    );
    fc.assert(fc.property(fc.boolean(), outcome, fc.nat({ max: 10 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 4e12 }), (idempotent, o, attempt, r, t) => {
      const { delayMs, retry } = retryDecision(idempotent, o, attempt, () => r, () => t);
      expect(Number.isFinite(delayMs)).toBe(true);
      expect(delayMs).toBeGreaterThanOrEqual(0);
      expect(delayMs).toBeLessThanOrEqual(MAX_RETRY_AFTER_MS);
      if (attempt >= MAX_RETRIES) expect(retry).toBe(false);
    }));
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

  it('clips long bodies and escapes control characters visibly', () => {
    const message = errorMessageFromBody(`\u001b[31m${'x'.repeat(1000)}`)!;
    expect(message).toMatch(/^\\u001b\[31mx+…$/);
    // 300 characters and the ellipsis, the ESC among them now six characters long.
    expect(message.length).toBe(306);
    expect(message).not.toMatch(/\u001b/);
  });

  it('escapes what a terminal would act on, in JSON messages and plain text alike', () => {
    expect(errorMessageFromBody('{"error":"a\\u001b]0;t\\u0007\\u009b2J\\u202eb\\r"}')).toBe('a\\u001b]0;t\\u0007\\u009b2J\\u202eb');
    expect(errorMessageFromBody('bad\r\n\u2066thing')).toBe('bad \\u2066thing');
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

  it('masks every header that carries a credential, whatever its case: a login answer\'s X-Subject-Token, cookies, proxy credentials', () => {
    expect(redactHeaders({ 'X-Subject-Token': 'gAAAAA-new-token', 'proxy-authorization': 'Basic b3BzOnB3', cookie: 'sid=1', 'set-cookie': ['a=1', 'b=2'], 'x-openstack-request-id': 'req-1' })).toEqual({
      'X-Subject-Token': REDACTED,
      'proxy-authorization': `Basic ${REDACTED}`,
      cookie: REDACTED,
      'set-cookie': REDACTED,
      'x-openstack-request-id': 'req-1',
    });
  });

  it('removes credentials from URLs in Location headers', () => {
    expect(redactHeaders({ location: 'https://user:pw@host/x', 'content-location': '//a:b@h/', refresh: '0; url=http://u:p@h/' })).toEqual({
      location: `https://${REDACTED}@host/x`,
      'content-location': `//${REDACTED}@h/`,
      refresh: `0; url=http://${REDACTED}@h/`,
    });
    expect(redactHeaders({ location: '/relative?next=a@b' })).toEqual({ location: '/relative?next=a@b' });
  });

  it('masks the values of query parameters named like secrets in those URLs, as the error line does', () => {
    expect(redactHeaders({ location: 'https://sso.example/cb?access_token=at-9999&x=1', 'content-location': '/a?password=pw-7777#id_token=it-1', refresh: '0; url=/b?state=s&client_secret=cs-1' })).toEqual({
      location: `https://sso.example/cb?access_token=${REDACTED}&x=1`,
      'content-location': `/a?password=${REDACTED}#id_token=${REDACTED}`,
      refresh: `0; url=/b?state=s&client_secret=${REDACTED}`,
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

  it('scrubs a secret as JSON escapes it, and the longer of two overlapping secrets whole', () => {
    expect(scrubSecrets(JSON.stringify({ m: 'pa"ss\\word!' }), ['pa"ss\\word!'])).toBe(`{"m":"${REDACTED}"}`);
    expect(scrubSecrets('abcd-efgh', ['abcd', 'abcd-efgh'])).toBe(REDACTED);
    expect(scrubSecrets('a db', ['db', 'a'])).toBe('a db');
  });

  // By position, not by value: credentials too short to scrub by value (a proxy's ab:pw) go all the same.
  it.each([
    ['http://ab:pw@proxy:3128/x', `http://${REDACTED}@proxy:3128/x`],
    ['http://u@proxy', `http://${REDACTED}@proxy`],
    ['http://u:p@ss@proxy/p?q=@', `http://${REDACTED}@proxy/p?q=@`],
    ['"http:\\/\\/ab:pw@proxy"', `"http:\\/\\/${REDACTED}@proxy"`],
    ['/login?from=http%3A%2F%2Fab%3Apw%40proxy%3A3128%2Fx', `/login?from=http%3A%2F%2F${REDACTED}%40proxy%3A3128%2Fx`],
  ])('removes the userinfo of a URL in any text as a whole: %s', (text, shown) => {
    expect(scrubSecrets(text, [])).toBe(shown);
    // A body that parses as JSON is written back, its escapes undone.
    expect(redactBody(text, [])).toBe(text.startsWith('"') ? JSON.stringify(JSON.parse(shown)) : shown);
  });

  it.each(['https://host/path@v1', 'mail a@b.c, see //docs', '"//x" and "y@z"', 'http://host/?next=a@b'])('leaves text without URL userinfo alone: %s', (text) => {
    expect(scrubSecrets(text, [])).toBe(text);
  });

  it('masks Selectel\'s token `value` and redis_password, but not names and ids', () => {
    const body = JSON.stringify({ token: { id: 'x1', name: 'metrics', value: 'prom-secret' }, redis_password: 'r3dis-pass', password_id: 'p1', secret_name: 'n' });
    expect(JSON.parse(redactBody(body, []))).toEqual({ token: { id: 'x1', name: 'metrics', value: REDACTED }, redis_password: REDACTED, password_id: 'p1', secret_name: 'n' });
  });

  it('masks secret pairs in text that is not valid JSON, a value cut off at the end included', () => {
    const cut = `{"id":"1","accessToken":"apiv1_abc\\"def","name":"n","password": "hunter22","description":"${'d'.repeat(50)}`;
    expect(redactBody(cut, [])).toBe(`{"id":"1","accessToken":"${REDACTED}","name":"n","password": "${REDACTED}","description":"${'d'.repeat(50)}`);
    expect(redactBody('{"token":"apiv1_cut-he', [])).toBe(`{"token":"${REDACTED}"`);
    expect(redactBody('[{"token":"a"},{"token":"b"}] trailing', [])).toBe(`[{"token":"${REDACTED}"},{"token":"${REDACTED}"}] trailing`);
  });

  it('redacts a --debug preview before cutting it, so a long body cannot carry a secret past the mask', () => {
    const long = JSON.stringify({ description: 'd'.repeat(PREVIEW_CHARS - 10), accessToken: 'apiv1_at-the-cut-0123456789' });
    const preview = previewBody(long, []);
    expect(preview).not.toContain('apiv1_');
    expect(preview).toMatch(/… \(\d+ chars\)$/);
    const notJson = `${long.slice(0, -2)}`;
    expect(previewBody(notJson, [])).not.toContain('apiv1_');
  });

  it('collects secret strings from a request body to scrub from what comes back', () => {
    expect(secretValues({ password: 'new-pass-1', nested: [{ token: 'tok-value' }], name: 'visible', value: 'v', token_name: 'tn' })).toEqual(['new-pass-1', 'tok-value']);
    expect(secretValues(undefined)).toEqual([]);
  });
});

describe('unsendable header values', () => {
  it.each([
    ['Bearer abc\n', 'a line break'],
    ['Bearer a\rb', 'a line break'],
    ['Bearer a\u0000b', 'a NUL character'],
    ['Bearer a\u001bb', 'a control character'],
    ['Bearer a\u007fb', 'a control character'],
    ['Bearer a—b', 'a character outside Latin-1'],
    ['Bearer a\ud83d\udca5', 'a character outside Latin-1'],
  ])('%j contains %s', (value, kind) => {
    expect(unsendable(value)).toBe(kind);
  });

  it.each(['Bearer apiv1_abc-DEF.123~', 'Token a\tb', 'Bearer caf\u00e9'])('%j can be sent', (value) => {
    expect(unsendable(value)).toBeUndefined();
  });
});

describe('redirectTarget', () => {
  const request = new URL('http://influx.local:8080/prefix/api/v0/databases?x=1');
  it('shows at most a few hundred characters of a long Location, and of the --host it implies', () => {
    const long = `https://influx.local/${'p'.repeat(15_000)}/api/v0/databases?${'q'.repeat(1_000)}`;
    const { shown, host } = redirectTarget(long, request, '/api/v0/databases');
    expect(shown.length).toBeLessThanOrEqual(301);
    expect(shown).toMatch(/^https:\/\/influx\.local\/p+…$/);
    expect(host!.length).toBeLessThanOrEqual(301);
  });

  it('cuts a Location that is not a URL after scrubbing it, so no part of a secret shows', () => {
    const token = 'tok-0123456789abcdef-secret';
    const { shown } = redirectTarget(`http://[${'a'.repeat(180)}${token}`, request, '/api/v0/databases', [token]);
    expect(shown).not.toContain(token.slice(0, 10));
    expect(shown.length).toBeLessThanOrEqual(303);
  });

  it('resolves the Location, drops credentials, and derives the --host', () => {
    expect(redirectTarget('https://u:p@influx.local/prefix/api/v0/databases?x=1', request, '/api/v0/databases')).toEqual({
      shown: 'https://influx.local/prefix/api/v0/databases?x=1',
      host: 'https://influx.local/prefix',
    });
    expect(redirectTarget('/login', request, '/api/v0/databases')).toEqual({ shown: 'http://influx.local:8080/login', host: 'http://influx.local:8080' });
  });

  it('quotes a Location that is not a URL, made terminal-safe and without credentials', () => {
    expect(redirectTarget('http://user:pw@[bad\u001b[2J', request, '/x')).toEqual({ shown: '"http://[bad\\u001b[2J"' });
  });

  it('offers no --host for a scheme that is not HTTP', () => {
    expect(redirectTarget('javascript:alert(1)', request, '/x')).toEqual({ shown: 'javascript:alert(1)' });
  });
});
