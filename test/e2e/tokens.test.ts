import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, ANSI, BIN, CLUSTER, cleanEnv, cli, parseJson, startSandbox, tempDir, type SandboxHandle } from './harness.js';

const MGMT = 'management-token-secret-xyz';
let mgmt: SandboxHandle;
let ent: SandboxHandle;
let core: SandboxHandle;
beforeAll(async () => {
  [mgmt, ent, core] = await Promise.all([startSandbox(), startSandbox(['--influxdb3', 'enterprise']), startSandbox(['--influxdb3', 'core'])]);
});
afterAll(async () => {
  await Promise.all([mgmt.stop(), ent.stop(), core.stop()]);
});

interface Token { id: string; description: string; permissions: Array<{ action: string; resource: string }>; accessToken?: string; revokedAt?: string; expiresAt?: string }

describe.each([
  { product: 'dedicated', target: () => ['--product', 'dedicated', '--host', mgmt.url, '--account', ACCOUNT, '--cluster', CLUSTER], prefix: `/api/v0/accounts/${ACCOUNT}/clusters/${CLUSTER}` },
  { product: 'clustered', target: () => ['--product', 'clustered', '--host', mgmt.url], prefix: '/api/v0' },
])('database tokens on $product', ({ target, prefix }) => {
  const run = (args: string[], options: { env?: Record<string, string> } = {}) => cli([...target(), '--token', MGMT, ...args], options);

  it('creates a token with translated permissions and expiry, and shows the secret once', async () => {
    await mgmt.clearRequests();
    const before = Date.now();
    const r = await run(['token', 'create', 'ci reader', '--read-database', 'db1', '--permission', 'db:db2,db3:read,write', '--expiry', '7d']);
    expect(r.exitCode).toBe(0);
    const [request] = await mgmt.requests();
    expect(request).toMatchObject({ method: 'POST', path: `${prefix}/tokens` });
    const body = request!.body as { description: string; permissions: unknown[]; expiresAt: string };
    expect(body.description).toBe('ci reader');
    expect(body.permissions).toEqual([
      { action: 'read', resource: 'db1' }, { action: 'read', resource: 'db2' }, { action: 'write', resource: 'db2' },
      { action: 'read', resource: 'db3' }, { action: 'write', resource: 'db3' },
    ]);
    expect(Date.parse(body.expiresAt) - before).toBeGreaterThanOrEqual(7 * 86400e3 - 1000);
    const lines = r.stdout.trim().split('\n');
    const secret = lines[lines.length - 1]!;
    expect(secret).toMatch(/^apiv1_\S+$/);
    expect(r.stdout.split(secret)).toHaveLength(2);
    expect(r.stdout).toMatch(/DESCRIPTION\s+ci reader/);
    expect(r.stdout).not.toMatch(ANSI);
    expect(r.stderr).toMatch(/will not be shown again/);
    expect(r.stderr).not.toContain(secret);
  });

  it('prints the object with accessToken in JSON, and only the string with --quiet', async () => {
    const json = await run(['token', 'create', 'json', '--write-database', '*', '--json']);
    expect(parseJson<Token>(json.stdout)).toMatchObject({ description: 'json', permissions: [{ action: 'write', resource: '*' }], accessToken: expect.stringMatching(/^apiv1_/) });
    const quiet = await run(['token', 'create', 'quiet', '--read-database', 'a', '-q']);
    expect(quiet.exitCode).toBe(0);
    expect(quiet.stdout).toMatch(/^apiv1_\S+$/);
    expect(quiet.stderr).toBe('');
  });

  it('writes the secret to --output-file (0600) and refuses to overwrite without --force', async () => {
    const file = join(tempDir(), 'token.txt');
    const r = await run(['token', 'create', 'to file', '--read-database', 'a', '--output-file', file, '--json']);
    expect(r.exitCode).toBe(0);
    const secret = readFileSync(file, 'utf8').trim();
    expect(secret).toMatch(/^apiv1_/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(r.stdout).not.toContain(secret);
    expect(parseJson(r.stdout)).toMatchObject({ tokenFile: file, description: 'to file' });
    await mgmt.clearRequests();
    const again = await run(['token', 'create', 'again', '--output-file', file]);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toMatch(/exists already/);
    expect(await mgmt.requests()).toEqual([]);
    expect((await run(['token', 'create', 'again', '--read-database', 'a', '--output-file', file, '--force'])).exitCode).toBe(0);
    expect(readFileSync(file, 'utf8').trim()).not.toBe(secret);
  });

  it.each([
    [['token', 'create', 'x', '--permission', 'db:a'], /three parts/],
    [['token', 'create', 'x', '--read-database', 'a:write'], /^error: --read-database "a:write" takes database names .*, not a permission/],
    [['token', 'create', 'x', '--permission', 'system:health:read'], /system permissions are not available on Cloud Dedicated/],
    [['token', 'create', 'x', '--permission', 'db:bad name:read'], /contains a space/],
    [['token', 'create', 'x', '--expiry', '0'], /zero/],
    [['token', 'create', 'x', '--expiry', '-3d'], /negative/],
    [['token', 'create', 'x', '--expires-at', '2001-01-01T00:00:00Z'], /not in the future/],
    [['token', 'create', 'x', '--expires-at', '9999-12-31T23:59:59-23:59'], /outside the years 0000 to 9999 in UTC/],
    [['token', 'create', 'x', '--expiry', '1d', '--expires-at', '2040-01-01T00:00:00Z'], /not both/],
    [['token', 'create'], /needs a description/],
    [['token', 'create', 'x', '--admin'], /`token create --admin` is not available/],
    [['token', 'get', 'not-a-uuid'], /not a UUID/],
    [['token', 'update', '11111111-1111-4111-8111-111111111111'], /nothing to update/],
    [['token', 'update', '11111111-1111-4111-8111-111111111111', '--permission', 'db:a:read', '--add-permission', 'db:b:read'], /not both/],
    [['token', 'revoke', 'abc', '--yes'], /not a UUID/],
    [['token', 'regenerate'], /`token regenerate` is not available/],
    [['token', 'list', '--sort', 'size'], /sort by id, description, created/],
    [['token', 'list', '--admin-only'], /`token list --admin-only` is not available/],
  ])('rejects %j with exit 2 and sends nothing', async (args, message) => {
    await mgmt.clearRequests();
    const r = await run(args);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(await mgmt.requests()).toEqual([]);
  });

  it('lists, gets, updates and revokes', async () => {
    const created = parseJson<Token>((await run(['token', 'create', 'lifecycle', '--read-database', 'one', '--json'])).stdout);
    const list = parseJson<Token[]>((await run(['token', 'list', '--json'])).stdout);
    const listed = list.find((t) => t.id === created.id)!;
    expect(listed).toMatchObject({ description: 'lifecycle' });
    expect(listed.accessToken).toBeUndefined();

    expect(parseJson((await run(['token', 'get', created.id, '--json'])).stdout)).toMatchObject({ id: created.id, permissions: [{ action: 'read', resource: 'one' }] });

    await mgmt.clearRequests();
    const edited = await run(['token', 'update', created.id, '--add-permission', 'db:two:write', '--remove-permission', 'db:one:read', '--description', 'renamed', '--json']);
    expect(edited.exitCode).toBe(0);
    const [read, patch] = await mgmt.requests();
    expect(read).toMatchObject({ method: 'GET', path: `${prefix}/tokens/${created.id}` });
    expect(patch).toMatchObject({ method: 'PATCH', body: { description: 'renamed', permissions: [{ action: 'write', resource: 'two' }] } });

    await mgmt.clearRequests();
    await run(['token', 'update', created.id, '--read-database', 'three']);
    expect((await mgmt.requests()).map((q) => q.method)).toEqual(['PATCH']);

    const sorted = parseJson<Token[]>((await run(['token', 'list', '--sort', 'description', '--json'])).stdout).map((t) => t.description);
    expect(sorted).toEqual([...sorted].sort());

    expect((await run(['token', 'revoke', created.id])).exitCode).toBe(2);
    const revoked = await run(['token', 'delete', created.id, '--yes']);
    expect(revoked.exitCode).toBe(0);
    expect(revoked.stderr).toContain(`revoked token ${created.id}`);
    expect(parseJson<Token[]>((await run(['token', 'list', '--json'])).stdout).some((t) => t.id === created.id)).toBe(false);
    const withRevoked = parseJson<Token[]>((await run(['token', 'list', '--include-revoked', '--json'])).stdout);
    expect(Date.parse(withRevoked.find((t) => t.id === created.id)!.revokedAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect((await run(['token', 'get', created.id])).exitCode).toBe(3);
    expect((await run(['token', 'get', created.id, '--include-revoked'])).exitCode).toBe(0);

    const batch = await run(['token', 'revoke', created.id, '22222222-2222-4222-8222-222222222222', '--yes']);
    expect(batch.exitCode).toBe(3);
    expect(batch.stderr).toMatch(/2 of 2 failed/);
  });

  it("takes the description with --description too (influxctl's spelling), once", async () => {
    await mgmt.clearRequests();
    const r = await run(['token', 'create', '--description', 'flagged', '--read-database', 'a', '--json']);
    expect(r.exitCode).toBe(0);
    expect(parseJson<Token>(r.stdout).description).toBe('flagged');
    expect((await mgmt.requests())[0]!.body).toMatchObject({ description: 'flagged' });

    await mgmt.clearRequests();
    const twice = await run(['token', 'create', 'one', '--description', 'two', '--read-database', 'a']);
    expect(twice.exitCode).toBe(2);
    expect(twice.stderr).toBe('error: give the description once: as the argument or with --description');
    expect(await mgmt.requests()).toEqual([]);
  });

  it('keeps the secret out of --debug output', async () => {
    const r = await run(['token', 'create', 'debugged', '--read-database', 'a', '--debug', '--json']);
    expect(r.exitCode).toBe(0);
    const secret = parseJson<Token>(r.stdout).accessToken!;
    expect(r.stderr).toMatch(/debug: ← body .*"accessToken":"\[redacted\]"/);
    expect(r.stderr).not.toContain(secret);
    expect(r.stderr).not.toContain(MGMT);
  });

  it('reports a secret it could not deliver, with the token ID, and exits non-zero', async () => {
    const child = execa('node', [BIN, ...target(), '--token', MGMT, 'token', 'create', 'lost', '--read-database', 'a'], {
      reject: false, extendEnv: false, env: cleanEnv(), stdin: 'ignore',
    });
    child.stdout!.destroy();
    const r = await child;
    expect(r.exitCode).toBe(1);
    expect(String(r.stderr)).toMatch(/token [0-9a-f-]{36} was created, but writing it to standard output failed \(EPIPE\); its secret is lost/);
    expect(String(r.stderr)).toMatch(/revoke it with: influxadm token revoke [0-9a-f-]{36} --yes/);
  });
});

describe.each(['core', 'enterprise'] as const)('tokens on %s', (product) => {
  const server = () => (product === 'core' ? core : ent);
  const run = (args: string[], token?: string) => cli(['--product', product, '--host', server().url, ...(token ? ['--token', token] : []), ...args]);

  it('mints the operator token without a token, once', async () => {
    await server().clearRequests();
    const first = await run(['token', 'create', '--admin', '--json']);
    expect(first.exitCode).toBe(0);
    const operator = parseJson<{ name: string; token: string; expiresAt: null }>(first.stdout);
    expect(operator).toMatchObject({ name: '_admin', expiresAt: null, token: expect.stringMatching(/^apiv3_/) });
    const [request] = await server().requests();
    expect(request).toMatchObject({ method: 'POST', path: '/api/v3/configure/token/admin' });
    expect(request!.headers.authorization).toBeUndefined();
    const again = await run(['token', 'create', '--admin'], operator.token);
    expect(again.exitCode).toBe(5);
    expect(again.stderr).toMatch(/token name already exists, _admin/);
    expect(again.stderr).toMatch(/influxadm token regenerate/);
  });

  it('creates a named admin token with an expiry, lists and deletes it', async () => {
    await server().clearRequests();
    const r = await run(['token', 'create', '--admin', '--name', `ops-${product}`, '--expiry', '1h', '--json'], 'any-admin');
    expect(r.exitCode).toBe(0);
    expect((await server().requests())[0]).toMatchObject({ path: '/api/v3/configure/token/named_admin', body: { token_name: `ops-${product}`, expiry_secs: 3600 } });
    const list = parseJson<Array<{ name: string; permissions: unknown[]; expiresAt: string | null; expired: boolean }>>((await run(['token', 'list', '--json'], 'any-admin')).stdout);
    expect(list.find((t) => t.name === `ops-${product}`)).toMatchObject({ permissions: [{ type: '*', resource: '*', action: '*' }], expired: false, expiresAt: expect.stringMatching(/Z$/) });
    expect((await run(['token', 'delete', `ops-${product}`], 'any-admin')).exitCode).toBe(2);
    expect((await run(['delete', 'token', '--token-name', `ops-${product}`, '-y'], 'any-admin')).exitCode).toBe(0);
    expect((await run(['token', 'delete', `ops-${product}`, '--yes'], 'any-admin')).exitCode).toBe(3);
  });

  it("takes influxdb3's --format text (its default for create token) as the table", async () => {
    await server().clearRequests();
    const r = await run(['create', 'token', '--admin', '--name', `text-${product}`, '--format', 'text'], 'any-admin');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^NAME +text-${product}$`, 'm'));
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^apiv3_/);
    expect(r.stdout).not.toMatch(ANSI);
    expect((await server().requests()).map((q) => q.path)).toEqual(['/api/v3/configure/token/named_admin']);
  });

  it('refuses to delete the operator token before sending anything', async () => {
    await server().clearRequests();
    const r = await run(['token', 'delete', '_admin', '--yes'], 'any-admin');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/"_admin" cannot be deleted/);
    expect(await server().requests()).toEqual([]);
  });

  it('filters the list client-side, sending no user text as SQL', async () => {
    await run(['token', 'create', '--admin', '--name', 'ci-one'], 'any-admin');
    await run(['token', 'create', '--admin', '--name', 'ci-two', '--expiry', '1s'], 'any-admin');
    await run(['token', 'create', '--admin', '--name', 'other'], 'any-admin');
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await server().clearRequests();
    const hostile = "ci%'; DROP TABLE system.tokens; --";
    const none = await run(['token', 'list', '--name-like', hostile, '--json'], 'any-admin');
    expect(parseJson(none.stdout)).toEqual([]);
    const [query] = await server().requests();
    expect(query!.body).toEqual({ db: '_internal', q: 'SELECT * FROM system.tokens ORDER BY token_id', format: 'json' });

    const ci = parseJson<Array<{ name: string }>>((await run(['token', 'list', '--name-like', 'ci-%', '--json'], 'any-admin')).stdout).map((t) => t.name);
    expect(ci.sort()).toEqual(['ci-one', 'ci-two']);
    const expired = parseJson<Array<{ name: string }>>((await run(['show', 'tokens', '--expired', '--format', 'json'], 'any-admin')).stdout).map((t) => t.name);
    expect(expired).toEqual(['ci-two']);
    const pretty = await run(['show', 'tokens', '--admin-only', '--format', 'pretty'], 'any-admin');
    expect(pretty.stdout).toMatch(/ci-one/);
    expect(pretty.stdout).not.toMatch(ANSI);
  });

  it('honours expiry: an expired token gets 401 (exit 4)', async () => {
    const created = parseJson<{ token: string }>((await run(['token', 'create', '--admin', '--name', `short-${product}`, '--expiry', '1s', '--json'], 'any-admin')).stdout);
    expect((await run(['database', 'list'], created.token)).exitCode).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const r = await run(['database', 'list'], created.token);
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toMatch(/401 Unauthorized: the request was not authenticated/);
    expect(r.stderr).not.toContain(created.token);
  });

  it('regenerates the operator token with --yes only, and the old one stops working', async () => {
    expect((await run(['token', 'regenerate'], 'any-admin')).exitCode).toBe(2);
    const before = parseJson<{ token: string }>((await run(['token', 'regenerate', '--yes', '--json'], 'any-admin')).stdout).token;
    const after = (await run(['create', 'token', '--admin', '--regenerate', '-y', '--quiet'], before)).stdout.trim();
    expect(after).toMatch(/^apiv3_/);
    expect(after).not.toBe(before);
    expect((await run(['database', 'list'], before)).exitCode).toBe(4);
    expect((await run(['database', 'list'], after)).exitCode).toBe(0);
    expect((await run(['create', 'token', '--admin', '--regenerate', '--name', 'x'], after)).stderr).toMatch(/cannot be used with --name/);
  });

  it.each([
    [['token', 'create'], /--admin, or --permission/],
    [['token', 'create', 'description'], /have names, not descriptions/],
    [['token', 'create', '--admin', '--description', 'd'], /`token create --description` is not available for/],
    [['token', 'create', '--admin', '--expiry', '1d'], /operator token never expires/],
    [['token', 'create', '--admin', '--name', 'x', '--expiry', '0'], /zero/],
    [['token', 'create', '--admin', '--name', 'x', '--permission', 'db:a:read'], product === 'core' ? /not available for core/ : /drop --admin/],
    [['token', 'get', '11111111-1111-4111-8111-111111111111'], /`token get` is not available/],
    [['token', 'list', '--include-revoked'], /`token list --include-revoked` is not available/],
  ])('rejects %j with exit 2 and sends nothing', async (args, message) => {
    await server().clearRequests();
    const r = await run(args, 'any-admin');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(await server().requests()).toEqual([]);
  });
});

describe('a lost operator token (influxdb3 issue 26330)', () => {
  it('is regenerated through the admin token recovery endpoint, which takes no token, without one', async () => {
    // The recovery listener of `influxdb3 serve --admin-token-recovery-http-bind` answers this one path, unauthenticated.
    const seen: Array<{ method?: string; url?: string; headers: IncomingHttpHeaders }> = [];
    const recovery = createServer((req, res) => {
      seen.push({ method: req.method, url: req.url, headers: req.headers });
      res.writeHead(201, { 'content-type': 'json' });
      res.end(JSON.stringify({ id: 0, name: '_admin', token: 'apiv3_recovered', hash: 'ab'.repeat(64), created_at: '2026-01-01T00:00:00Z', expiry: null }));
    });
    await new Promise<void>((resolve) => recovery.listen(0, '127.0.0.1', resolve));
    try {
      const r = await cli(['--product', 'core', '--host', `http://127.0.0.1:${(recovery.address() as AddressInfo).port}`, 'token', 'regenerate', '--yes', '-q']);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stdout).toBe('apiv3_recovered');
      expect(seen).toEqual([{ method: 'POST', url: '/api/v3/configure/token/admin/regenerate', headers: expect.not.objectContaining({ authorization: expect.anything() }) }]);
    } finally {
      recovery.close();
    }
  });

  it('without a token, the main server answers 401 and the error says where the recovery endpoint is', async () => {
    await core.clearRequests();
    const r = await cli(['--product', 'core', '--host', core.url, 'token', 'regenerate', '--yes']);
    expect(r.exitCode).toBe(4);
    expect(r.stderr.split('\n')).toEqual([
      'error: regenerating the operator token failed: 401 Unauthorized: the request was not authenticated',
      expect.stringMatching(/^no token was sent: pass the operator token .*admin token recovery endpoint/),
    ]);
    const [request] = await core.requests();
    expect(request).toMatchObject({ method: 'POST', path: '/api/v3/configure/token/admin/regenerate', status: 401 });
    expect(request!.headers.authorization).toBeUndefined();
  });
});

describe('resource tokens', () => {
  it('are created on enterprise with resource_names, and checked against existing databases', async () => {
    await cli(['--product', 'enterprise', '--host', ent.url, '--token', 't', 'database', 'create', 'sales']);
    await ent.clearRequests();
    const r = await cli(['--product', 'enterprise', '--host', ent.url, '--token', 't', 'create', 'token', '--name', 'sales-rw', '--permission', 'db:sales:read,write', '--permission', 'system:health:read', '--json']);
    expect(r.exitCode).toBe(0);
    expect((await ent.requests())[0]).toMatchObject({
      path: '/api/v3/enterprise/configure/token',
      body: { token_name: 'sales-rw', permissions: [{ resource_type: 'db', resource_names: ['sales'], actions: ['read', 'write'] }, { resource_type: 'system', resource_names: ['health'], actions: ['read'] }], expiry_secs: null },
    });
    await ent.clearRequests();
    const badName = await cli(['--product', 'enterprise', '--host', ent.url, '--token', 't', 'token', 'create', '--name', 'x', '--permission', 'db:bad name:read']);
    expect(badName.exitCode).toBe(2);
    expect(badName.stderr).toMatch(/database name in the permission/);
    expect(await ent.requests()).toEqual([]);
    const missing = await cli(['--product', 'enterprise', '--host', ent.url, '--token', 't', 'token', 'create', '--name', 'x', '--permission', 'db:nope:read']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/invalid resource name nope/);
    const dup = await cli(['--product', 'enterprise', '--host', ent.url, '--token', 't', 'token', 'create', '--name', 'sales-rw', '--permission', 'db:sales:read']);
    expect(dup.exitCode).toBe(5);
  });

  it('are refused on core with a sentence naming enterprise, before sending', async () => {
    await core.clearRequests();
    const r = await cli(['--product', 'core', '--host', core.url, '--token', 't', 'token', 'create', '--name', 'x', '--permission', 'db:a:read']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/`token create --permission` is not available for core .*enterprise \(InfluxDB 3 Enterprise\)/);
    expect(await core.requests()).toEqual([]);
  });
});

describe('writing the secret to a file that goes missing', () => {
  it('exits 2 before creating anything when the directory does not exist', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'blocker'), '');
    await mgmt.clearRequests();
    const r = await cli(['--product', 'clustered', '--host', mgmt.url, '--token', MGMT, 'token', 'create', 'x', '--output-file', join(dir, 'nope', 'token')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/does not exist/);
    expect(existsSync(join(dir, 'nope'))).toBe(false);
    expect(await mgmt.requests()).toEqual([]);
  });
});
