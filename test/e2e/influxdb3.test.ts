import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, cli, parseJson, sandboxCall, startSandbox, tempDir, type SandboxHandle } from './harness.js';

const servers: Record<'core' | 'enterprise', SandboxHandle | undefined> = { core: undefined, enterprise: undefined };
beforeAll(async () => {
  [servers.core, servers.enterprise] = await Promise.all([startSandbox(['--influxdb3', 'core']), startSandbox(['--influxdb3', 'enterprise'])]);
});
afterAll(async () => {
  await Promise.all([servers.core!.stop(), servers.enterprise!.stop()]);
});

let n = 0;
const unique = (base: string) => `${base}${Date.now().toString(36)}${n++}`;

describe.each(['core', 'enterprise'] as const)('databases and tables on %s', (product) => {
  const sandbox = () => servers[product]!;
  const run = (...args: string[]) => cli(['--product', product, '--host', sandbox().url, '--token', 'admin-tok', ...args]);

  it('a table delete in a database that does not exist is exit 3, and the advice allows for the database', async () => {
    const r = await run('table', 'delete', unique('nodb'), 't1', '--yes');
    expect(r.exitCode).toBe(3);
    expect(r.stderr.split('\n')[1]).toMatch(/^no table "t1" in database "nodb\w+", or no such database; see `influxadm table list nodb\w+`$/);
  });

  it('creates, lists, updates and deletes a database in the influxadm shape', async () => {
    const db = unique('db');
    await sandbox().clearRequests();
    const created = await run('database', 'create', db, '--retention-period', '1y', '--json');
    expect(created.exitCode).toBe(0);
    expect(parseJson(created.stdout)).toEqual({ name: db, retentionPeriod: 365 * 86400e9, retentionPeriodHuman: '1y' });
    expect((await sandbox().requests())[0]).toMatchObject({ method: 'POST', path: '/api/v3/configure/database', body: { db, retention_period: '365d' } });

    const list = parseJson<Array<{ name: string; deleted: boolean }>>((await run('database', 'list', '--json')).stdout);
    expect(list).toContainEqual({ name: db, deleted: false });
    expect(list).toContainEqual({ name: '_internal', deleted: false });

    await sandbox().clearRequests();
    const updated = await run('database', 'update', db, '--retention-period', 'none', '--json');
    expect(parseJson(updated.stdout)).toEqual({ name: db, retentionPeriod: 0, retentionPeriodHuman: 'infinite' });
    expect((await sandbox().requests())[0]).toMatchObject({ method: 'PUT', body: { db, retention_period: null } });

    await sandbox().clearRequests();
    const deleted = await run('database', 'delete', db, '--hard-delete', '2031-01-01T00:00:00+01:00', '--yes');
    expect(deleted.exitCode).toBe(0);
    expect((await sandbox().requests())[0]).toMatchObject({ method: 'DELETE', query: { db, hard_delete_at: '2030-12-31T23:00:00.000Z' } });

    const withDeleted = parseJson<Array<{ name: string; deleted: boolean }>>((await run('database', 'list', '--show-deleted', '--json')).stdout);
    const soft = withDeleted.find((d) => d.name.startsWith(`${db}-`));
    expect(soft).toMatchObject({ deleted: true });
    expect(soft!.name).toMatch(/-\d{8}T\d{6}$/);
    expect((await run('database', 'delete', soft!.name, '--yes')).exitCode).toBe(5);
    expect((await run('database', 'delete', db, '--yes')).exitCode).toBe(3);
  });

  it('sends a --hard-delete time in the year it names, the years before 100 too', async () => {
    const db = unique('hd');
    expect((await run('database', 'create', db)).exitCode).toBe(0);
    await sandbox().clearRequests();
    const deleted = await run('database', 'delete', db, '--hard-delete', '0050-01-01T00:00:00Z', '--yes');
    expect(deleted.exitCode, deleted.stderr).toBe(0);
    expect((await sandbox().requests())[0]).toMatchObject({ method: 'DELETE', query: { db, hard_delete_at: '0050-01-01T00:00:00.000Z' } });
  });

  it('does the same in the influxdb3 shape', async () => {
    const db = unique('sh');
    expect((await run('create', 'database', db, '--retention-period', '30d')).exitCode).toBe(0);
    const pretty = await run('show', 'databases', '--format', 'pretty');
    expect(pretty.stdout).toContain(db);
    const jsonl = (await run('show', 'databases', '--format', 'jsonl')).stdout.trim().split('\n').map((l) => parseJson<{ name: string }>(l));
    expect(jsonl.map((d) => d.name)).toContain(db);
    const csv = await run('show', 'databases', '--format', 'csv');
    expect(csv.stdout.split('\n')).toContain(db);
    const parquet = await run('show', 'databases', '--format', 'parquet');
    expect(parquet.exitCode).toBe(2);
    expect(parquet.stderr).toMatch(/--format parquet is not supported/);

    await sandbox().clearRequests();
    expect((await run('update', 'database', '-d', db, '-r', '7d')).exitCode).toBe(0);
    expect((await sandbox().requests())[0]).toMatchObject({ body: { db, retention_period: '7d' } });

    expect((await run('create', 'table', '-d', db, '--tags', 'host,region', '--fields', 'usage:float64', 'cpu')).exitCode).toBe(0);
    const tables = parseJson<Array<{ name: string }>>((await run('table', 'list', db, '--json')).stdout);
    expect(tables).toEqual([{ database: db, name: 'cpu', deleted: false }]);
    expect((await run('delete', 'table', '-d', db, 'cpu', '-y')).exitCode).toBe(0);
    expect(parseJson((await run('table', 'list', db, '--json')).stdout)).toEqual([]);
    expect((await run('delete', 'database', db, '-y')).exitCode).toBe(0);
  });

  it('takes the database from INFLUXDB3_DATABASE_NAME in the influxdb3 shape when none is given, as influxdb3 does', async () => {
    const db = unique('envdb');
    const env = cleanEnv({ INFLUXDB3_DATABASE_NAME: db });
    const withEnv = (...args: string[]) => cli(['--product', product, '--host', sandbox().url, '--token', 'admin-tok', ...args], { env });
    await sandbox().clearRequests();
    expect((await withEnv('create', 'database', '--retention-period', '30d')).exitCode).toBe(0);
    expect((await withEnv('update', 'database', '-r', '7d')).exitCode).toBe(0);
    expect((await withEnv('create', 'table', '--tags', 'host', 'cpu')).exitCode).toBe(0);
    // What is on the line wins.
    expect((await withEnv('create', 'table', '-d', db, '--tags', 'host', 'mem')).exitCode).toBe(0);
    expect((await withEnv('delete', 'table', 'cpu', '-y')).exitCode).toBe(0);
    expect((await withEnv('delete', 'database', '-y')).exitCode).toBe(0);
    expect((await sandbox().requests()).map((q) => `${q.method} ${q.path} ${JSON.stringify(q.body ?? q.query)}`)).toEqual([
      `POST /api/v3/configure/database ${JSON.stringify({ db, retention_period: '30d' })}`,
      `PUT /api/v3/configure/database ${JSON.stringify({ db, retention_period: '7d' })}`,
      `POST /api/v3/configure/table ${JSON.stringify({ db, table: 'cpu', tags: ['host'], fields: [] })}`,
      `POST /api/v3/configure/table ${JSON.stringify({ db, table: 'mem', tags: ['host'], fields: [] })}`,
      `DELETE /api/v3/configure/table ${JSON.stringify({ db, table: 'cpu' })}`,
      `DELETE /api/v3/configure/database ${JSON.stringify({ db })}`,
    ]);

    await sandbox().clearRequests();
    const none = await run('create', 'table', '--tags', 'host', 'cpu');
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toBe('error: which database? pass -d/--database NAME\ncore, enterprise: INFLUXDB3_DATABASE_NAME gives the default');
    expect(await sandbox().requests()).toEqual([]);
  });

  it('creates tables with columns, lists them through information_schema, and handles deleted ones', async () => {
    const db = unique('tb');
    await run('database', 'create', db);
    await sandbox().clearRequests();
    const created = await run('table', 'create', db, 'mem', '--tags', 'host', '--tags', 'rack', '--fields', 'used:uint64,ok:bool', '--json');
    expect(created.exitCode).toBe(0);
    expect(parseJson(created.stdout)).toEqual({ database: db, name: 'mem', tags: ['host', 'rack'], fields: [{ name: 'used', type: 'uint64' }, { name: 'ok', type: 'bool' }] });
    expect((await sandbox().requests())[0]).toMatchObject({ body: { db, table: 'mem', tags: ['host', 'rack'], fields: [{ name: 'used', type: 'uint64' }, { name: 'ok', type: 'bool' }] } });
    expect((await run('table', 'create', db, 'mem', '--tags', 'host')).exitCode).toBe(5);

    await sandbox().clearRequests();
    const table = await run('table', 'list', db);
    expect(table.stdout).toMatch(/^mem(\s|$)/m);
    const [query] = await sandbox().requests();
    expect(query).toMatchObject({ method: 'POST', path: '/api/v3/query_sql', body: { db, format: 'json' } });
    expect((query!.body as { q: string }).q).toMatch(/information_schema\.tables/);

    expect((await run('table', 'delete', db, 'mem', '--yes')).exitCode).toBe(0);
    expect(parseJson((await run('table', 'list', db, '--json')).stdout)).toEqual([]);
    const shown = parseJson<Array<{ name: string; deleted: boolean }>>((await run('table', 'list', db, '--show-deleted', '--json')).stdout);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.deleted).toBe(true);
    expect((await run('table', 'delete', db, shown[0]!.name, '--yes')).exitCode).toBe(5);
    expect((await run('table', 'delete', db, 'mem', '--yes')).exitCode).toBe(3);
    expect((await run('table', 'list', 'no-such-db')).exitCode).toBe(3);
  });

  it('deletes a table and a token whose names the server took but create refuses (a control character)', async () => {
    const db = unique('cc');
    expect((await run('database', 'create', db)).exitCode).toBe(0);
    const api = (method: string, path: string, body: unknown) => sandboxCall(sandbox().url, method, path, body, { authorization: 'Bearer admin-tok', 'content-type': 'application/json' });
    expect((await api('POST', '/api/v3/configure/table', { db, table: 'bad\u0001x', tags: ['t'], fields: [] })).status).toBe(200);
    expect((await api('POST', '/api/v3/configure/token/named_admin', { token_name: `${db}\u0007tok` })).status).toBe(201);

    // Creating such a name stays refused, before anything is sent.
    await sandbox().clearRequests();
    const create = await run('table', 'create', db, 'bad\u0001y', '--tags', 't');
    expect(create.exitCode).toBe(2);
    expect(create.stderr).toMatch(/contains a control character/);
    expect(await sandbox().requests()).toEqual([]);

    await sandbox().clearRequests();
    const table = await run('table', 'delete', db, 'bad\u0001x', '-y');
    expect(table.exitCode, table.stderr).toBe(0);
    expect(table.stderr).toContain('bad\\u0001x');
    expect((await sandbox().requests())[0]).toMatchObject({ method: 'DELETE', path: '/api/v3/configure/table', query: { db, table: 'bad\u0001x' } });
    expect(parseJson((await run('table', 'list', db, '--json')).stdout)).toEqual([]);

    await sandbox().clearRequests();
    const token = await run('delete', 'token', '--token-name', `${db}\u0007tok`, '-y');
    expect(token.exitCode, token.stderr).toBe(0);
    expect((await sandbox().requests())[0]).toMatchObject({ method: 'DELETE', path: '/api/v3/configure/token', query: { token_name: `${db}\u0007tok` } });

    // An empty name is still no name.
    await sandbox().clearRequests();
    const empty = await run('table', 'delete', db, '', '-y');
    expect(empty.exitCode).toBe(2);
    expect(empty.stderr).toMatch(/the table name is empty/);
    expect(await sandbox().requests()).toEqual([]);
  });

  it('prunes a table whose name holds a control character', async () => {
    // A server of its own: --prune deletes everything else the file leaves out.
    const own = await startSandbox(['--influxdb3', product]);
    try {
      const runOwn = (...args: string[]) => cli(['--product', product, '--host', own.url, '--token', 'admin-tok', ...args]);
      expect((await runOwn('database', 'create', 'cp')).exitCode).toBe(0);
      const made = await sandboxCall(own.url, 'POST', '/api/v3/configure/table', { db: 'cp', table: 'bad\u0001x', tags: ['t'], fields: [] }, { authorization: 'Bearer admin-tok', 'content-type': 'application/json' });
      expect(made.status).toBe(200);
      const path = join(tempDir(), 'prune.yaml');
      writeFileSync(path, `targets:\n  t:\n    product: ${product}\n    host: ${own.url}\n    databases: [{name: cp}]\n    tables: []\n`);
      const pruned = await runOwn('apply', '-f', path, '--prune', '--yes');
      expect(pruned.exitCode, pruned.stderr).toBe(0);
      expect(pruned.stderr).toMatch(/deleted table "cp\/bad\\u0001x"/);
      expect(parseJson((await runOwn('table', 'list', 'cp', '--json')).stdout)).toEqual([]);
    } finally {
      await own.stop();
    }
  });

  it.each([
    [['database', 'create', '_x'], /must start with a letter or digit/],
    [['database', 'create', 'a b'], /contains " "/],
    [['database', 'create', 'a/b/c'], /one \//],
    [['database', 'create', 'x', '--retention-period', '10m'], /minimum of 1h/],
    [['database', 'create', 'x', '--retention-period', '0.5ns'], /not zero but shorter than a nanosecond/],
    [['database', 'create', 'x', '--max-tables', '5'], /`database create --max-tables` is not available/],
    [['database', 'update', 'x'], /nothing to update/],
    [['database', 'delete', 'x', '--hard-delete', 'later', '--yes'], /never, now, default or an RFC 3339/],
    [['database', 'delete', 'x', '--hard-delete', '9999-12-31T23:59:59-23:59', '--yes'], /outside the years 0000 to 9999 in UTC/],
    [['database', 'rename', 'a', 'b'], /`database rename` is not available/],
    [['table', 'create', 'db', 't', '--fields', 'x:float'], /not one of int64/],
    [['table', 'create', 'db', 't', '--tags', 'a', '--fields', 'a:bool'], /both a tag and a field/],
    [['table', 'create', 'db', 't', '--template-tag', 'a'], /`table create --template-tag` is not available/],
    [['table', 'undelete', 'db', '5'], /`table undelete` is not available/],
    [['create', 'table', '--tags', 'a', 't'], /pass -d\/--database/],
    [['update', 'database', '-r', '1d'], /pass -d\/--database/],
  ])('rejects %j with exit 2 and sends nothing', async (args, message) => {
    await sandbox().clearRequests();
    const r = await run(...args);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(await sandbox().requests()).toEqual([]);
  });

  it('retries a read sent as POST (the SQL of table list) on 503, and a write POST on none', async () => {
    const db = unique('rt');
    expect((await run('database', 'create', db)).exitCode).toBe(0);
    await sandbox().setFaults('503:x1@POST/api/v3/query_sql');
    await sandbox().clearRequests();
    const listed = await run('table', 'list', db, '--json');
    expect(listed.exitCode, listed.stderr).toBe(0);
    expect(parseJson(listed.stdout)).toEqual([]);
    expect((await sandbox().requests()).map((q) => [q.path, q.status])).toEqual([['/api/v3/query_sql', 503], ['/api/v3/query_sql', 200]]);

    await sandbox().setFaults('503:x1@POST/api/v3/configure/table');
    await sandbox().clearRequests();
    const created = await run('table', 'create', db, 'once', '--tags', 'host');
    expect(created.exitCode).toBe(1);
    expect((await sandbox().requests()).map((q) => [q.path, q.status])).toEqual([['/api/v3/configure/table', 503]]);
    await sandbox().setFaults('');
  });

  it('shows plain-text server errors as they are', async () => {
    const r = await run('database', 'update', 'no-such-db', '--retention-period', '2d');
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/404 Not Found: the requested resource was not found: no-such-db/);
  });

  it('detects the product from /ping when none is given', async () => {
    const r = await cli(['--host', sandbox().url, 'database', 'list', '--json', '--debug'], { env: cleanEnv({ INFLUXDB3_AUTH_TOKEN: 'admin-tok' }) });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`product detection: .*→ ${product}`));
    expect(r.stderr).not.toContain('admin-tok');
  });
});

describe('Enterprise-only flags', () => {
  it('are sent to enterprise and refused on core before sending', async () => {
    const ent = servers.enterprise!;
    const core = servers.core!;
    const db = unique('ent');
    const run = (server: SandboxHandle, product: string, ...args: string[]) => cli(['--product', product, '--host', server.url, '--token', 't', ...args]);
    await run(ent, 'enterprise', 'database', 'create', db);
    await ent.clearRequests();
    expect((await run(ent, 'enterprise', 'database', 'delete', db, '--data-only', '--remove-tables', '--yes')).exitCode).toBe(0);
    expect((await ent.requests())[0]!.query).toEqual({ db, data_only: 'true', remove_tables: 'true' });
    expect((await run(ent, 'enterprise', 'table', 'create', db, 't', '--retention-period', '2d')).exitCode).toBe(0);

    await core.clearRequests();
    const refused = await run(core, 'core', 'database', 'delete', db, '--data-only', '--yes');
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/works on enterprise/);
    expect((await run(core, 'core', 'table', 'create', db, 't', '--retention-period', '2d')).exitCode).toBe(2);
    expect(await core.requests()).toEqual([]);
  });
});

describe("a table's own retention period (Enterprise: influxdb3 update table)", () => {
  const run = (server: SandboxHandle, product: string, ...args: string[]) => cli(['--product', product, '--host', server.url, '--token', 't', ...args]);

  it('is set and cleared through the retention_period endpoint, in both shapes', async () => {
    const ent = servers.enterprise!;
    const db = unique('tret');
    await run(ent, 'enterprise', 'database', 'create', db);
    await run(ent, 'enterprise', 'table', 'create', db, 'cpu', '--tags', 'host');
    await ent.clearRequests();
    const set = await run(ent, 'enterprise', 'table', 'update', db, 'cpu', '--retention-period', '30d', '--json');
    expect(set.exitCode).toBe(0);
    expect(parseJson(set.stdout)).toEqual({ database: db, name: 'cpu', retentionPeriod: 30 * 86400e9, retentionPeriodHuman: '30d' });
    expect(set.stderr).toBe(`updated table "cpu" in database "${db}"`);
    const cleared = await run(ent, 'enterprise', 'update', 'table', '-d', db, '-r', 'none', 'cpu');
    expect(cleared.exitCode).toBe(0);
    expect(cleared.stdout).toMatch(/^RETENTION +the database's$/m);
    expect((await ent.requests()).map((q) => [q.method, q.path, q.query, q.status])).toEqual([
      ['POST', '/api/v3/enterprise/configure/table/retention_period', { db, table: 'cpu', duration: '30d' }, 204],
      ['DELETE', '/api/v3/enterprise/configure/table/retention_period', { db, table: 'cpu' }, 204],
    ]);

    const missing = await run(ent, 'enterprise', 'table', 'update', db, 'nosuch', '--retention-period', '1d');
    expect(missing.exitCode).toBe(3);
    expect(missing.stderr.split('\n')[1]).toBe(`no table "nosuch" in database "${db}", or no such database; see \`influxadm table list ${db}\``);
  });

  it('is checked before sending, and refused on core naming enterprise', async () => {
    const ent = servers.enterprise!;
    const core = servers.core!;
    await ent.clearRequests();
    await core.clearRequests();
    for (const [args, message] of [
      [['table', 'update', 'db', 'cpu'], /^error: nothing to update\npass --retention-period D \(or none\)$/],
      [['table', 'update', 'db', 'cpu', '--retention-period', '30m'], /shorter than the minimum of 1h/],
      [['update', 'table', '-r', '1d', 'cpu'], /^error: which database\?/],
    ] as const) {
      const r = await run(ent, 'enterprise', ...args);
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    const refused = await run(core, 'core', 'table', 'update', 'db', 'cpu', '--retention-period', '1d');
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toBe('error: `table update` is not available for core (InfluxDB 3 Core); it works on enterprise (InfluxDB 3 Enterprise)');
    expect(await ent.requests()).toEqual([]);
    expect(await core.requests()).toEqual([]);
  });

  it('with INFLUXDB3_DATABASE_NAME and no product, picks enterprise (the one product with the verb) as -d does', async () => {
    const ent = servers.enterprise!;
    // No token: the server's /ping cannot say what it is, so the verb names the product.
    const env = cleanEnv({ INFLUXADM_HOST: ent.url, INFLUXDB3_DATABASE_NAME: 'envdb' });
    const withD = await cli(['update', 'table', '-d', 'envdb', '-r', '1d', 'cpu', '--debug'], { env });
    const fromEnv = await cli(['update', 'table', '-r', '1d', 'cpu', '--debug'], { env });
    for (const r of [withD, fromEnv]) {
      expect(r.stderr).toMatch(/^debug: target: product enterprise \(`table update` \(only enterprise has it\)\)/m);
      expect(r.stderr).toMatch(/^error: no token for enterprise$/m);
      expect(r.exitCode).toBe(4);
    }
  });
});
