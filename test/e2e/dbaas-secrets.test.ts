// Secrets on dbaas: user and Redis passwords come only from stdin (or a prompt), never argv, and appear
// nowhere but in the request body: not on stdout or stderr, not in --debug, not in the process list.
// Metrics token values are printed once on create and then only when asked; `auth login` shows neither
// the password nor the token it obtained.

import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, cli, DBAAS_TOKEN, fromCli, parseJson, spawnCli, dbaas, startSandbox, uniqueName, useDbaasSandbox, SUBNET, tempDir, type Dbaas, type DbaasObject, type SandboxHandle } from './harness.js';

const REDIS7 = '984abb4a-c147-5b5d-a605-4b8c95f33279';
const PG16 = 'fc58210d-40f4-5bcf-ac9c-75507eaa7d32';

let sandbox: SandboxHandle;
let d: Dbaas;
let pg: DbaasObject;
let redis: DbaasObject;
const unique = (base: string) => uniqueName(base);
/** A password no other process on the machine can hold by chance. */
const secret = () => `Pw-${randomBytes(12).toString('hex')}`;

useDbaasSandbox(['--dbaas-delay', '200ms'], async (s, dbaas) => {
  [sandbox, d] = [s, dbaas];
  [pg, redis] = await Promise.all([
    d.datastore(unique('pg').replace(/_/g, '-')),
    d.datastore(unique('redis').replace(/_/g, '-'), 'redis-7', { redis_password: 'Setup-Redis-1' }),
  ]);
});

const bodies = async () => fromCli(await sandbox.requests()).filter((q) => q.method !== 'GET').map((q) => q.body);

describe('passwords cannot be given on the command line', () => {
  it('no verb takes a password flag or argument: exit 2, the value not echoed, nothing sent', async () => {
    const attempts = await Promise.all([
      d.run('user', 'create', 'app', '--datastore', pg.name!, '--password=Hunter2-argv'),
      d.run('user', 'update', 'app', '--datastore', pg.name!, '--password', 'Hunter2-argv'),
      d.run('user', 'create', 'app', 'Hunter2-argv', '--datastore', pg.name!),
      d.run('datastore', 'password', redis.name!, '--password=Hunter2-argv'),
      d.run('datastore', 'create', 'cache', '--type', 'redis-7', '--flavor', 'x', '--subnet', SUBNET, '--redis-password=Hunter2-argv'),
      cli(['auth', 'login', '--user', 'svc', '--password=Hunter2-argv']),
    ]);
    for (const r of attempts) {
      expect(r.exitCode).toBe(2);
      expect(r.stderr).not.toContain('Hunter2-argv');
    }
    expect(await sandbox.requests()).toEqual([]);
  });

  it('without a terminal and without --password-stdin a user or Redis datastore is not created', async () => {
    const results = await Promise.all([
      d.run('user', 'create', unique('nopw'), '--datastore', pg.name!),
      d.run('datastore', 'create', 'cache-nopw', '--type', 'redis-7', '--vcpus', '1', '--ram', '2048', '--disk', '8', '--subnet', SUBNET),
    ]);
    for (const r of results) {
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain('there is no terminal to ask for the password');
    }
    expect(await bodies()).toEqual([]);
    const notRedis = await d.runWith({ input: 'x\n' }, 'datastore', 'create', 'pg-pw', '--type', 'postgresql-16', '--flavor', 'PRC10.2-4096-32', '--subnet', SUBNET, '--password-stdin');
    expect(notRedis.exitCode).toBe(2);
    expect(notRedis.stderr).toContain('--password-stdin is for Redis datastores');
  });

  it('a Redis type named on the command line without a password: exit 2, one error line, no request at all', async () => {
    for (const type of ['redis-7', 'redis', 'Redis-7']) {
      const r = await d.run('datastore', 'create', 'cache-named', '--type', type, '--vcpus', '1', '--ram', '2048', '--disk', '8', '--subnet', SUBNET);
      expect(r.exitCode, type).toBe(2);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines.filter((line) => line.startsWith('error:')), type).toEqual(['error: there is no terminal to ask for the password']);
      // The error line and its hint, nothing else.
      expect(lines, type).toHaveLength(2);
      expect(await sandbox.requests(), type).toEqual([]);
    }
  });

  // A type given by its ID is known to be Redis only from the server's type catalog: that one read is
  // needed, and then the tool refuses, before the flavor catalog or any create is sent.
  it('a Redis type given by its ID without a password: the type catalog is read, then exit 2 with one line; nothing is created', async () => {
    const r = await d.run('datastore', 'create', 'cache-by-id', '--type', REDIS7, '--vcpus', '1', '--ram', '2048', '--disk', '8', '--subnet', SUBNET);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([`error: the datastore type ${REDIS7} is redis-7, which needs a password: pass it with --password-stdin (in an apply file, password: \${VAR})`]);
    expect(fromCli(await sandbox.requests()).map((q) => `${q.method} ${q.path}`)).toEqual(['GET /v1/datastore-types']);
  });

  it('--password-stdin with a type given by its ID: a Redis one is created with it, another type is refused before anything is created', async () => {
    const password = secret();
    const name = unique('cacheid').replace(/_/g, '-');
    const redisById = await d.runWith({ input: `${password}\n` }, 'datastore', 'create', name, '--type', REDIS7, '--vcpus', '1', '--ram', '2048', '--disk', '8', '--subnet', SUBNET, '--password-stdin', '--no-wait');
    expect(redisById.exitCode).toBe(0);
    expect((await bodies()).map((b) => (b as { datastore: { redis_password?: string } }).datastore.redis_password)).toEqual([password]);

    await sandbox.clearRequests();
    const pgById = await d.runWith({ input: 'x\n' }, 'datastore', 'create', 'pg-pw-id', '--type', PG16, '--flavor', 'PRC10.2-4096-32', '--subnet', SUBNET, '--password-stdin');
    expect(pgById.exitCode).toBe(2);
    expect(pgById.stderr.trimEnd().split('\n')).toEqual([`error: the datastore type ${PG16} is postgresql-16, not Redis; only a Redis datastore takes a password`]);
    expect(await bodies()).toEqual([]);
  });
});

describe('a password from stdin reaches the server and nothing else', () => {
  it('user create and update: in the request body only; --debug shows it redacted', async () => {
    const [created, updated] = [secret(), secret()];
    const name = unique('app');
    const create = await d.runWith({ input: `${created}\n` }, 'user', 'create', name, '--datastore', pg.name!, '--password-stdin', '--wait', '--debug', '--json');
    expect(create.exitCode).toBe(0);
    const update = await d.runWith({ input: `${updated}\n` }, 'user', 'update', name, '--datastore', pg.name!, '--password-stdin', '--debug');
    expect(update.exitCode).toBe(0);
    for (const r of [create, update]) {
      expect(r.stderr).toMatch(/→ body \{"user":\{.*"password":"\[redacted\]"/);
      for (const value of [created, updated]) {
        expect(r.stdout).not.toContain(value);
        expect(r.stderr).not.toContain(value);
      }
    }
    expect(await bodies()).toEqual([
      { user: { datastore_id: pg.id, name, password: created } },
      { user: { password: updated } },
    ]);
  });

  it('Redis: create and password change send redis_password, which no output carries', async () => {
    const [first, second] = [secret(), secret()];
    const name = unique('cache').replace(/_/g, '-');
    const create = await d.runWith({ input: `${first}\n` }, 'datastore', 'create', name, '--type', 'redis-7', '--vcpus', '1', '--ram', '2048', '--disk', '8', '--subnet', SUBNET, '--password-stdin', '--wait', '--debug', '--json');
    expect(create.exitCode).toBe(0);
    expect(parseJson<DbaasObject>(create.stdout)).toMatchObject({ name, status: 'ACTIVE' });
    const change = await d.runWith({ input: `${second}\n` }, 'datastore', 'password', name, '--password-stdin', '--wait', '--debug');
    expect(change.exitCode).toBe(0);
    expect(change.stderr).toContain(`set the password of datastore "${name}"`);
    for (const r of [create, change]) {
      expect(r.stderr).toContain('"redis_password":"[redacted]"');
      for (const value of [first, second]) {
        expect(r.stdout).not.toContain(value);
        expect(r.stderr).not.toContain(value);
      }
    }
    const sent = await bodies();
    expect((sent[0] as { datastore: { redis_password: string } }).datastore.redis_password).toBe(first);
    expect(sent[1]).toEqual({ password: { redis_password: second } });
  });

  it('never in the process list: every command line (and the CLI\'s environment) checked while it runs', async () => {
    const slow = await startSandbox(['--dbaas-delay', '200ms', '--latency', '250']);
    try {
      const s = dbaas(slow);
      const ds = await s.datastore('slow-pg');
      const password = secret();
      const running = spawnCli(['--product', 'dbaas', '--host', slow.url, '--token', DBAAS_TOKEN, 'user', 'create', 'app', '--datastore', ds.name!, '--password-stdin'], { input: `${password}\n` });
      const pid = running.pid!;
      let seen = 0;
      while (running.exitCode === null) {
        const everyCommandLine = readdirSync('/proc').filter((e) => /^\d+$/.test(e)).map((e) => readQuietly(`/proc/${e}/cmdline`));
        expect(everyCommandLine.filter((line) => line.includes(password))).toEqual([]);
        const own = readQuietly(`/proc/${pid}/cmdline`);
        if (own.includes('user\0create')) {
          seen++;
          expect(readQuietly(`/proc/${pid}/environ`)).not.toContain(password);
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const r = await running;
      expect(r.exitCode).toBe(0);
      // The process was looked at while it was working, not only before or after.
      expect(seen).toBeGreaterThanOrEqual(3);
      expect(fromCli(await slow.requests()).find((q) => q.method === 'POST')!.body).toEqual({ user: { datastore_id: ds.id, name: 'app', password } });
    } finally {
      await slow.stop();
    }
  });
});

function readQuietly(path: string): string {
  try {
    return readFileSync(path, 'latin1');
  } catch {
    // The process ended between listing and reading.
    return '';
  }
}

describe('metrics token values', () => {
  it('--debug never shows a value: not in create, list or get, while stdout has it where asked', async () => {
    const name = unique('prom');
    const create = await d.run('token', 'create', name, '--debug');
    expect(create.exitCode).toBe(0);
    const value = create.stdout.trim().split('\n').at(-1)!;
    expect(value).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(create.stderr).toContain('"value":"[redacted]"');
    expect(create.stderr).not.toContain(value);
    const list = await d.run('token', 'list', '--debug', '--json');
    expect(parseJson<Array<{ value: string }>>(list.stdout).map((t) => t.value)).toContain(value);
    const get = await d.run('token', 'get', name, '--debug');
    expect(get.stdout).not.toContain(value);
    for (const r of [list, get]) expect(r.stderr).not.toContain(value);
    const rename = await d.run('token', 'rename', name, unique('prom2'), '--debug');
    expect(rename.exitCode).toBe(0);
    expect(rename.stdout).not.toContain(value);
    expect(rename.stderr).not.toContain(value);
  });
});

describe('auth login', () => {
  it('--debug shows neither the password nor the token the identity service gives, on login or on renewal', async () => {
    const password = secret();
    const file = join(tempDir('influxadm-identity-'), 'password');
    writeFileSync(file, `${password}\n`);
    const identity = await startSandbox(['--identity-password-file', file, '--dbaas-token-ttl', '2s']);
    try {
      const env = cleanEnv();
      expect((await cli(['profile', 'create', 'p', '--product', 'dbaas', '--host', identity.url, '--credential-store', 'file'], { env })).exitCode).toBe(0);
      const login = await cli(['--debug', 'auth', 'login', '--user', 'svc', '--account', '123456', '--project', '0123456789abcdef0123456789abcdef', '--password-stdin', '--store-password', '--identity-url', `${identity.url}/identity/v3`], { env, input: `${password}\n` });
      expect(login.exitCode).toBe(0);
      const credentials = () => parseJson<{ tokens: Record<string, string> }>(readFileSync(join(env.INFLUXADM_CONFIG_DIR!, 'credentials.json'), 'utf8')).tokens;
      const token = credentials().p!;
      expect(login.stderr).toContain('→ POST');
      expect(login.stderr).not.toContain(password);
      expect(login.stderr).not.toContain(token);
      expect(login.stderr).toMatch(/← x-subject-token: \[redacted\]/);

      // With a 2 s token the next command renews it (inside the renewal margin).
      const next = await cli(['--debug', 'datastore', 'list'], { env });
      expect(next.exitCode).toBe(0);
      expect(next.stderr).toContain('token: renewed');
      const renewed = credentials().p!;
      expect(renewed).not.toBe(token);
      for (const value of [password, token, renewed]) expect(next.stderr).not.toContain(value);
    } finally {
      await identity.stop();
    }
  });
});
