// The built binary against servers that misbehave in ways the sandbox does not: redirects, odd
// statuses, Retry-After values, secrets echoed back, terminal escapes, proxies that want credentials,
// TLS. Each case checks what an operator relies on: the exit code, one error line (plus at most one
// line of advice), how many requests the server saw, and that no secret and no raw control character
// reaches the terminal.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, CLUSTER, cleanEnv, cli, tempDir, type RunResult } from './harness.js';
import { startConnectProxy, startHostile, startRawServer, TLS_FIXTURES, type Hostile } from './hostile.js';

const TOKEN = 'hostile-credential-5d1e8a';
let server: Hostile;
let tlsServer: Hostile;

beforeAll(async () => {
  [server, tlsServer] = await Promise.all([startHostile(), startHostile({ tls: true })]);
});
afterAll(async () => {
  await Promise.all([server.close(), tlsServer.close()]);
});
beforeEach(() => {
  server.reset();
  tlsServer.reset();
});

const env = (extra: Record<string, string> = {}) => cleanEnv({ INFLUXADM_TOKEN: TOKEN, ...extra });
const clustered = (url: string) => ['--product', 'clustered', '--host', url];

/** One `error:` line, at most one line of advice, no stack trace, no credential, nothing a terminal would act on. */
function expectOneCleanError(r: RunResult, secrets: string[] = [TOKEN]): void {
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines[0], r.stderr).toMatch(/^error: /);
  expect(lines.length, r.stderr).toBeLessThanOrEqual(2);
  expect(r.stderr).not.toMatch(/\n\s+at \S|unexpected failure/);
  expectClean(r, secrets);
}

/** No secret anywhere in stdout or stderr, and no raw control, C1 or bidi character on stderr. */
function expectClean(r: RunResult, secrets: string[]): void {
  for (const secret of secrets) {
    expect(r.stderr).not.toContain(secret);
    expect(r.stdout).not.toContain(secret);
  }
  expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
}

describe('only a 2xx answer is success', () => {
  const VERBS = [
    { name: 'database list', method: 'GET', args: (u: string) => [...clustered(u), 'database', 'list', '--json'] },
    { name: 'database create', method: 'POST', args: (u: string) => [...clustered(u), 'database', 'create', 'redirected'] },
    { name: 'database delete', method: 'DELETE', args: (u: string) => [...clustered(u), 'database', 'delete', 'redirected', '--yes'] },
    {
      name: 'token revoke (dedicated)', method: 'DELETE',
      args: (u: string) => ['--product', 'dedicated', '--host', u, '--account', ACCOUNT, '--cluster', CLUSTER, 'token', 'revoke', '22222222-2222-4222-8222-222222222222', '--yes'],
    },
    { name: 'database create (enterprise)', method: 'POST', args: (u: string) => ['--product', 'enterprise', '--host', u, 'database', 'create', 'redirected'] },
  ];

  for (const status of [301, 302, 307, 308]) {
    it.each(VERBS)(`${status} to $name: exit 1, the Location named without its credentials, nothing followed`, async ({ method, args }) => {
      // Pointing back at this server, so following it would show up as a second request.
      server.answer((req, res) => res.writeHead(status, { location: `http://user:hunter22@127.0.0.1:${server.port}/moved${req.url}` }).end());
      const r = await cli(args(server.url), { env: env() });
      expect(r.exitCode, r.stderr).toBe(1);
      expectOneCleanError(r, [TOKEN, 'hunter22']);
      expect(r.stderr).toContain(`the server redirected to http://127.0.0.1:${server.port}/moved/api/`);
      expect(r.stderr).toContain(`use --host http://127.0.0.1:${server.port}/moved`);
      expect(r.stdout).toBe('');
      expect(server.requests.map((q) => q.method)).toEqual([method]);
    });
  }

  it('keeps the credentials of a Location out of --debug too', async () => {
    server.answer((req, res) => res.writeHead(307, { location: `http://user:hunter22@127.0.0.1:${server.port}/moved${req.url}?access_token=at-leak-42` }).end());
    const r = await cli([...clustered(server.url), 'database', 'create', 'x', '--debug'], { env: env() });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/debug: ← location: http:\/\/\[redacted\]@127\.0\.0\.1\S*\?access_token=\[redacted\]$/m);
    expectClean(r, [TOKEN, 'hunter22', 'at-leak-42']);
  });

  it('names an https Location as the --host to use (a proxy upgrading http to https)', async () => {
    server.answer((req, res) => res.writeHead(301, { location: `https://influx.example.com${req.url}` }).end());
    const r = await cli([...clustered(server.url), 'database', 'list'], { env: env() });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/redirected to https:\/\/influx\.example\.com\/api\/v0\/databases \(301 Moved Permanently\)/);
    expect(r.stderr).toMatch(/use --host https:\/\/influx\.example\.com$/);
  });

  it('does not call a token accepted when the check is redirected', async () => {
    const e = env();
    await cli(['profile', 'create', 'moved', ...clustered(server.url)], { env: e });
    server.answer((req, res) => res.writeHead(302, { location: `https://login.example.com/?next=${req.url}` }).end());
    const r = await cli(['auth', 'status', '--profile', 'moved', '--json'], { env: e });
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject([{ profile: 'moved', server: 'unreachable' }]);
  });

  it.each([
    [304, 'Not Modified'],
    [300, 'Multiple Choices'],
  ])('a %i without a Location is an error too', async (status, reason) => {
    server.answer((_req, res) => res.writeHead(status).end());
    const r = await cli([...clustered(server.url), 'database', 'delete', 'x', '--yes'], { env: env() });
    expect(r.exitCode).toBe(1);
    expectOneCleanError(r);
    expect(r.stderr).toContain(`failed: ${status} ${reason}`);
    expect(server.requests).toHaveLength(1);
  });

  it('a status line Node would never send (1xx final, 600) is an error, not success', async () => {
    const odd = await startRawServer((head) => (head.includes('/api/v0/databases/one')
      ? 'HTTP/1.1 101 Switching Protocols\r\nConnection: close\r\n\r\n'
      : 'HTTP/1.1 600 Whatever\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'));
    try {
      for (const name of ['one', 'two']) {
        const r = await cli([...clustered(odd.url), 'database', 'delete', name, '--yes', '--timeout', '5s'], { env: env() });
        expect(r.exitCode, r.stderr).toBe(1);
        expectOneCleanError(r);
        expect(r.stderr).not.toMatch(/^deleted/m);
      }
    } finally {
      await odd.close();
    }
  });
});

describe('requests that were never sent say so', () => {
  // Every token source is checked where the token is read (credentials.ts); the HTTP layer checks every
  // header value again before sending (see test/unit/transport.test.ts).
  it.each([
    ['a line break', 'env', 's3cr3t-head\ns3cr3t-tail', /the token from INFLUXADM_TOKEN has more than one line/],
    ['a NUL character', 'file', 's3cr3t-head\u0000s3cr3t-tail', /the token from the token file \S+ contains control characters; it cannot be sent in an HTTP header/],
    ['a control character', 'file', 's3cr3t-head\u001bs3cr3t-tail', /the token from the token file \S+ contains control characters; it cannot be sent in an HTTP header/],
  ])('a token with %s (from its %s) is exit 2, says where it came from, and sends nothing', async (_kind, source, token, message) => {
    const file = join(tempDir(), 'token');
    writeFileSync(file, token);
    const args = source === 'file' ? ['--token-file', file] : [];
    const r = await cli([...clustered(server.url), ...args, 'database', 'create', 'never'], { env: cleanEnv(source === 'env' ? { INFLUXADM_TOKEN: token } : {}) });
    expect(r.exitCode, r.stderr).toBe(2);
    expectOneCleanError(r, ['s3cr3t-head', 's3cr3t-tail']);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/may have applied|probably applied/);
    expect(server.requests).toEqual([]);
  });

  it('a token outside Latin-1 from the environment is exit 2 and sends nothing', async () => {
    const r = await cli([...clustered(server.url), 'database', 'delete', 'x', '--yes'], { env: cleanEnv({ INFLUXADM_TOKEN: 'hidden—head-hidden-tail' }) });
    expect(r.exitCode, r.stderr).toBe(2);
    expectOneCleanError(r, ['hidden—', 'head-hidden-tail']);
    expect(r.stderr).toContain('the token from INFLUXADM_TOKEN contains characters outside Latin-1; it cannot be sent in an HTTP header');
    expect(server.requests).toEqual([]);
  });

  it('a proxy asking for credentials (407) is exit 4, not retried, and nothing reaches the server', async () => {
    const proxy = await startConnectProxy({ credentials: 'ops:s3cret-proxy' });
    try {
      const r = await cli([...clustered(server.url), 'database', 'create', 'viaproxy'], { env: env({ HTTP_PROXY: proxy.url }) });
      expect(r.exitCode, r.stderr).toBe(4);
      expectOneCleanError(r);
      expect(r.stderr).toContain(`the proxy at 127.0.0.1:${proxy.port} asked for credentials (407)`);
      expect(r.stderr).not.toMatch(/may have applied|probably applied/);
      expect(proxy.tunnels).toHaveLength(1);
      expect(server.requests).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('sends the proxy credentials of the URL, percent-decoded, and never shows them', async () => {
    const proxy = await startConnectProxy({ credentials: 'ops:s3cret@proxy' });
    try {
      const r = await cli([...clustered(server.url), 'database', 'list', '--debug'], { env: env({ http_proxy: `http://ops:s3cret%40proxy@127.0.0.1:${proxy.port}` }) });
      expect(r.exitCode, r.stderr).toBe(0);
      expect(proxy.tunnels).toEqual([`127.0.0.1:${server.port}`]);
      expectClean(r, [TOKEN, 's3cret', Buffer.from('ops:s3cret@proxy').toString('base64')]);
      expect(r.stderr).toContain(`through the proxy at 127.0.0.1:${proxy.port}, from http_proxy`);
    } finally {
      await proxy.close();
    }
  });

  it('keeps the proxy password out of an answer that echoes it (a proxy reading plain HTTP)', async () => {
    const body = JSON.stringify({ message: 'tunnel user ops:s3cret-proxy-pw is not allowed here' });
    const proxy = await startConnectProxy({
      credentials: 'ops:s3cret-proxy-pw',
      intercept: `HTTP/1.1 403 Forbidden\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
    });
    try {
      const r = await cli([...clustered(server.url), 'database', 'list', '--debug'], { env: env({ HTTP_PROXY: `http://ops:s3cret-proxy-pw@127.0.0.1:${proxy.port}` }) });
      expect(r.exitCode, r.stderr).toBe(4);
      // The pair user:password goes as a whole.
      expect(r.stderr).toMatch(/^error: listing databases failed: 403 Forbidden: tunnel user \[redacted\] is not allowed here$/m);
      expect(r.stderr).toContain('debug: ← body {"message":"tunnel user [redacted] is not allowed here"}');
      expectClean(r, [TOKEN, 's3cret-proxy-pw']);
      expect(proxy.tunnels).toEqual([`127.0.0.1:${server.port}`]);
      expect(server.requests).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  // Credentials shorter than 4 characters were not scrubbed (a value that short cannot be scrubbed by value
  // without mangling a line), and the user never was: an answer that echoed the proxy URL showed them. In a
  // URL the user:password@ goes as a whole, whatever its length; the pair and its Basic form by value.
  it('keeps short proxy credentials out of an answer that echoes the proxy URL', async () => {
    const options = { credentials: 'ab:pw', intercept: '' };
    const proxy = await startConnectProxy(options);
    const at = `127.0.0.1:${proxy.port}`;
    // The URL as given, with JSON-escaped slashes, and percent-encoded in a query; the pair, and its Basic form.
    const echo = (credentials: string, basic: string, encoded: string) =>
      `proxy http://${credentials}@${at} refused ${credentials} (${basic}); as JSON "http:\\/\\/${credentials}@${at}"; log in at /login?from=http%3A%2F%2F${encoded}%40${at.replace(':', '%3A')}`;
    const body = echo('ab:pw', Buffer.from('ab:pw').toString('base64'), 'ab%3Apw');
    // The proxy reads its answer at each tunnel: set once its port is known.
    options.intercept = `HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
    try {
      const r = await cli([...clustered(server.url), 'database', 'list', '--debug'], { env: env({ HTTP_PROXY: `http://ab:pw@${at}` }) });
      expect(r.exitCode, r.stderr).toBe(4);
      const shown = echo('[redacted]', '[redacted]', '[redacted]');
      expect(r.stderr).toContain(`\nerror: listing databases failed: 403 Forbidden: ${shown}\n`);
      expect(r.stderr).toContain(`\ndebug: ← body ${shown}\n`);
      expectClean(r, [TOKEN, 'ab:pw', 'ab%3Apw', Buffer.from('ab:pw').toString('base64')]);
      expect(proxy.tunnels).toEqual([`127.0.0.1:${server.port}`]);
      expect(server.requests).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('goes direct for a host in NO_PROXY', async () => {
    const proxy = await startConnectProxy();
    try {
      const r = await cli([...clustered(server.url), 'database', 'list'], { env: env({ HTTP_PROXY: proxy.url, NO_PROXY: 'example.com, 127.0.0.1' }) });
      expect(r.exitCode, r.stderr).toBe(0);
      expect(proxy.tunnels).toEqual([]);
      expect(server.requests).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it.each([
    ['HTTP_PROXY', 'http://ops:pr0xy-pass@[broken'],
    ['http_proxy', 'socks5://ops:pr0xy-pass@127.0.0.1:1080'],
  ])('a malformed %s is exit 2, names the variable and not its credentials', async (name, value) => {
    const r = await cli([...clustered(server.url), 'database', 'create', 'x'], { env: env({ [name]: value }) });
    expect(r.exitCode, r.stderr).toBe(2);
    expectOneCleanError(r, [TOKEN, 'pr0xy-pass']);
    expect(r.stderr).toMatch(new RegExp(`^error: ${name} is not a usable proxy URL`));
    expect(server.requests).toEqual([]);
  });
});

describe('Retry-After', () => {
  it('does not wait two minutes: the error says how long the server asked for', async () => {
    server.answer((_req, res) => res.writeHead(429, { 'retry-after': '120' }).end('{"message":"slow down"}'));
    const r = await cli([...clustered(server.url), 'database', 'list'], { env: env() });
    expect(r.exitCode).toBe(1);
    expectOneCleanError(r);
    expect(r.stderr).toContain('429 Too Many Requests: slow down; the server asked to wait 120s before trying again');
    expect(server.requests).toHaveLength(1);
  });

  it('does not claim a retry it did not make: a 503 asking for two minutes was asked once', async () => {
    server.answer((_req, res) => res.writeHead(503, { 'retry-after': '120' }).end('{"message":"maintenance"}'));
    const r = await cli([...clustered(server.url), 'database', 'list'], { env: env() });
    expect(r.exitCode).toBe(1);
    expectOneCleanError(r);
    expect(r.stderr).toContain('503 Service Unavailable: maintenance; the server asked to wait 120s before trying again');
    expect(r.stderr).not.toContain('the request was retried');
    expect(r.stderr).toContain('nor the request retried');
    expect(server.requests).toHaveLength(1);
  });

  it('does not wait longer than --timeout either: a shorter --timeout is a shorter cap', async () => {
    server.answer((_req, res) => res.writeHead(503, { 'retry-after': '4' }).end('{"message":"warming up"}'));
    const started = Date.now();
    const r = await cli([...clustered(server.url), 'database', 'list', '--timeout', '1s'], { env: env() });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(r.exitCode).toBe(1);
    expectOneCleanError(r);
    expect(r.stderr).toContain('503 Service Unavailable: warming up; the server asked to wait 4s before trying again');
    expect(r.stderr).toContain('--timeout');
    expect(server.requests).toHaveLength(1);
  });

  it.each(['0', '-3', '0.05', 'soon', 'Thu, 01 Jan 1970 00:00:00 GMT'])('Retry-After: %s is retried, and only MAX_RETRIES times', async (value) => {
    server.answer((_req, res) => res.writeHead(429, { 'retry-after': value }).end());
    const r = await cli([...clustered(server.url), 'database', 'create', 'later'], { env: env() });
    expect(r.exitCode).toBe(1);
    expectOneCleanError(r);
    expect(server.requests).toHaveLength(4);
  });
});

describe('secrets the server sends back', () => {
  const NEW_SECRET = 'apiv1_created-0f9e8d7c6b5a';
  const PASSWORD = 'new-password-3c4d5e6f';

  it('masks a token in an answer that is not valid JSON (cut short) in --debug', async () => {
    server.answer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' })
      .end(`{"id":"22222222-2222-4222-8222-222222222222","accessToken":"${NEW_SECRET}","description":"${'d'.repeat(3000)}`));
    const args = ['--product', 'dedicated', '--host', server.url, '--account', ACCOUNT, '--cluster', CLUSTER, 'token', 'create', 'long', '--read-database', 'db1', '--debug'];
    const r = await cli(args, { env: env() });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/answer is not JSON/);
    expect(r.stderr).toContain('"accessToken":"[redacted]"');
    expectClean(r, [TOKEN, NEW_SECRET]);
  });

  it('keeps the token out of --debug when the server echoes it in a header of its own', async () => {
    server.answer((req, res) => res.writeHead(200, { 'content-type': 'application/json', 'x-echo-authorization': String(req.headers.authorization) }).end('[]'));
    const r = await cli([...clustered(server.url), 'database', 'list', '--json', '--debug'], { env: env() });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('debug: ← x-echo-authorization: Bearer [redacted]');
    expectClean(r, [TOKEN]);
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('keeps a password the server echoes in its error out of the error line and --debug', async () => {
    server.answer((_req, res) => res.writeHead(422, { 'content-type': 'application/json' })
      .end(JSON.stringify({ code: 'unprocessable entity', message: `password "${PASSWORD}" is too weak`, echo: PASSWORD })));
    const r = await cli(['--product', 'v2', '--host', server.url, 'v1-auth', 'set-password', '0123456789abcdef', '--password-stdin', '--debug', '--yes'], { env: env(), input: `${PASSWORD}\n` });
    expect(r.exitCode, r.stderr).toBe(2);
    expect(r.stderr).toContain('error: setting the password of legacy authorization 0123456789abcdef failed: 422 Unprocessable Entity: password "[redacted]" is too weak');
    expectClean(r, [TOKEN, PASSWORD]);
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ password: PASSWORD });
  });
});

describe('nothing from the server can drive the terminal', () => {
  const HOSTILE_TEXT = 'x\u001b]0;pwned\u0007\u001b[2J\u009b31m\r\u202eevil\u2066y';

  it('escapes control, C1 and bidi characters in error messages, visibly', async () => {
    server.answer((_req, res) => res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: HOSTILE_TEXT })));
    const r = await cli([...clustered(server.url), 'database', 'delete', 'gone', '--yes'], { env: env() });
    expect(r.exitCode).toBe(3);
    expectOneCleanError(r);
    expect(r.stderr).toContain('x\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m');
    expect(r.stderr).toContain('\\u202eevil\\u2066y');
  });

  it('escapes them in a Location, in --debug headers and bodies', async () => {
    // Header values reach Node as Latin-1: UTF-8 bytes of U+202E arrive as "â\u0080®", a C1 control among them.
    server.answer((_req, res) => {
      res.setHeader('location', Buffer.from(`https://evil.example.com/\u202e${HOSTILE_TEXT.replace(/[\r\u0000-\u001f]/g, '')}`).toString('latin1'));
      res.setHeader('x-note', Buffer.from('\u009b2J\u202e').toString('latin1'));
      res.writeHead(302).end(HOSTILE_TEXT);
    });
    const r = await cli([...clustered(server.url), 'database', 'list', '--debug'], { env: env() });
    expect(r.exitCode).toBe(1);
    expectClean(r, [TOKEN]);
    expect(r.stderr).toMatch(/^error: listing databases failed: the server redirected to https:\/\/evil\.example\.com\//m);
    expect(r.stderr).toContain('debug: ← x-note: \u00c2\\u009b2J\u00e2\\u0080\u00ae');
    expect(r.stderr).toContain('debug: ← body x\\u001b]0;pwned');
  });
});

describe('TLS', () => {
  const ca = fileURLToPath(TLS_FIXTURES.ca);

  it('fails verification of an unknown CA with advice, and trusts it with --tls-ca', async () => {
    const untrusted = await cli([...clustered(tlsServer.url), 'database', 'list'], { env: env() });
    expect(untrusted.exitCode).toBe(1);
    expectOneCleanError(untrusted);
    expect(untrusted.stderr).toMatch(/TLS verification of https:\/\/127\.0\.0\.1:\d+ failed \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)\n.*--tls-ca/);
    expect(tlsServer.requests).toEqual([]);

    const trusted = await cli([...clustered(tlsServer.url), '--tls-ca', ca, 'database', 'list', '--json'], { env: env() });
    expect(trusted.exitCode, trusted.stderr).toBe(0);
    expect(trusted.stdout.trim()).toBe('[]');
    const insecure = await cli([...clustered(tlsServer.url), '--tls-no-verify', 'database', 'list', '--json'], { env: env() });
    expect(insecure.exitCode, insecure.stderr).toBe(0);
  });

  it('asks a server what it is (/ping) with the TLS settings of the product it asks as: INFLUXDB3_TLS_CA', async () => {
    tlsServer.answer((req, res) => {
      if (req.url === '/ping') res.writeHead(200, { 'content-type': 'application/json', 'x-influxdb-build': 'Core' }).end('{"version":"3.0.0"}');
      else res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    });
    try {
      const r = await cli(['--host', tlsServer.url, '--token', 'apiv3_t', 'database', 'list', '--json'], { env: env({ INFLUXDB3_TLS_CA: ca }) });
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe('[]');
      expect(tlsServer.requests.map((q) => q.url)).toEqual(['/ping', expect.stringMatching(/^\/api\/v3\/configure\/database/)]);
    } finally {
      tlsServer.reset();
    }
  });

  it('tunnels https through a proxy and still verifies the server', async () => {
    const proxy = await startConnectProxy();
    try {
      const r = await cli([...clustered(tlsServer.url), '--tls-ca', ca, 'database', 'list', '--json'], { env: env({ HTTPS_PROXY: proxy.url }) });
      expect(r.exitCode, r.stderr).toBe(0);
      expect(proxy.tunnels).toEqual([`127.0.0.1:${tlsServer.port}`]);
      const unverified = await cli([...clustered(tlsServer.url), 'database', 'list'], { env: env({ HTTPS_PROXY: proxy.url }) });
      expect(unverified.exitCode).toBe(1);
      expect(unverified.stderr).toMatch(/TLS verification of .* failed/);
    } finally {
      await proxy.close();
    }
  });

  it('reaches an https:// proxy over TLS, verified against NODE_EXTRA_CA_CERTS, and fails clearly when it is not trusted', async () => {
    const proxy = await startConnectProxy({ tls: true, credentials: 'ops:tls-proxy-pw' });
    try {
      const proxyUrl = `https://ops:tls-proxy-pw@127.0.0.1:${proxy.port}`;
      const r = await cli([...clustered(server.url), 'database', 'list', '--json'], { env: env({ HTTP_PROXY: proxyUrl, NODE_EXTRA_CA_CERTS: ca }) });
      expect(r.exitCode, r.stderr).toBe(0);
      expect(proxy.tunnels).toEqual([`127.0.0.1:${server.port}`]);
      const untrusted = await cli([...clustered(server.url), 'database', 'list'], { env: env({ HTTP_PROXY: proxyUrl }) });
      expect(untrusted.exitCode).toBe(1);
      expectOneCleanError(untrusted, [TOKEN, 'tls-proxy-pw']);
      expect(untrusted.stderr).toContain(`TLS verification of the proxy at 127.0.0.1:${proxy.port} failed (UNABLE_TO_VERIFY_LEAF_SIGNATURE)`);
      expect(proxy.tunnels).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it('says so when https:// points at a plain HTTP server', async () => {
    const r = await cli([...clustered(server.url.replace('http:', 'https:')), 'database', 'list'], { env: env() });
    expect(r.exitCode).toBe(1);
    expectOneCleanError(r);
    expect(r.stderr).toMatch(/did not answer in TLS .*\nif the server speaks plain HTTP, use http:\/\/ in --host/);
  });
});

describe('a server that ignores a lookup filter', () => {
  it('cannot make v1-auth act on another user: a --username lookup checks the name it got back', async () => {
    // Asked for ?token=alice, it answers with bob's authorization, as a server that drops the filter would.
    const ignoreFilter = () => server.answer((req, res) => {
      if (req.method === 'GET' && req.url.startsWith('/private/legacy/authorizations')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
          authorizations: [{ id: '0b0b0b0b0b0b0b0b', token: 'bob', status: 'active', orgID: '0a0a0a0a0a0a0a0a', permissions: [] }],
        }));
      } else {
        res.writeHead(204).end();
      }
    });
    for (const args of [['set-password', '--username', 'alice', '--password-stdin', '--yes'], ['update', '--username', 'alice', '--description', 'x'], ['set-inactive', '--username', 'alice'], ['get', '--username', 'alice']]) {
      server.reset();
      ignoreFilter();
      const r = await cli(['--product', 'v2', '--host', server.url, 'v1-auth', ...args], { env: env(), input: 'a-long-password\n' });
      expect(r.exitCode, `${args[0]}: ${r.stderr}`).toBe(3);
      expectOneCleanError(r);
      expect(r.stderr).toContain('alice');
      // Only lookups reached the server: nothing was changed, bob's authorization least of all.
      expect(server.requests.map((q) => q.method), args[0]).toEqual(server.requests.map(() => 'GET'));
      expect(server.requests.some((q) => q.url.includes('0b0b0b0b0b0b0b0b')), args[0]).toBe(false);
    }
  });
});

describe('a v2 server that pages badly', () => {
  const ORG = { id: '0a0a0a0a0a0a0a0a', name: 'my-org' };
  const create = ['--product', 'v2', 'v1-auth', 'create', '--username', 'u1', '--org', 'my-org', '--read-bucket', 'nosuch', '--no-password'];
  const bucketsOf = (ids: string[]) => JSON.stringify({ buckets: ids.map((id) => ({ id, name: `b-${id}`, orgID: ORG.id })) });
  const hex = (n: number) => n.toString(16).padStart(16, '0');
  const answerBuckets = (page: (offset: number) => string) => server.answer((req, res) => {
    const url = new URL(req.url, server.url);
    res.writeHead(200, { 'content-type': 'application/json' });
    if (url.pathname === '/api/v2/orgs') res.end(JSON.stringify({ orgs: [ORG] }));
    else if (url.pathname === '/api/v2/buckets') res.end(page(Number(url.searchParams.get('offset') ?? 0)));
    else res.end('{}');
  });

  it('stops when a page brings nothing new (a server that ignores offset), exit 1 with one line', async () => {
    // The same full page whatever the offset: before the fix, tens of thousands of requests a second, for ever.
    answerBuckets(() => bucketsOf(Array.from({ length: 100 }, (_, i) => hex(i + 1))));
    const r = await cli(['--host', server.url, ...create], { env: env() });
    expect(r.exitCode, r.stderr).toBe(1);
    expectOneCleanError(r);
    expect(r.stderr).toMatch(/^error: listing buckets failed: the server sent the same buckets again/);
    expect(server.requests.filter((q) => q.url.startsWith('/api/v2/buckets'))).toHaveLength(2);
    expect(server.requests.some((q) => q.method !== 'GET')).toBe(false);
  });

  it('gives up after a bounded number of pages of a listing that never ends', async () => {
    answerBuckets((offset) => bucketsOf(Array.from({ length: 100 }, (_, i) => hex(offset + i + 1))));
    const r = await cli(['--host', server.url, ...create], { env: env(), timeoutMs: 60_000 });
    expect(r.exitCode, r.stderr).toBe(1);
    expectOneCleanError(r);
    expect(r.stderr).toMatch(/^error: listing buckets failed: the server sent more than 1000 pages/);
    expect(server.requests.filter((q) => q.url.startsWith('/api/v2/buckets'))).toHaveLength(1000);
  }, 70_000);
});

describe('a redirect that carries a secret', () => {
  it('scrubs the token from the error line and the --host advice', async () => {
    server.answer((req, res) => res.writeHead(302, { location: `https://other.example/${TOKEN}${req.url}?token=${TOKEN}&access_token=sig-0c0ffee0` }).end());
    const r = await cli([...clustered(server.url), 'database', 'list'], { env: env() });
    expect(r.exitCode).toBe(1);
    expectOneCleanError(r, [TOKEN, 'sig-0c0ffee0']);
    expect(r.stderr).toContain('the server redirected to https://other.example/[redacted]/api/v0/databases?token=[redacted]&access_token=[redacted] (302 Found)');
    expect(r.stderr).toMatch(/use --host https:\/\/other\.example\/\[redacted\]$/);
  });

  it('scrubs it from the percent-encoded spelling too, and from auth status and product detection', async () => {
    const token = 'tok/en+with=odd chars';
    const e = cleanEnv({ INFLUXADM_TOKEN: token });
    server.answer((req, res) => res.writeHead(307, { location: `http://127.0.0.1:${server.port}/${encodeURIComponent(token)}${req.url}` }).end());
    await cli(['profile', 'create', 'redirected', ...clustered(server.url)], { env: e });
    const status = await cli(['auth', 'status', '--profile', 'redirected', '--json'], { env: e });
    expect(status.exitCode).toBe(1);
    expect(status.stdout).toContain('[redacted]');
    // A fresh config: no profile names the product, so it is asked of /ping.
    const detect = await cli(['--host', server.url, 'database', 'list', '--debug'], { env: cleanEnv({ INFLUXADM_TOKEN: token }) });
    expect(detect.stderr).toContain('/ping failed: ');
    for (const r of [status, detect]) expectClean(r, [token, encodeURIComponent(token)]);
  });
});

describe('a 1xx final answer', () => {
  it('a 101 with Upgrade headers is an error at once, not a stall until --timeout', async () => {
    const odd = await startRawServer(() => 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
    try {
      const started = Date.now();
      const r = await cli([...clustered(odd.url), 'database', 'delete', 'x', '--yes', '--timeout', '10s'], { env: env() });
      expect(r.exitCode, r.stderr).toBe(1);
      expectOneCleanError(r);
      expect(r.stderr).toContain('failed: 101 Switching Protocols');
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await odd.close();
    }
  });
});

describe('JSON output of an odd answer', () => {
  it('an answer nested too deeply to write as JSON is one error line, exit 1; the table still shows it', async () => {
    const depth = 200_000;
    server.answer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' })
      .end(`[{"name":"deep","retentionPeriod":0,"maxTables":500,"maxColumnsPerTable":200,"extra":${'['.repeat(depth)}${']'.repeat(depth)}}]`));
    for (const format of ['json', 'jsonl']) {
      const r = await cli([...clustered(server.url), 'database', 'list', '--format', format], { env: env() });
      expect(r.exitCode, r.stderr).toBe(1);
      expectOneCleanError(r);
      expect(r.stderr).toMatch(/^error: the server's answer cannot be written as JSON/);
      expect(r.stdout).toBe('');
    }
    const table = await cli([...clustered(server.url), 'database', 'list'], { env: env() });
    expect(table.exitCode, table.stderr).toBe(0);
  });
});

describe('a 400 that means "already exists"', () => {
  it('a 400 that says "already exists" is a conflict (exit 5), as the exit codes promise', async () => {
    server.answer((_req, res) => res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 3, message: 'database "dup" already exists' })));
    const r = await cli([...clustered(server.url), 'database', 'create', 'dup'], { env: env() });
    expect(r.exitCode, r.stderr).toBe(5);
    expectOneCleanError(r);
    expect(r.stderr).toContain('400 Bad Request: database "dup" already exists');
  });
});

describe('v2 v1-auth create: a 422 is a conflict only when its code says so', () => {
  const ORG = { id: '0a0a0a0a0a0a0a0a', name: 'my-org' };
  const answer422 = (body: object) => server.answer((req, res) => {
    const url = new URL(req.url, server.url);
    if (req.method === 'POST') return void res.writeHead(422, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    res.writeHead(200, { 'content-type': 'application/json' });
    if (url.pathname === '/api/v2/orgs') res.end(JSON.stringify({ orgs: [ORG] }));
    else res.end(JSON.stringify({ authorizations: [] }));
  });
  const create = (u: string) => ['--product', 'v2', '--host', u, 'v1-auth', 'create', '--username', 'u1', '--org', 'my-org', '--read-bucket', '0b0b0b0b0b0b0b0b', '--no-password'];

  it('code "invalid": exit 2 with the server\'s message, not "the username is taken"', async () => {
    answer422({ code: 'invalid', message: 'permission resource id is invalid' });
    const r = await cli(create(server.url), { env: env() });
    expect(r.exitCode, r.stderr).toBe(2);
    expectOneCleanError(r);
    expect(r.stderr).toContain('422 Unprocessable Entity: permission resource id is invalid');
    expect(r.stderr).not.toContain('taken');
  });

  it('code "conflict": exit 5, the username is taken', async () => {
    answer422({ code: 'conflict', message: 'token already exists' });
    const r = await cli(create(server.url), { env: env() });
    expect(r.exitCode, r.stderr).toBe(5);
    expectOneCleanError(r);
    expect(r.stderr).toContain('the username "u1" is taken');
  });
});

describe('a lookup by ID checks the ID it got back', () => {
  const ASKED = '22222222-2222-4222-8222-222222222222';
  const OTHER = '44444444-4444-4444-8444-444444444444';

  it('dedicated: a token read answered with another token is exit 1, and no update is sent', async () => {
    const dedicated = ['--product', 'dedicated', '--host', server.url, '--account', ACCOUNT, '--cluster', CLUSTER];
    for (const args of [['token', 'get', ASKED], ['token', 'update', ASKED, '--add-permission', 'db:db2:read']]) {
      server.reset();
      server.answer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(req.method === 'GET' ? JSON.stringify({ id: OTHER, description: 'other', permissions: [{ action: 'read', resource: 'db1' }] }) : '{}'));
      const r = await cli([...dedicated, ...args], { env: env() });
      expect(r.exitCode, `${args[1]}: ${r.stderr}`).toBe(1);
      expectOneCleanError(r);
      expect(r.stderr).toContain(`reading token ${ASKED} failed: the server answered with ${OTHER} instead`);
      expect(server.requests.map((q) => q.method)).toEqual(['GET']);
    }
  });

  it('an update answered with another object is exit 1, saying the change was probably applied', async () => {
    const token = (id: string) => ({ id, description: 'd', permissions: [{ action: 'read', resource: 'db1' }] });
    const auth = (id: string) => ({ id, token: 'bob', status: 'active', orgID: '0a0a0a0a0a0a0a0a', permissions: [] });
    const cases: Array<[string[], string, unknown, unknown]> = [
      [['--product', 'dedicated', '--host', server.url, '--account', ACCOUNT, '--cluster', CLUSTER, 'token', 'update', ASKED, '--description', 'x'], `updating token ${ASKED}`, token(ASKED), token(OTHER)],
      [['--product', 'v2', '--host', server.url, 'v1-auth', 'update', '0c0c0c0c0c0c0c0c', '--description', 'x'], 'updating legacy authorization 0c0c0c0c0c0c0c0c', auth('0c0c0c0c0c0c0c0c'), auth('0b0b0b0b0b0b0b0b')],
    ];
    for (const [args, what, asked, other] of cases) {
      server.reset();
      server.answer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(req.method === 'PATCH' ? other : asked)));
      const r = await cli(args, { env: env() });
      expect(r.exitCode, r.stderr).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(`^error: ${what} failed: the server answered with \\S+ instead\n.*probably applied`));
    }
  });

  it('v2: v1-auth get by ID answered with another authorization is exit 1', async () => {
    server.answer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ id: '0b0b0b0b0b0b0b0b', token: 'bob', status: 'active', orgID: '0a0a0a0a0a0a0a0a', permissions: [] })));
    const r = await cli(['--product', 'v2', '--host', server.url, 'v1-auth', 'get', '0c0c0c0c0c0c0c0c'], { env: env() });
    expect(r.exitCode, r.stderr).toBe(1);
    expectOneCleanError(r);
    expect(r.stderr).toContain('reading legacy authorization 0c0c0c0c0c0c0c0c failed: the server answered with 0b0b0b0b0b0b0b0b instead');
  });
});
