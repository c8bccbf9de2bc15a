import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, cli, parseJson, startSandbox, type SandboxHandle } from './harness.js';

const ADMIN = 'v2-operator-token-abc';
let sandbox: SandboxHandle;
let org: { id: string; name: string };
let bucketIds: Record<string, string>;

beforeAll(async () => {
  sandbox = await startSandbox();
  const headers = { authorization: `Token ${ADMIN}` };
  org = ((await (await fetch(`${sandbox.url}/api/v2/orgs`, { headers })).json()) as { orgs: Array<{ id: string; name: string }> }).orgs[0]!;
  const buckets = ((await (await fetch(`${sandbox.url}/api/v2/buckets?orgID=${org.id}`, { headers })).json()) as { buckets: Array<{ id: string; name: string }> }).buckets;
  bucketIds = Object.fromEntries(buckets.map((b) => [b.name, b.id]));
});
afterAll(async () => {
  await sandbox.stop();
});

interface Auth { id: string; token: string; status: string; description: string; permissions: Array<{ action: string; resource: { id?: string; name?: string } }> }

const env = () => cleanEnv({ INFLUX_HOST: sandbox.url, INFLUX_TOKEN: ADMIN, INFLUX_ORG: 'my-org' });
const run = (args: string[], options: { input?: string } = {}) => cli(['--product', 'v2', ...args], { env: env(), ...options });
let n = 0;
const user = (base: string) => `${base}${Date.now().toString(36)}${n++}`;
const passwordRequests = async () => (await sandbox.requests()).filter((q) => q.path.endsWith('/password'));

describe('v1-auth', () => {
  it('creates with buckets by name and ID, the org from INFLUX_ORG, and a password from stdin', async () => {
    const name = user('alice');
    await sandbox.clearRequests();
    const r = await run(['v1-auth', 'create', '--username', name, '--read-bucket', 'telegraf', '--write-bucket', bucketIds.metrics!, '--password-stdin', '--description', 'for grafana', '--json'], { input: 'correct-horse\n' });
    expect(r.exitCode).toBe(0);
    const auth = parseJson<Auth>(r.stdout);
    expect(auth).toMatchObject({ token: name, status: 'active', description: 'for grafana' });
    expect(auth.permissions.map((p) => `${p.action}:${p.resource.name}`)).toEqual(['read:telegraf', 'write:metrics']);

    const requests = await sandbox.requests();
    expect(requests.map((q) => `${q.method} ${q.path}`)).toEqual([
      'GET /api/v2/orgs',
      'GET /api/v2/buckets',
      'GET /private/legacy/authorizations',
      'POST /private/legacy/authorizations',
      `POST /private/legacy/authorizations/${auth.id}/password`,
    ]);
    expect(requests[0]!.query).toEqual({ org: 'my-org' });
    expect(requests[2]!.query).toEqual({ token: name });
    expect(requests[3]!.body).toEqual({
      orgID: org.id,
      token: name,
      description: 'for grafana',
      permissions: [
        { action: 'read', resource: { type: 'buckets', orgID: org.id, id: bucketIds.telegraf } },
        { action: 'write', resource: { type: 'buckets', orgID: org.id, id: bucketIds.metrics } },
      ],
    });
    for (const q of requests) expect(q.headers.authorization).toBe(`Token ${ADMIN}`);
    expect(r.stdout).not.toContain('correct-horse');
    expect(r.stderr).not.toContain('correct-horse');
  });

  it("runs with influx's environment alone: v1-auth is v2's, so no --product is needed", async () => {
    await sandbox.clearRequests();
    const r = await cli(['v1-auth', 'list', '--json', '--debug'], { env: env() });
    expect(r.exitCode).toBe(0);
    expect(Array.isArray(parseJson(r.stdout))).toBe(true);
    expect(r.stderr).toMatch(/^debug: target: product v2 \(`v1-auth list` \(only v2 has it\)\), host http:\/\/127\.0\.0\.1:\d+ \(INFLUX_HOST\)$/m);
    const requests = await sandbox.requests();
    expect(requests.map((q) => q.path)).toEqual(['/api/v2/orgs', '/private/legacy/authorizations']);
    for (const q of requests) expect(q.headers.authorization).toBe(`Token ${ADMIN}`);
    // A verb several products have still needs one named.
    const other = await cli(['database', 'list'], { env: env() });
    expect(other.exitCode).toBe(2);
    expect(other.stderr).toMatch(/^error: no product given/);
  });

  it("goes to INFLUX_HOST with INFLUXDB3_HOST_URL set too: influxdb3's server is not asked what it is for v2's verb", async () => {
    const core = await startSandbox(['--influxdb3', 'core']);
    try {
      await sandbox.clearRequests();
      const r = await cli(['v1-auth', 'list', '--json'], { env: cleanEnv({ INFLUX_HOST: sandbox.url, INFLUX_TOKEN: ADMIN, INFLUX_ORG: 'my-org', INFLUXDB3_HOST_URL: core.url, INFLUXDB3_AUTH_TOKEN: 'core-token' }) });
      expect(r.stderr).toBe('');
      expect(r.exitCode).toBe(0);
      expect(await core.requests()).toEqual([]);
      expect((await sandbox.requests()).map((q) => q.path)).toEqual(['/api/v2/orgs', '/private/legacy/authorizations']);
      // --host is where the command goes: that one is asked, and a server that is not v2 is refused.
      const asked = await cli(['--host', core.url, '--token', 'core-token', 'v1-auth', 'list'], { env: cleanEnv() });
      expect(asked.exitCode).toBe(2);
      expect(asked.stderr).toMatch(/^error: `v1-auth list` is not available for core/);
    } finally {
      await core.stop();
    }
  });

  it("runs influx's own lines: v1 auth (alias authorization) is v1-auth", async () => {
    const name = user('shaped');
    await sandbox.clearRequests();
    // The example of influx v1 auth create's docs, with --no-password (no terminal here to ask on).
    const created = await cli(['v1', 'auth', 'create', '--read-bucket', bucketIds.telegraf!, '--read-bucket', bucketIds.metrics!, '--write-bucket', bucketIds.telegraf!, '--username', name, '--no-password', '--json'], { env: env() });
    expect(created.exitCode, created.stderr).toBe(0);
    expect(parseJson<Auth>(created.stdout).permissions.map((p) => `${p.action}:${p.resource.id}`).sort()).toEqual([
      `read:${bucketIds.telegraf}`, `read:${bucketIds.metrics}`, `write:${bucketIds.telegraf}`,
    ].sort());
    const listed = parseJson<Auth[]>((await cli(['v1', 'authorization', 'find', '--username', name, '--json'], { env: env() })).stdout);
    expect(listed.map((a) => a.token)).toEqual([name]);
    expect((await cli(['v1', 'auth', 'set-inactive', '--username', name], { env: env() })).exitCode).toBe(0);
    expect((await cli(['v1', 'auth', 'delete', '--username', name, '--yes'], { env: env() })).exitCode).toBe(0);
    expect((await sandbox.requests()).filter((q) => q.method !== 'GET').map((q) => q.method)).toEqual(['POST', 'PATCH', 'DELETE']);
  });

  it('takes the org ID from INFLUX_ORG_ID, as influx does, and refuses it set with INFLUX_ORG before sending', async () => {
    const name = user('orgid');
    const byId = cleanEnv({ INFLUX_HOST: sandbox.url, INFLUX_TOKEN: ADMIN, INFLUX_ORG_ID: org.id });
    await sandbox.clearRequests();
    const r = await cli(['--product', 'v2', 'v1-auth', 'create', '--username', name, '--read-bucket', bucketIds.telegraf!, '--no-password', '--json'], { env: byId });
    expect(r.exitCode).toBe(0);
    const requests = await sandbox.requests();
    expect(requests.some((q) => q.path === '/api/v2/orgs')).toBe(false);
    expect(requests.find((q) => q.method === 'POST')!.body).toMatchObject({ orgID: org.id, token: name });
    // --org on the line outranks it.
    expect((await cli(['--product', 'v2', 'v1-auth', 'list', '--org', 'my-org', '--json'], { env: byId })).exitCode).toBe(0);

    await sandbox.clearRequests();
    const both = await cli(['--product', 'v2', 'v1-auth', 'list'], { env: { ...byId, INFLUX_ORG: 'my-org' } });
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toMatch(/^error: INFLUX_ORG_ID and INFLUX_ORG are both set/);
    const bad = await cli(['--product', 'v2', 'v1-auth', 'list'], { env: { ...byId, INFLUX_ORG_ID: 'my-org' } });
    expect(bad.exitCode).toBe(2);
    expect(await sandbox.requests()).toEqual([]);
  });

  it('takes --permission bucket:…, --org-id and --no-password, and says the user cannot log in yet', async () => {
    const name = user('bob');
    await sandbox.clearRequests();
    const r = await cli(['--product', 'v2', '--host', sandbox.url, '--token', ADMIN, 'legacy-auth', 'create', '--username', name, '--permission', 'bucket:telegraf,metrics:read', '--org-id', org.id, '--no-password', '--json']);
    expect(r.exitCode).toBe(0);
    const auth = parseJson<Auth>(r.stdout);
    expect(auth.permissions.map((p) => `${p.action}:${p.resource.name}`)).toEqual(['read:metrics', 'read:telegraf']);
    // The org by ID is not looked up by name, and no password is set.
    const requests = await sandbox.requests();
    expect(requests.filter((q) => q.method !== 'GET').map((q) => `${q.method} ${q.path}`)).toEqual(['POST /private/legacy/authorizations']);
    expect(requests.some((q) => q.path === '/api/v2/orgs')).toBe(false);
    expect(requests.find((q) => q.method === 'POST')!.body).toMatchObject({
      orgID: org.id,
      token: name,
      permissions: [
        { action: 'read', resource: { type: 'buckets', orgID: org.id, id: bucketIds.metrics } },
        { action: 'read', resource: { type: 'buckets', orgID: org.id, id: bucketIds.telegraf } },
      ],
    });
    expect(r.stderr).toMatch(/has no password and cannot log in until you run `influxadm v1-auth set-password/);
  });

  it.each([
    [['v1-auth', 'create', '--username', 'x', '--read-bucket', 'telegraf'], /no terminal to ask for the password/],
    [['v1-auth', 'create', '--read-bucket', 'telegraf', '--no-password'], /needs --username/],
    [['v1-auth', 'create', '--username', 'x', '--no-password'], /at least one bucket permission/],
    [['v1-auth', 'create', '--username', 'x', '--permission', 'db:a:read', '--no-password'], /db permissions do not apply/],
    [['v1-auth', 'create', '--username', 'x', '--permission', 'bucket:a:delete', '--no-password'], /bucket does not allow "delete"/],
    [['v1-auth', 'create', '--username', 'x', '--read-bucket', 'telegraf:write', '--no-password'], /^error: --read-bucket "telegraf:write" takes bucket names or IDs .*, not a permission/],
    [['v1-auth', 'create', '--username', 'x', '--write-bucket', '', '--no-password'], /^error: --write-bucket "": the resource names are empty/],
    [['v1-auth', 'create', '--username', 'x', '--read-bucket', 'a', '--org', 'o', '--org-id', 'aaaaaaaaaaaaaaaa', '--no-password'], /--org or --org-id, not both/],
    [['v1-auth', 'create', '--username', 'x', '--read-bucket', 'a', '--password-stdin', '--no-password'], /not both/],
    [['v1-auth', 'set-password', '--password-stdin'], /give its ID or --username/],
    [['v1-auth', 'get', 'not-an-id'], /16 hex digits/],
    [['v1-auth', 'get', 'aaaaaaaaaaaaaaaa', '--username', 'u'], /not both/],
    [['v1-auth', 'update', '--username', 'u'], /nothing to update/],
    [['v1-auth', 'delete', '0000000000000000', '--yes'], /all zeros/],
  ])('rejects %j with exit 2 and sends nothing', async (args, message) => {
    await sandbox.clearRequests();
    const r = await run(args);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(await sandbox.requests()).toEqual([]);
  });

  it.each([
    ['create', '--username', 'pw-on-line', '--read-bucket', 'telegraf', '--password=hunter2hunter2'],
    ['set-password', '--username', 'pw-on-line', '--password', 'hunter2hunter2', '--yes'],
  ])("refuses influx's --password on %s with what to use instead (not --no-password), never echoing it, sending nothing", async (...args) => {
    await sandbox.clearRequests();
    const r = await run(['v1-auth', ...args]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.split('\n')).toEqual([
      expect.stringMatching(/^error: unknown option '--password(=…)?'$/),
      expect.stringMatching(/^influx's --password: .*--password-stdin, or answer the prompt on a terminal$/),
    ]);
    expect(r.stderr).not.toMatch(/hunter2|--no-password/);
    expect(await sandbox.requests()).toEqual([]);
  });

  it('checks passwords (8–72 bytes) before sending anything', async () => {
    await sandbox.clearRequests();
    const r = await run(['v1-auth', 'create', '--username', user('short'), '--read-bucket', 'telegraf', '--password-stdin'], { input: 'short\n' });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/5 bytes long; it must be 8 to 72 bytes/);
    expect(await sandbox.requests()).toEqual([]);
  });

  it('refuses an unknown bucket or org with exit 2 before anything is created', async () => {
    await sandbox.clearRequests();
    const bucket = await run(['v1-auth', 'create', '--username', user('c'), '--read-bucket', 'nosuch', '--no-password']);
    expect(bucket.exitCode).toBe(2);
    expect(bucket.stderr).toMatch(/no bucket "nosuch" in org "my-org"/);
    const orgMissing = await run(['v1-auth', 'create', '--username', user('c'), '--read-bucket', 'telegraf', '--org', 'no-org', '--no-password']);
    expect(orgMissing.exitCode).toBe(2);
    expect(orgMissing.stderr).toMatch(/no organization named "no-org"/);
    expect((await sandbox.requests()).filter((q) => q.method !== 'GET')).toEqual([]);
  });

  it('takes 16 hex digits as a bucket ID whatever the other buckets given, never as a bucket so named', async () => {
    const headers = { authorization: `Token ${ADMIN}` };
    const makeBucket = async (name: string) => ((await (await fetch(`${sandbox.url}/api/v2/buckets`, { method: 'POST', headers, body: JSON.stringify({ orgID: org.id, name }) })).json()) as { id: string }).id;
    // A bucket named with 16 hex digits that are no bucket's ID, and one named with another bucket's ID.
    const hexNamed = await makeBucket('ddddddddddddddd1');
    await makeBucket(bucketIds.telegraf!);
    const sentIds = async () => (await sandbox.requests()).filter((q) => q.method === 'POST').map((q) => (q.body as { permissions: Array<{ resource: { id: string } }> }).permissions.map((p) => p.resource.id));

    for (const others of [[], ['--write-bucket', 'metrics']]) {
      await sandbox.clearRequests();
      const r = await run(['v1-auth', 'create', '--username', user('hex'), '--read-bucket', 'ddddddddddddddd1', ...others, '--no-password']);
      // Sent as the ID it is (which no bucket has: the server says so), with a listing as without one.
      expect(r.exitCode, r.stderr).toBe(3);
      expect(r.stderr).toMatch(/bucket not found/);
      expect((await sentIds())[0]![0]).toBe('ddddddddddddddd1');
      expect(await sentIds()).not.toContainEqual(expect.arrayContaining([hexNamed]));
    }
    await sandbox.clearRequests();
    const byId = await run(['v1-auth', 'create', '--username', user('tid'), '--read-bucket', bucketIds.telegraf!, '--write-bucket', 'metrics', '--no-password', '--json']);
    expect(byId.exitCode, byId.stderr).toBe(0);
    expect(await sentIds()).toEqual([[bucketIds.telegraf, bucketIds.metrics]]);
  });

  it('sends one permission per bucket and action, however often and however spelled the bucket is given', async () => {
    await sandbox.clearRequests();
    const id = bucketIds.telegraf!;
    const r = await run(['v1-auth', 'create', '--username', user('once'), '--read-bucket', 'telegraf', '--read-bucket', id, '--read-bucket', id.toUpperCase(), '--write-bucket', id, '--no-password', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const sent = (await sandbox.requests()).find((q) => q.method === 'POST')!.body as { permissions: Array<{ action: string; resource: { id: string } }> };
    expect(sent.permissions.map((p) => [p.action, p.resource.id])).toEqual([['read', id], ['write', id]]);
  });

  it('finds a taken username before asking for a password', async () => {
    const name = user('dup');
    await run(['v1-auth', 'create', '--username', name, '--read-bucket', 'telegraf', '--no-password']);
    await sandbox.clearRequests();
    const r = await run(['v1-auth', 'create', '--username', name, '--read-bucket', 'telegraf', '--password-stdin'], { input: 'password123\n' });
    expect(r.exitCode).toBe(5);
    expect(r.stderr).toMatch(new RegExp(`the username "${name}" is taken`));
    expect((await sandbox.requests()).filter((q) => q.method === 'POST')).toEqual([]);
  });

  it('deletes the new authorization again when setting its password fails', async () => {
    const name = user('rollback');
    await sandbox.setFaults('500:x1@/password');
    await sandbox.clearRequests();
    const r = await run(['v1-auth', 'create', '--username', name, '--read-bucket', 'telegraf', '--password-stdin'], { input: 'password123\n' });
    await sandbox.setFaults('');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/setting the password of legacy authorization [0-9a-f]{16} failed: 500 .*; the new authorization [0-9a-f]{16} was deleted again/);
    expect((await sandbox.requests()).map((q) => q.method).slice(-2)).toEqual(['POST', 'DELETE']);
    expect(parseJson((await run(['v1-auth', 'list', '--username', name, '--json'])).stdout)).toEqual([]);
  });

  it('lists with filters done where the server ignores them, gets, updates and toggles status', async () => {
    const name = user('erin');
    const created = parseJson<Auth>((await run(['v1-auth', 'create', '--username', name, '--read-bucket', 'telegraf', '--no-password', '--json'])).stdout);
    const all = parseJson<Auth[]>((await run(['v1-auth', 'list', '--json'])).stdout);
    expect(all.length).toBeGreaterThan(1);
    expect(parseJson<Auth[]>((await run(['v1-auth', 'list', '--id', created.id, '--json'])).stdout).map((a) => a.id)).toEqual([created.id]);
    expect(parseJson<Auth[]>((await run(['v1-auth', 'list', '--username', name, '--json'])).stdout).map((a) => a.id)).toEqual([created.id]);
    expect(parseJson((await run(['v1-auth', 'list', '--username', 'nobody-at-all', '--json'])).stdout)).toEqual([]);
    const table = await run(['v1-auth', 'list']);
    expect(table.stdout).toMatch(new RegExp(`${created.id}\\s+${name}\\s+active\\s+read:telegraf`));

    expect(parseJson((await run(['v1-auth', 'get', '--username', name, '--json'])).stdout)).toMatchObject({ id: created.id });
    expect(parseJson((await run(['v1-auth', 'update', created.id, '--description', 'changed', '--json'])).stdout)).toMatchObject({ description: 'changed' });
    expect(parseJson((await run(['v1-auth', 'set-inactive', '--username', name, '--json'])).stdout)).toMatchObject({ status: 'inactive' });
    expect(parseJson((await run(['v1-auth', 'set-active', '--id', created.id, '--json'])).stdout)).toMatchObject({ status: 'active' });
    expect((await run(['v1-auth', 'get', 'aaaaaaaaaaaaaaaa'])).exitCode).toBe(3);
    expect((await run(['v1-auth', 'get', '--username', 'nobody-at-all'])).exitCode).toBe(3);
  });

  it("lists by owner as influx v1 auth list does: --user-id (sent as userID), -u/--user (by name, filtered here), and the alias find", async () => {
    const name = user('owned');
    const created = parseJson<Auth & { userID: string; user: string }>((await run(['v1-auth', 'create', '--username', name, '--read-bucket', 'telegraf', '--no-password', '--json'])).stdout);
    await sandbox.clearRequests();
    const byId = parseJson<Auth[]>((await run(['v1-auth', 'find', '--user-id', created.userID, '--json'])).stdout);
    expect(byId.map((a) => a.id)).toContain(created.id);
    const listed = async () => (await sandbox.requests()).find((q) => q.path === '/private/legacy/authorizations')!.query;
    expect(await listed()).toEqual({ orgID: org.id, userID: created.userID });
    expect(parseJson((await run(['v1-auth', 'list', '--user-id', 'ffffffffffffffff', '--json'])).stdout)).toEqual([]);

    await sandbox.clearRequests();
    const byName = parseJson<Auth[]>((await run(['v1-auth', 'ls', '-u', created.user, '--json'])).stdout);
    expect(byName.map((a) => a.id)).toContain(created.id);
    // The server ignores a user name (it only checks the user exists), so it is not sent.
    expect(await listed()).toEqual({ orgID: org.id });
    expect(parseJson((await run(['v1-auth', 'list', '--user', 'somebody-else', '--json'])).stdout)).toEqual([]);

    await sandbox.clearRequests();
    const bad = await run(['v1-auth', 'list', '--user-id', 'nope']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/user ID "nope"/);
    expect(await sandbox.requests()).toEqual([]);
  });

  it('sets a password by username from stdin, never echoing it', async () => {
    const name = user('frank');
    const created = parseJson<Auth>((await run(['v1-auth', 'create', '--username', name, '--read-bucket', 'telegraf', '--no-password', '--json'])).stdout);
    await sandbox.clearRequests();
    const r = await run(['v1-auth', 'set-password', '--username', name, '--password-stdin', '--debug', '--yes'], { input: 'brand-new-pass\n' });
    expect(r.exitCode).toBe(0);
    const [request] = await passwordRequests();
    expect(request).toMatchObject({ path: `/private/legacy/authorizations/${created.id}/password`, body: { password: 'brand-new-pass' } });
    expect(r.stderr).toMatch(/"password":"\[redacted\]"/);
    expect(r.stderr + r.stdout).not.toContain('brand-new-pass');
    expect(r.stderr).not.toContain(ADMIN);
  });

  it('does not set a password in a script without --yes (it is destructive): exit 2, nothing sent', async () => {
    const name = user('noyes');
    expect((await run(['v1-auth', 'create', '--username', name, '--read-bucket', 'telegraf', '--no-password'])).exitCode).toBe(0);
    await sandbox.clearRequests();
    const r = await run(['v1-auth', 'set-password', '--username', name, '--password-stdin'], { input: 'brand-new-pass\n' });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: refusing to go ahead without confirmation: there is no terminal to ask on\npass --yes/);
    expect(await sandbox.requests()).toEqual([]);
  });

  it('deletes several IDs, going on past a failure', async () => {
    const a = parseJson<Auth>((await run(['v1-auth', 'create', '--username', user('g'), '--read-bucket', 'telegraf', '--no-password', '--json'])).stdout);
    expect((await run(['v1-auth', 'delete', a.id])).exitCode).toBe(2);
    const r = await run(['v1-auth', 'delete', a.id, 'aaaaaaaaaaaaaaaa', '--yes', '--json']);
    expect(r.exitCode).toBe(3);
    expect(parseJson(r.stdout)).toEqual([{ name: a.id, deleted: true }, { name: 'aaaaaaaaaaaaaaaa', deleted: false, error: expect.stringContaining('404') }]);
  });

  it("deletes by --username and --id, as influx v1 auth delete does, with IDs given as arguments too", async () => {
    const [a, b, c] = await Promise.all(['h', 'i', 'j'].map(async (base) => parseJson<Auth>((await run(['v1-auth', 'create', '--username', user(base), '--read-bucket', 'telegraf', '--no-password', '--json'])).stdout)));
    await sandbox.clearRequests();
    const r = await run(['v1-auth', 'delete', a!.id, '--id', b!.id, '--username', c!.token, '--username', 'nobody-at-all', '--yes', '--json']);
    expect(r.exitCode).toBe(3);
    expect(parseJson(r.stdout)).toEqual([
      { name: a!.id, deleted: true },
      { name: b!.id, deleted: true },
      { name: c!.token, deleted: true },
      { name: 'nobody-at-all', deleted: false, error: 'no legacy authorization has the username "nobody-at-all"' },
    ]);
    expect((await sandbox.requests()).filter((q) => q.method === 'DELETE').map((q) => q.path)).toEqual([a, b, c].map((x) => `/private/legacy/authorizations/${x!.id}`));
    expect(r.stderr).toMatch(new RegExp(`^deleted legacy authorization "${c!.token}"$`, 'm'));

    const ignored = await run(['v1-auth', 'delete', '--username', 'nobody-at-all', '--ignore-not-found', '--yes']);
    expect(ignored.exitCode).toBe(0);

    await sandbox.clearRequests();
    const none = await run(['v1-auth', 'delete', '--yes']);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(/^error: which authorizations\? give their IDs or --username NAME/);
    expect(await sandbox.requests()).toEqual([]);
  });

  it('answers a rejected token with exit 4, and other products with exit 2', async () => {
    const strict = await startSandbox(['--token', 'right']);
    try {
      const r = await cli(['--product', 'v2', '--host', strict.url, '--token', 'wrong', 'v1-auth', 'list']);
      expect(r.exitCode).toBe(4);
      expect(r.stderr).toMatch(/401 Unauthorized: unauthorized access/);
    } finally {
      await strict.stop();
    }
    const other = await cli(['--product', 'core', '--token', 't', 'v1-auth', 'list']);
    expect(other.exitCode).toBe(2);
    expect(other.stderr).toMatch(/`v1-auth list` is not available for core .*v2 \(InfluxDB OSS v2\)/);
  });
});

describe('the password prompt on a terminal', () => {
  it('asks twice without echo, asks again on a mismatch, and never shows the password', async () => {
    const name = user('tty');
    const command = ['node', BIN, '--product', 'v2', 'v1-auth', 'create', '--username', name, '--read-bucket', 'telegraf', '--json'].join(' ');
    // `script` gives the CLI a pseudo-terminal; answers are typed only once each prompt has appeared.
    const child = execa('script', ['-qfec', command, '/dev/null'], { env: env(), reject: false, stdin: 'pipe' });
    const answers = ['first-pass-1', 'other-pass-2', 'final-pass-3', 'final-pass-3'];
    let seen = '';
    let prompts = 0;
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const count = (seen.match(/Password( again)?: /g) ?? []).length;
      while (prompts < count && answers.length > 0) {
        prompts++;
        child.stdin!.write(`${answers.shift()}\r`);
      }
    });
    const r = await child;
    expect(r.exitCode).toBe(0);
    const out = String(r.stdout);
    expect(out).toMatch(/the passwords do not match; try again/);
    expect((out.match(/Password: /g) ?? []).length).toBe(2);
    for (const secret of ['first-pass-1', 'other-pass-2', 'final-pass-3']) expect(out).not.toContain(secret);
    const [request] = (await passwordRequests()).slice(-1);
    expect(request!.body).toEqual({ password: 'final-pass-3' });
  });

  it('set-password asks first (it is destructive), then for the new password by that name', async () => {
    const name = user('ttyset');
    expect((await run(['v1-auth', 'create', '--username', name, '--read-bucket', 'telegraf', '--no-password'])).exitCode).toBe(0);
    const command = ['node', BIN, '--product', 'v2', 'v1-auth', 'set-password', '--username', name].join(' ');
    const child = execa('script', ['-qfec', command, '/dev/null'], { env: env(), reject: false, stdin: 'pipe' });
    let seen = '';
    let prompts = 0;
    let confirmed = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (!confirmed && /\[y\/N\] /.test(seen)) {
        confirmed = true;
        child.stdin!.write('y\r');
      }
      const count = (seen.match(/New password( again)?: /g) ?? []).length;
      while (prompts < count && prompts < 2) {
        prompts++;
        child.stdin!.write('renewed-pass-4\r');
      }
    });
    const r = await child;
    expect(r.exitCode).toBe(0);
    expect(String(r.stdout)).toMatch(new RegExp(`Set a new password for legacy authorization "${name}"\\? What logs in with the old one will be refused\\. \\[y/N\\] [^]*New password: [^]*New password again: `));
    const [request] = (await passwordRequests()).slice(-1);
    expect(request!.body).toEqual({ password: 'renewed-pass-4' });
  });
});
