import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, ANSI, CLUSTER, cli, parseJson, startSandbox, tempDir, type SandboxHandle } from './harness.js';

const TOKEN = 'mgmt-token-e2e-0123456789';

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.stop();
});

const products = [
  { product: 'dedicated', target: () => ['--product', 'dedicated', '--host', sandbox.url, '--account', ACCOUNT, '--cluster', CLUSTER], prefix: `/api/v0/accounts/${ACCOUNT}/clusters/${CLUSTER}` },
  { product: 'clustered', target: () => ['--product', 'clustered', '--host', sandbox.url], prefix: '/api/v0' },
] as const;

let n = 0;
const unique = (base: string) => `${base}${Date.now().toString(36)}${n++}`;

describe.each(products)('database verbs on $product', ({ product, target, prefix }) => {
  const run = (...args: string[]) => cli([...target(), '--token', TOKEN, ...args]);

  beforeEach(async () => {
    await sandbox.setFaults('');
  });

  it('creates a database, sending the parsed retention and limits, and prints it', async () => {
    const name = unique('create');
    await sandbox.clearRequests();
    const r = await run('database', 'create', name, '--retention-period', '30d', '--max-tables', '10', '--max-columns', '20', '--json');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(`created database "${name}"`);
    const body = parseJson<Record<string, unknown>>(r.stdout);
    expect(body).toMatchObject({ name, maxTables: 10, maxColumnsPerTable: 20, retentionPeriod: 30 * 86400e9, retentionPeriodHuman: '30d' });
    const [request] = await sandbox.requests();
    expect(request).toMatchObject({ method: 'POST', path: `${prefix}/databases`, body: { name, retentionPeriod: 30 * 86400e9, maxTables: 10, maxColumnsPerTable: 20 } });
    expect(request!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request!.headers['user-agent']).toMatch(/^influxadm\/\d/);
  });

  it('accepts flags before, between and after the arguments', async () => {
    const name = unique('order');
    const r = await cli(['--json', 'db', ...target(), 'create', '--token', TOKEN, name, '--retention-period', '1y']);
    expect(r.exitCode).toBe(0);
    expect(parseJson<{ retentionPeriodHuman: string }>(r.stdout).retentionPeriodHuman).toBe('1y');
  });

  it('lists databases as a table, JSON, JSONL and CSV', async () => {
    const name = unique('list');
    expect((await run('database', 'create', name, '--retention-period', '36h')).exitCode).toBe(0);
    const table = await run('database', 'list');
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toMatch(/NAME.*RETENTION.*MAX TABLES.*MAX COLUMNS\/TABLE/);
    expect(table.stdout).toMatch(new RegExp(`${name}\\s+1d12h`));
    expect(table.stdout).not.toMatch(ANSI);
    // A column empty in every row is left out, unless --wide.
    expect(table.stdout).not.toMatch(/PARTITION TEMPLATE/);
    expect((await run('database', 'list', '--wide')).stdout).toMatch(/MAX COLUMNS\/TABLE  PARTITION TEMPLATE/);

    const json = parseJson<Array<{ name: string }>>((await run('database', 'list', '--json')).stdout);
    expect(json.map((d) => d.name)).toContain(name);
    const jsonl = (await run('databases', 'list', '--format', 'jsonl')).stdout.trim().split('\n').map((l) => parseJson<{ name: string }>(l));
    expect(jsonl.map((d) => d.name)).toContain(name);
    const csv = (await run('db', 'ls', '--format', 'csv')).stdout.split('\n');
    expect(csv[0]).toBe('NAME,RETENTION,MAX TABLES,MAX COLUMNS/TABLE,PARTITION TEMPLATE');
    expect(csv).toContain(`${name},1d12h,500,200,`);
  });

  it('prints [] and exits 0 for an empty list', async () => {
    const args = product === 'dedicated'
      ? ['--product', 'dedicated', '--host', sandbox.url, '--account', randomUUID(), '--cluster', randomUUID()]
      : null;
    if (!args) {
      // A clustered sandbox is shared; an empty one is a fresh server.
      const fresh = await startSandbox();
      try {
        const r = await cli(['--product', 'clustered', '--host', fresh.url, '--token', TOKEN, 'database', 'list', '--json']);
        expect(r.exitCode).toBe(0);
        expect(parseJson(r.stdout)).toEqual([]);
        const table = await cli(['--product', 'clustered', '--host', fresh.url, '--token', TOKEN, 'database', 'list']);
        expect(table).toMatchObject({ exitCode: 0, stdout: '' });
        expect(table.stderr).toContain('no databases');
      } finally {
        await fresh.stop();
      }
      return;
    }
    const r = await cli([...args, '--token', TOKEN, 'database', 'list', '--json']);
    expect(r.exitCode).toBe(0);
    expect(parseJson(r.stdout)).toEqual([]);
  });

  it('updates only what was given', async () => {
    const name = unique('upd');
    await run('database', 'create', name);
    await sandbox.clearRequests();
    const r = await run('database', 'update', name, '--max-tables', '7', '--json');
    expect(r.exitCode).toBe(0);
    expect(parseJson(r.stdout)).toMatchObject({ name, maxTables: 7, maxColumnsPerTable: 200 });
    const requests = await sandbox.requests();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'PATCH', path: `${prefix}/databases/${name}`, body: { maxTables: 7 } });

    const none = await run('database', 'update', name, '--retention-period', 'infinite', '--json');
    expect(parseJson(none.stdout)).toMatchObject({ retentionPeriod: 0, retentionPeriodHuman: 'infinite' });
  });

  it('renames, deletes and undeletes by the ID rename printed', async () => {
    const name = unique('life');
    const renamedTo = unique('renamed');
    await run('database', 'create', name);
    const renamed = await run('database', 'rename', name, renamedTo, '--json');
    expect(renamed.exitCode).toBe(0);
    const { id } = parseJson<{ id: number; name: string }>(renamed.stdout);
    expect(parseJson(renamed.stdout)).toMatchObject({ name: renamedTo });
    expect(renamed.stderr).toContain('no longer grant access');

    const deleted = await run('database', 'delete', renamedTo, '--yes');
    expect(deleted.exitCode).toBe(0);
    expect(deleted.stderr).toContain(`deleted database "${renamedTo}"`);
    expect(parseJson<Array<{ name: string }>>((await run('database', 'list', '--json')).stdout).map((d) => d.name)).not.toContain(renamedTo);

    const byName = await run('database', 'undelete', renamedTo);
    expect(byName.exitCode).toBe(2);
    expect(byName.stderr).toMatch(/listing carries no IDs/);

    await sandbox.clearRequests();
    const restored = await run('database', 'undelete', String(id), '--json');
    expect(restored.exitCode).toBe(0);
    expect(parseJson(restored.stdout)).toMatchObject({ id, name: renamedTo });
    expect((await sandbox.requests())[0]).toMatchObject({ method: 'PUT', path: `${prefix}/databases/${id}/undelete` });
  });

  it('deletes several names, goes on past a failure, reports each and exits with its code', async () => {
    const a = unique('multi');
    const b = unique('multi');
    await run('database', 'create', a);
    await run('database', 'create', b);
    const r = await run('database', 'delete', a, 'missing-db', b, '--yes', '--json');
    expect(r.exitCode).toBe(3);
    expect(parseJson(r.stdout)).toEqual([
      { name: a, deleted: true },
      { name: 'missing-db', deleted: false, error: expect.stringContaining('404') },
      { name: b, deleted: true },
    ]);
    expect(r.stderr).toContain('1 of 3 failed');
  });

  it('refuses to delete without --yes when there is no terminal, sending nothing', async () => {
    const name = unique('keep');
    await run('database', 'create', name);
    await sandbox.clearRequests();
    const r = await run('database', 'delete', name);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/no terminal to ask on/);
    expect(r.stderr).toMatch(/--yes/);
    expect(await sandbox.requests()).toEqual([]);
  });

  it('answers 404 with exit 3 and 409 with exit 5', async () => {
    const missing = await run('database', 'update', 'no-such-db', '--max-tables', '3');
    expect(missing.exitCode).toBe(3);
    expect(missing.stderr).toMatch(/^error: updating database "no-such-db" failed: 404 Not Found/);
    const name = unique('dup');
    await run('database', 'create', name);
    const dup = await run('database', 'create', name);
    expect(dup.exitCode).toBe(5);
    expect(dup.stderr).toMatch(/409 Conflict/);
    expect(dup.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [['database', 'create', 'bad name'], /contains a space/],
    [['database', 'create', '_reserved'], /must start with a letter or digit/],
    [['database', 'create', 'x'.repeat(65)], /limit is 64/],
    [['database', 'create', 'okname', '--retention-period', '5x'], /unknown unit "x"/],
    [['database', 'create', 'okname', '--retention-period', '30m'], /minimum of 1h/],
    [['database', 'create', 'okname', '--max-tables', '1e3'], /--max-tables takes a whole number/],
    [['database', 'update', 'okname', '--max-columns', '0'], /--max-columns must be between 1/],
    [['database', 'update', 'okname'], /nothing to update/],
    [['database', 'rename', 'okname', 'bad/na me'], /new database name/],
    [['database', 'rename', 'okname', 'okname'], /^error: the database is named "okname" already; nothing to rename$/],
    [['table', 'rename', 'okname', 'cpu', 'cpu'], /^error: the table is named "cpu" already; nothing to rename$/],
    [['database', 'undelete', '0'], /out of range/],
    [['database', 'create'], /missing required argument/],
    [['database', 'create', 'a', 'b'], /too many arguments/],
    [['database', 'create', 'a', '--bogus'], /unknown option '--bogus'/],
    [['database', 'list', '--format', 'yaml'], /unknown format "yaml"/],
    [['database', 'list', '--timeout', 'soon'], /not a duration/],
  ])('rejects bad input %j with exit 2 and sends nothing', async (args, message) => {
    await sandbox.clearRequests();
    const r = await run(...args);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    expect(await sandbox.requests()).toEqual([]);
  });

  // The faults a read is retried on (and a 500, retried for nothing): a write that may have reached the
  // server is sent once. Only one fault is armed, so a second POST would succeed and show up here.
  it.each([
    ['502', /failed: 502 Bad Gateway/],
    ['503', /failed: 503 Service Unavailable/],
    ['504', /failed: 504 Gateway Timeout/],
    ['500', /failed: 500 Internal Server Error/],
    ['reset', /the connection to http:\/\/127\.0\.0\.1:\d+ broke/],
  ])('sends a POST answered %s once, exit 1, saying it may have been applied', async (fault, message) => {
    const name = unique('fail');
    await sandbox.setFaults(`${fault}:x1@POST`);
    await sandbox.clearRequests();
    const r = await run('database', 'create', name);
    expect(r.exitCode, r.stderr).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/may have applied the change; check its state/);
    const posts = (await sandbox.requests()).filter((q) => q.method === 'POST');
    expect(posts.map((q) => [q.path, q.fault])).toEqual([[`${prefix}/databases`, fault]]);
  });

  it.each(['502', '503', '504', 'reset'])('retries a GET on %s and succeeds', async (fault) => {
    await sandbox.setFaults(`${fault}:x2`);
    await sandbox.clearRequests();
    const r = await run('database', 'list', '--json');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(Array.isArray(parseJson(r.stdout))).toBe(true);
    const gets = (await sandbox.requests()).filter((q) => q.method === 'GET');
    expect(gets.map((q) => q.fault ?? q.status)).toEqual([fault, fault, 200]);
  });

  it('times out on a stalled server with exit 1', async () => {
    await sandbox.setFaults('stall:x1');
    const r = await run('database', 'list', '--timeout', '300ms');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/no answer from http:\/\/127\.0\.0\.1:\d+ within 300ms/);
  });

  it('logs requests under --debug without the token', async () => {
    const r = await run('database', 'create', unique('dbg'), '--debug');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/debug: → POST/);
    expect(r.stderr).toMatch(/authorization: Bearer \[redacted\]/);
    expect(r.stderr).not.toContain(TOKEN);
    expect(r.stdout).not.toContain(TOKEN);
  });
});

describe('authentication and transport', () => {
  it('exits 4 on a token the server rejects, without echoing it', async () => {
    const strict = await startSandbox(['--token', 'the-right-one']);
    try {
      const r = await cli(['--product', 'clustered', '--host', strict.url, '--token', 'wrong-token-value', 'database', 'list']);
      expect(r.exitCode).toBe(4);
      expect(r.stderr).toMatch(/401 Unauthorized/);
      expect(r.stderr).not.toContain('wrong-token-value');
      const ok = await cli(['--product', 'clustered', '--host', strict.url, 'database', 'list'], { env: { PATH: process.env.PATH!, HOME: '/tmp', INFLUXADM_CONFIG_DIR: '/tmp/none', INFLUXADM_TOKEN: 'the-right-one' } });
      expect(ok.exitCode).toBe(0);
    } finally {
      await strict.stop();
    }
  });

  it('exits 4 with advice when there is no token at all', async () => {
    const r = await cli(['--product', 'clustered', '--host', sandbox.url, 'database', 'list']);
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toMatch(/no token for clustered/);
  });

  it('reads the token from a file and from stdin', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'token'), `${TOKEN}\n`);
    await sandbox.clearRequests();
    const viaFile = await cli(['--product', 'clustered', '--host', sandbox.url, '--token-file', join(dir, 'token'), 'database', 'list', '--json']);
    expect(viaFile.exitCode).toBe(0);
    const viaStdin = await cli(['--product', 'clustered', '--host', sandbox.url, '--token-stdin', 'database', 'list', '--json'], { input: `${TOKEN}\n` });
    expect(viaStdin.exitCode).toBe(0);
    expect((await sandbox.requests()).map((q) => q.headers.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
  });

  it('keeps a path prefix in --host', async () => {
    const r = await cli(['--product', 'clustered', '--host', `${sandbox.url}/prefix`, '--token', TOKEN, 'database', 'list']);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/404/);
    const [last] = (await sandbox.requests()).slice(-1);
    expect(last!.path).toBe('/prefix/api/v0/databases');
  });

  it('exits 1 when nothing listens', async () => {
    const r = await cli(['--product', 'clustered', '--host', 'http://127.0.0.1:1', '--token', TOKEN, 'database', 'list']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/cannot connect to http:\/\/127\.0\.0\.1:1/);
  });

  it('refuses a verb the product lacks with exit 2, naming the products that have it', async () => {
    const r = await cli(['--product', 'core', '--token', TOKEN, 'database', 'rename', 'a', 'b']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/`database rename` is not available for core.*dedicated.*clustered/);
  });

  it('needs account and cluster IDs on dedicated, checked before sending', async () => {
    const r = await cli(['--product', 'dedicated', '--host', sandbox.url, '--token', TOKEN, '--account', 'nope', '--cluster', CLUSTER, 'database', 'list']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/account ID "nope" is not a UUID/);
  });
});
