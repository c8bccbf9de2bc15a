import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, CLUSTER, cli, parseJson, startSandbox, type SandboxHandle } from './harness.js';

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.stop();
});

let n = 0;
const unique = (base: string) => `${base}${Date.now().toString(36)}${n++}`;

describe.each([
  { product: 'dedicated', target: () => ['--product', 'dedicated', '--host', sandbox.url, '--account', ACCOUNT, '--cluster', CLUSTER], prefix: `/api/v0/accounts/${ACCOUNT}/clusters/${CLUSTER}` },
  { product: 'clustered', target: () => ['--product', 'clustered', '--host', sandbox.url], prefix: '/api/v0' },
])('partition templates and tables on $product', ({ target, prefix }) => {
  const run = (...args: string[]) => cli([...target(), '--token', 'tok', ...args]);

  it('creates a database with a partition template and shows its summary', async () => {
    const db = unique('tpl');
    await sandbox.clearRequests();
    const r = await run('database', 'create', db, '--template-tag', 'room', '--template-tag', 'sensor', '--template-tag-bucket', 'customerID,1000', '--template-timeformat', '%Y-%m');
    expect(r.exitCode).toBe(0);
    const [request] = await sandbox.requests();
    expect(request!.body).toEqual({
      name: db,
      partitionTemplate: [
        { type: 'time', value: '%Y-%m' },
        { type: 'tag', value: 'room' },
        { type: 'tag', value: 'sensor' },
        { type: 'bucket', value: { tagName: 'customerID', numberOfBuckets: 1000 } },
      ],
    });
    const list = await run('database', 'list');
    expect(list.stdout).toMatch(new RegExp(`${db}.*%Y-%m\\|tag:room\\|tag:sensor\\|bucket:customerID/1000`));
    const json = parseJson<Array<{ name: string; partitionTemplate?: unknown[] }>>((await run('database', 'list', '--json')).stdout);
    expect(json.find((d) => d.name === db)!.partitionTemplate).toHaveLength(4);
  });

  it.each([
    [['--template-tag', 'room'], /needs a time part/],
    [['--template-tag', 'time', '--template-timeformat', '%Y'], /"time" is reserved/],
    [['--template-tag-bucket', 'c,0', '--template-timeformat', '%Y'], /between 1 and 100000/],
    [['--template-tag', 'a', '--template-tag-bucket', 'a,3', '--template-timeformat', '%Y'], /appears twice/],
    [['--template-timeformat', '%H'], /not supported/],
    [['--template-tag', 'a\u0085b', '--template-timeformat', '%Y'], /tag "a\\u0085b" contains a control character/],
  ])('refuses template flags %j with exit 2 and sends nothing', async (flags, message) => {
    await sandbox.clearRequests();
    const r = await run('table', 'create', 'somedb', 'sometable', ...flags);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(await sandbox.requests()).toEqual([]);
  });

  it('creates, renames, deletes and undeletes a table', async () => {
    const db = unique('tbl');
    await run('database', 'create', db);
    await sandbox.clearRequests();
    const created = await run('table', 'create', db, 'cpu', '--template-tag', 'host', '--template-timeformat', '%Y-%m-%d', '--json');
    expect(created.exitCode).toBe(0);
    expect(parseJson(created.stdout)).toMatchObject({ databaseName: db, name: 'cpu', partitionTemplate: [{ type: 'time', value: '%Y-%m-%d' }, { type: 'tag', value: 'host' }] });
    expect((await sandbox.requests())[0]).toMatchObject({ method: 'POST', path: `${prefix}/databases/${db}/tables` });

    const dup = await run('table', 'create', db, 'cpu');
    expect(dup.exitCode).toBe(5);

    const renamed = await run('table', 'rename', db, 'cpu', 'cpu2', '--json');
    expect(renamed.exitCode).toBe(0);
    const { id } = parseJson<{ id: number }>(renamed.stdout);
    expect(parseJson(renamed.stdout)).toMatchObject({ name: 'cpu2', databaseName: db });

    expect((await run('table', 'delete', db, 'cpu2')).exitCode).toBe(2);
    const deleted = await run('table', 'delete', db, 'cpu2', '--yes');
    expect(deleted.exitCode).toBe(0);
    expect(deleted.stderr).toContain(`deleted table "cpu2" from database "${db}"`);
    expect((await run('table', 'delete', db, 'cpu2', '--yes')).exitCode).toBe(3);

    const restored = await run('table', 'undelete', db, String(id), '--json');
    expect(restored.exitCode).toBe(0);
    expect(parseJson(restored.stdout)).toMatchObject({ id, name: 'cpu2' });
    expect((await run('table', 'undelete', db, String(id))).exitCode).toBe(3);
    expect((await run('table', 'undelete', db, 'abc')).exitCode).toBe(2);
  });

  it('says plainly that the Management API cannot list tables, and sends nothing', async () => {
    await sandbox.clearRequests();
    const r = await run('table', 'list', 'anydb');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/Management API has no table listing; run `SHOW TABLES`/);
    expect(await sandbox.requests()).toEqual([]);
  });

  it('refuses Core/Enterprise-only flags', async () => {
    const r = await run('table', 'create', 'db', 't', '--tags', 'a');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/`table create --tags` is not available .* core .*enterprise/);
  });

  it('answers 404 for a table in a database that does not exist', async () => {
    const r = await run('table', 'create', 'no-such-db', 'cpu');
    expect(r.exitCode).toBe(3);
  });
});
