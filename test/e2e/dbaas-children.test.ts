// What lives inside a datastore: databases, users, grants (PostgreSQL), topics and ACLs (Kafka),
// extensions and logical replication slots (PostgreSQL). Every verb against the sandbox; names given on
// the command line reach the server as IDs; lists are JSON arrays of the API's objects.

import { describe, expect, it } from 'vitest';
import { fromCli, parseJson, uniqueName, useDbaasSandbox, type Dbaas, type DbaasObject, type SandboxHandle } from './harness.js';

let sandbox: SandboxHandle;
let d: Dbaas;
let pg: DbaasObject;
let kafka: DbaasObject;
const unique = (base: string) => uniqueName(base);

useDbaasSandbox(['--dbaas-delay', '200ms'], async (s, dbaas) => {
  [sandbox, d] = [s, dbaas];
  [pg, kafka] = await Promise.all([d.datastore(unique('pg').replace(/_/g, '-')), d.datastore(unique('kafka').replace(/_/g, '-'), 'kafka-3.5')]);
});

const sentWrites = async () => fromCli(await sandbox.requests()).filter((q) => q.method !== 'GET');
/** The listings of users and databases the CLI asked for (to find names, and to name IDs in a table), sorted. */
const namesRead = async () => fromCli(await sandbox.requests()).filter((q) => q.method === 'GET' && ['/v1/users', '/v1/databases'].includes(q.path))
  .map((q) => `${q.path} ${JSON.stringify(q.query)}`).sort();
const user = (datastore: DbaasObject, name = unique('u')) => d.child('users', 'user', { datastore_id: datastore.id, name, password: 'Setup-Password-1' });
const database = (name = unique('db'), extra: Record<string, unknown> = {}) => d.child('databases', 'database', { datastore_id: pg.id, name, ...extra });

describe('database --datastore', () => {
  it('creates a database with an owner and collation, the names sent as IDs', async () => {
    const owner = await user(pg);
    const name = unique('app');
    const r = await d.run('database', 'create', name, '--datastore', pg.name!, '--owner', owner.name!, '--lc-collate', 'en_US.UTF-8', '--lc-ctype', 'en_US.UTF-8', '--wait', '--json');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(`created database "${name}"`);
    expect(parseJson(r.stdout)).toMatchObject({ name, status: 'ACTIVE', datastore_id: pg.id, owner_id: owner.id, lc_collate: 'en_US.UTF-8', lc_ctype: 'en_US.UTF-8' });
    expect((await sentWrites()).map((q) => [q.method, q.path, q.body])).toEqual([
      ['POST', '/v1/databases', { database: { datastore_id: pg.id, name, owner_id: owner.id, lc_collate: 'en_US.UTF-8', lc_ctype: 'en_US.UTF-8' } }],
    ]);
  });

  it('lists databases of a datastore as a table with names for IDs, and as JSON', async () => {
    const owner = await user(pg);
    const db = await database(unique('listed'), { owner_id: owner.id });
    const table = await d.run('database', 'list', '--datastore', pg.name!);
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toMatch(/NAME\s+STATUS\s+DATASTORE\s+OWNER\s+ID/);
    expect(table.stdout).toMatch(new RegExp(`${db.name}\\s+ACTIVE\\s+${pg.name}\\s+${owner.name}\\s+${db.id}`));
    const json = await d.run('database', 'list', '--datastore', pg.id, '--status', 'ACTIVE', '--json');
    expect(json.exitCode).toBe(0);
    const items = parseJson<DbaasObject[]>(json.stdout);
    expect(items.find((i) => i.id === db.id)).toEqual({
      id: db.id, name: db.name, status: 'ACTIVE', datastore_id: pg.id, owner_id: owner.id, lc_collate: 'C', lc_ctype: 'C',
      project_id: expect.any(String), created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/), updated_at: expect.any(String),
    });
    expect(fromCli(await sandbox.requests()).find((q) => q.path === '/v1/databases' && q.query.status)!.query).toEqual({ datastore_id: pg.id, status: 'ACTIVE' });
  });

  it('changes the owner (PUT owner_id) and deletes, waiting until it is gone', async () => {
    const [owner, db] = await Promise.all([user(pg), database()]);
    const update = await d.run('database', 'update', db.name!, '--datastore', pg.name!, '--owner', owner.name!, '--wait', '--json');
    expect(update.exitCode).toBe(0);
    expect(parseJson(update.stdout)).toMatchObject({ id: db.id, owner_id: owner.id, status: 'ACTIVE' });
    const del = await d.run('database', 'delete', db.name!, '--datastore', pg.name!, '--yes', '--wait');
    expect(del.exitCode).toBe(0);
    expect(del.stderr).toContain(`deleted database "${db.name}" in datastore "${pg.name}"`);
    expect((await sentWrites()).map((q) => [q.method, q.path, q.body])).toEqual([
      ['PUT', `/v1/databases/${db.id}`, { database: { owner_id: owner.id } }],
      ['DELETE', `/v1/databases/${db.id}`, undefined],
    ]);
    expect(fromCli(await sandbox.requests()).at(-1)).toMatchObject({ path: `/v1/databases/${db.id}`, status: 404 });
  });

  it('needs --datastore on dbaas, and says so before sending anything', async () => {
    const r = await d.run('database', 'create', 'nowhere');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('which datastore? pass --datastore NAME|ID');
    expect(fromCli(await sandbox.requests())).toEqual([]);
  });
});

describe('user', () => {
  it('creates a user with a password from stdin; the name and datastore go as sent, the password only in the body', async () => {
    const name = unique('app_rw');
    const r = await d.runWith({ input: 'Pa55-word-from-stdin\n' }, 'user', 'create', name, '--datastore', pg.name!, '--password-stdin', '--wait', '--json');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(`created user "${name}"`);
    const shown = parseJson<DbaasObject>(r.stdout);
    expect(shown).toMatchObject({ name, status: 'ACTIVE', datastore_id: pg.id });
    expect(shown).not.toHaveProperty('password');
    expect((await sentWrites()).map((q) => q.body)).toEqual([{ user: { datastore_id: pg.id, name, password: 'Pa55-word-from-stdin' } }]);
  });

  it('lists users by name and status, as a table and as JSON', async () => {
    const u = await user(pg);
    const table = await d.run('user', 'list', '--datastore', pg.name!);
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`${u.name}\\s+ACTIVE\\s+${pg.name}\\s+${u.id}`));
    const json = await d.run('user', 'list', '--datastore', pg.name!, '--name', u.name!, '--json');
    expect(parseJson<DbaasObject[]>(json.stdout)).toEqual([expect.objectContaining({ id: u.id, name: u.name, status: 'ACTIVE', datastore_id: pg.id })]);
    expect(fromCli(await sandbox.requests()).filter((q) => q.path === '/v1/users').at(-1)!.query).toEqual({ datastore_id: pg.id, name: u.name });
  });

  it('sets a new password (PUT with only the password) and deletes', async () => {
    const u = await user(pg);
    const update = await d.runWith({ input: 'N3w-password\n' }, 'user', 'update', u.name!, '--datastore', pg.name!, '--password-stdin', '--wait');
    expect(update.exitCode).toBe(0);
    expect(update.stderr).toContain(`set a new password for user "${u.name}"`);
    const del = await d.run('user', 'delete', u.name!, '--datastore', pg.id, '--yes', '--wait');
    expect(del.exitCode).toBe(0);
    expect((await sentWrites()).map((q) => [q.method, q.path, q.body])).toEqual([
      ['PUT', `/v1/users/${u.id}`, { user: { password: 'N3w-password' } }],
      ['DELETE', `/v1/users/${u.id}`, undefined],
    ]);
  });
});

describe('grant', () => {
  it('creates a grant by user and database names, sending their IDs', async () => {
    const [u, db] = await Promise.all([user(pg), database()]);
    const r = await d.run('grant', 'create', '--datastore', pg.name!, '--user', u.name!, '--database', db.name!, '--wait', '--json');
    expect(r.exitCode).toBe(0);
    const grant = parseJson<DbaasObject>(r.stdout);
    expect(grant).toMatchObject({ status: 'ACTIVE', datastore_id: pg.id, user_id: u.id, database_id: db.id });
    expect(r.stderr).toContain(`user "${u.name}" may use database "${db.name}" (grant ${grant.id})`);
    expect((await sentWrites()).map((q) => q.body)).toEqual([{ grant: { datastore_id: pg.id, database_id: db.id, user_id: u.id } }]);
  });

  it('lists grants filtered by user and database names, as a table of names and as JSON', async () => {
    const [u, db] = await Promise.all([user(pg), database()]);
    const g = await d.child('grants', 'grant', { datastore_id: pg.id, user_id: u.id, database_id: db.id });
    const table = await d.run('grant', 'list', '--datastore', pg.name!, '--user', u.name!);
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`${u.name}\\s+${db.name}\\s+ACTIVE\\s+${pg.name}\\s+${g.id}`));
    const json = await d.run('grant', 'list', '--datastore', pg.name!, '--user', u.name!, '--database', db.name!, '--json');
    expect(parseJson<DbaasObject[]>(json.stdout)).toEqual([expect.objectContaining({ id: g.id, user_id: u.id, database_id: db.id })]);
    expect(fromCli(await sandbox.requests()).filter((q) => q.path === '/v1/grants').at(-1)!.query).toEqual({ datastore_id: pg.id, user_id: u.id, database_id: db.id });
    const noDatastore = await d.run('grant', 'list', '--user', u.name!);
    expect(noDatastore.exitCode).toBe(2);
    expect(noDatastore.stderr).toContain('filtering by user or database names needs --datastore');
  });

  it('creates a grant reading the users and the databases of its datastore once each', async () => {
    const [u, db] = await Promise.all([user(pg), database()]);
    const r = await d.run('grant', 'create', '--datastore', pg.name!, '--user', u.name!, '--database', db.name!, '--no-wait');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`USER\\s+${u.name}\\nDATABASE\\s+${db.name}\\n`));
    expect(await namesRead()).toEqual([`/v1/databases {"datastore_id":"${pg.id}"}`, `/v1/users {"datastore_id":"${pg.id}"}`]);
  });

  it('deletes a grant by --user and --database, and another by its ID', async () => {
    const [u, db1, db2] = await Promise.all([user(pg), database(), database()]);
    const [g1, g2] = await Promise.all([
      d.child('grants', 'grant', { datastore_id: pg.id, user_id: u.id, database_id: db1.id }),
      d.child('grants', 'grant', { datastore_id: pg.id, user_id: u.id, database_id: db2.id }),
    ]);
    const byPair = await d.run('grant', 'delete', '--datastore', pg.name!, '--user', u.name!, '--database', db1.name!, '--yes', '--wait');
    expect(byPair.exitCode).toBe(0);
    expect(byPair.stderr).toContain(`deleted the grant of user "${u.name}" on database "${db1.name}"`);
    const byId = await d.run('grant', 'delete', g2.id, '--yes', '--no-wait', '--json');
    expect(byId.exitCode).toBe(0);
    expect(parseJson(byId.stdout)).toEqual([{ name: g2.id, deleted: true }]);
    expect((await sentWrites()).map((q) => [q.method, q.path])).toEqual([['DELETE', `/v1/grants/${g1.id}`], ['DELETE', `/v1/grants/${g2.id}`]]);
    const none = await d.run('grant', 'delete', '--datastore', pg.name!, '--user', u.name!, '--database', db1.name!, '--yes');
    expect(none.exitCode).toBe(3);
    expect(none.stderr).toContain(`user "${u.name}" has no grant on database "${db1.name}"`);
  });

  it('deletes a grant by ID only when it is in the --datastore given, as users and databases by ID', async () => {
    const [u, db] = await Promise.all([user(pg), database()]);
    const g = await d.child('grants', 'grant', { datastore_id: pg.id, user_id: u.id, database_id: db.id });
    const elsewhere = await d.run('grant', 'delete', g.id, '--datastore', kafka.name!, '--yes', '--no-wait');
    expect(elsewhere.exitCode).toBe(3);
    expect(elsewhere.stderr).toContain(`no grant ${g.id} in datastore "${kafka.name}"`);
    expect(await sentWrites()).toEqual([]);
    // The datastore named was the one looked up, not the grant's own.
    expect(fromCli(await sandbox.requests()).some((q) => q.path === `/v1/datastores/${pg.id}`)).toBe(false);
    const here = await d.run('grant', 'delete', g.id, '--datastore', pg.name!, '--yes', '--no-wait', '--json');
    expect(here.exitCode, here.stderr).toBe(0);
    expect(parseJson(here.stdout)).toEqual([{ name: g.id, deleted: true }]);
    expect((await sentWrites()).map((q) => [q.method, q.path])).toEqual([['DELETE', `/v1/grants/${g.id}`]]);
  });
});

describe('topic (Kafka)', () => {
  it('creates, lists, adds partitions and deletes a topic', async () => {
    const name = `events.${unique('t')}`;
    const create = await d.run('topic', 'create', name, '--datastore', kafka.name!, '--partitions', '3', '--wait', '--json');
    expect(create.exitCode).toBe(0);
    const topic = parseJson<DbaasObject>(create.stdout);
    expect(topic).toMatchObject({ name, partitions: 3, status: 'ACTIVE', datastore_id: kafka.id });

    const table = await d.run('topic', 'list', '--datastore', kafka.name!);
    expect(table.stdout).toMatch(new RegExp(`${name.replace('.', '\\.')}\\s+3\\s+ACTIVE\\s+${kafka.name}`));
    const json = await d.run('topic', 'list', '--datastore', kafka.name!, '--name', name, '--json');
    expect(parseJson<DbaasObject[]>(json.stdout).map((t) => t.id)).toEqual([topic.id]);

    const update = await d.run('topic', 'update', name, '--datastore', kafka.name!, '--partitions', '6', '--wait', '--json');
    expect(update.exitCode).toBe(0);
    expect(parseJson(update.stdout)).toMatchObject({ partitions: 6, status: 'ACTIVE' });
    const shrink = await d.run('topic', 'update', name, '--datastore', kafka.name!, '--partitions', '2');
    expect(shrink.exitCode).toBe(2);
    expect(shrink.stderr).toContain(`topic "${name}" has 6 partitions; Kafka can add partitions but never remove them`);

    const del = await d.run('topic', 'delete', name, '--datastore', kafka.name!, '--yes', '--wait');
    expect(del.exitCode).toBe(0);
    expect((await sentWrites()).map((q) => [q.method, q.path, q.body])).toEqual([
      ['POST', '/v1/topics', { topic: { datastore_id: kafka.id, name, partitions: 3 } }],
      ['PUT', `/v1/topics/${topic.id}`, { topic: { partitions: 6 } }],
      ['DELETE', `/v1/topics/${topic.id}`, undefined],
    ]);
  });
});

describe('acl (Kafka)', () => {
  it('creates an ACL for a user by name, lists it, changes what it allows and deletes it', async () => {
    const u = await user(kafka);
    const create = await d.run('acl', 'create', '--datastore', kafka.name!, '--user', u.name!, '--pattern', 'events.', '--pattern-type', 'prefixed', '--write', '--wait', '--json');
    expect(create.exitCode).toBe(0);
    const acl = parseJson<DbaasObject>(create.stdout);
    expect(acl).toMatchObject({ user_id: u.id, pattern: 'events.', pattern_type: 'prefixed', allow_read: false, allow_write: true, status: 'ACTIVE' });

    const table = await d.run('acl', 'list', '--datastore', kafka.name!, '--user', u.name!);
    expect(table.stdout).toMatch(new RegExp(`${u.name}\\s+events\\.\\*\\s+yes\\s+ACTIVE\\s+${kafka.name}\\s+${acl.id}`));
    const json = await d.run('acl', 'list', '--datastore', kafka.name!, '--pattern-type', 'prefixed', '--json');
    expect(parseJson<DbaasObject[]>(json.stdout).map((a) => a.id)).toContain(acl.id);

    const update = await d.run('acl', 'update', acl.id, '--read', '--no-write', '--wait', '--json');
    expect(update.exitCode).toBe(0);
    expect(parseJson(update.stdout)).toMatchObject({ allow_read: true, allow_write: false });
    const neither = await d.run('acl', 'update', acl.id, '--no-read');
    expect(neither.exitCode).toBe(2);

    const del = await d.run('acl', 'delete', acl.id, '--yes', '--wait');
    expect(del.exitCode).toBe(0);
    expect((await sentWrites()).map((q) => [q.method, q.path, q.body])).toEqual([
      ['POST', '/v1/acls', { acl: { datastore_id: kafka.id, user_id: u.id, pattern_type: 'prefixed', pattern: 'events.', allow_read: false, allow_write: true } }],
      ['PUT', `/v1/acls/${acl.id}`, { acl: { allow_read: true, allow_write: false } }],
      ['DELETE', `/v1/acls/${acl.id}`, undefined],
    ]);
  });

  it('creates and lists ACLs reading the users of the datastore once, and its databases never', async () => {
    const u = await user(kafka);
    const create = await d.run('acl', 'create', '--datastore', kafka.name!, '--user', u.name!, '--pattern', 'once.', '--pattern-type', 'prefixed', '--read', '--no-wait');
    expect(create.exitCode).toBe(0);
    expect(create.stdout).toMatch(new RegExp(`USER\\s+${u.name}\\nTOPICS\\s+once\\.\\*\\n`));
    expect(await namesRead()).toEqual([`/v1/users {"datastore_id":"${kafka.id}"}`]);
    await sandbox.clearRequests();
    const list = await d.run('acl', 'list', '--datastore', kafka.name!, '--user', u.name!);
    expect(list.stdout).toMatch(new RegExp(`${u.name}\\s+once\\.\\*\\s+yes`));
    expect(await namesRead()).toEqual([`/v1/users {"datastore_id":"${kafka.id}"}`]);
  });

  it('an ACL on all topics takes no pattern; one that allows nothing is refused before sending', async () => {
    const u = await user(kafka);
    const all = await d.run('acl', 'create', '--datastore', kafka.name!, '--user', u.name!, '--read', '--no-wait', '--json');
    expect(all.exitCode).toBe(0);
    expect(parseJson(all.stdout)).toMatchObject({ pattern_type: 'all', pattern: null, allow_read: true });
    const nothing = await d.run('acl', 'create', '--datastore', kafka.name!, '--user', u.name!, '--pattern', 'x');
    expect(nothing.exitCode).toBe(2);
    expect(nothing.stderr).toContain('an ACL allows --read, --write or both');
    expect((await sentWrites())).toHaveLength(1);
  });
});

describe('extension (PostgreSQL)', () => {
  it('installs an extension by its available-extension name, lists it by name and removes it', async () => {
    const db = await database();
    const create = await d.run('extension', 'create', 'pgcrypto', '--datastore', pg.name!, '--database', db.name!, '--wait', '--json');
    expect(create.exitCode).toBe(0);
    const ext = parseJson<DbaasObject & { available_extension_id: string }>(create.stdout);
    expect(ext).toMatchObject({ status: 'ACTIVE', datastore_id: pg.id, database_id: db.id });
    const table = await d.run('extension', 'list', '--datastore', pg.name!, '--database', db.name!);
    expect(table.stdout).toMatch(new RegExp(`pgcrypto\\s+${db.name}\\s+ACTIVE\\s+${pg.name}\\s+${ext.id}`));
    const json = await d.run('extension', 'list', '--datastore', pg.name!, '--database', db.name!, '--json');
    expect(parseJson<DbaasObject[]>(json.stdout).map((e) => e.id)).toEqual([ext.id]);
    const del = await d.run('extension', 'delete', 'pgcrypto', '--datastore', pg.name!, '--database', db.name!, '--yes', '--wait');
    expect(del.exitCode).toBe(0);
    expect(del.stderr).toContain(`deleted extension "pgcrypto" in database "${db.name}"`);
    expect((await sentWrites()).map((q) => [q.method, q.path, q.body])).toEqual([
      ['POST', '/v1/extensions', { extension: { datastore_id: pg.id, database_id: db.id, available_extension_id: ext.available_extension_id } }],
      ['DELETE', `/v1/extensions/${ext.id}`, undefined],
    ]);
    const gone = await d.run('extension', 'delete', 'pgcrypto', '--datastore', pg.name!, '--database', db.name!, '--yes');
    expect(gone.exitCode).toBe(3);
    expect(gone.stderr).toContain(`extension "pgcrypto" is not installed in database "${db.name}"`);
  });

  it('an extension whose dependency is missing is the server\'s 400, shown in its words (exit 2)', async () => {
    const db = await database();
    const r = await d.run('extension', 'create', 'postgis_topology', '--datastore', pg.name!, '--database', db.name!, '--no-wait');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: .*400 Bad Request: Validation failure: extension postgis_topology needs postgis in database/);
    expect(r.stderr.split('\n').length).toBeLessThanOrEqual(2);
  });
});

describe('replication-slot (PostgreSQL)', () => {
  it('creates a slot on a database by name, lists it and deletes it', async () => {
    const db = await database();
    const name = unique('cdc');
    const create = await d.run('replication-slot', 'create', name, '--datastore', pg.name!, '--database', db.name!, '--wait', '--json');
    expect(create.exitCode).toBe(0);
    const slot = parseJson<DbaasObject>(create.stdout);
    expect(slot).toMatchObject({ name, status: 'ACTIVE', database_id: db.id, datastore_id: pg.id });
    const table = await d.run('replication-slot', 'list', '--datastore', pg.name!);
    expect(table.stdout).toMatch(new RegExp(`${name}\\s+${db.name}\\s+ACTIVE\\s+${pg.name}\\s+${slot.id}`));
    const json = await d.run('replication-slot', 'list', '--datastore', pg.name!, '--database', db.name!, '--name', name, '--json');
    expect(parseJson<DbaasObject[]>(json.stdout).map((s) => s.id)).toEqual([slot.id]);
    const del = await d.run('replication-slot', 'delete', name, '--datastore', pg.name!, '--yes', '--wait');
    expect(del.exitCode).toBe(0);
    expect((await sentWrites()).map((q) => [q.method, q.path, q.body])).toEqual([
      ['POST', '/v1/logical-replication-slots', { 'logical-replication-slot': { datastore_id: pg.id, database_id: db.id, name } }],
      ['DELETE', `/v1/logical-replication-slots/${slot.id}`, undefined],
    ]);
  });
});

describe('empty lists', () => {
  it('every noun prints [] for a datastore with nothing in it', async () => {
    const empty = await d.datastore(unique('empty').replace(/_/g, '-'));
    const nouns = [['database'], ['user'], ['grant'], ['extension'], ['replication-slot'], ['topic'], ['acl']];
    const results = await Promise.all(nouns.map(([noun]) => d.run(noun!, 'list', '--datastore', empty.name!, '--json')));
    for (const r of results) {
      expect(r.exitCode).toBe(0);
      expect(r.stdout.trim()).toBe('[]');
    }
  });
});

describe('--status', () => {
  it('is the API status whatever its case, as on datastore list: --status active lists what is ACTIVE, and sends status=ACTIVE', async () => {
    const owner = await user(pg);
    const db = await database(unique('st'), { owner_id: owner.id });
    await Promise.all([
      d.child('grants', 'grant', { datastore_id: pg.id, user_id: owner.id, database_id: db.id }),
      d.child('logical-replication-slots', 'logical-replication-slot', { datastore_id: pg.id, database_id: db.id, name: unique('slot') }),
      d.child('topics', 'topic', { datastore_id: kafka.id, name: unique('t'), partitions: 1 }),
    ]);
    const pgcrypto = (await d.api<{ 'available-extensions': DbaasObject[] }>('GET', '/v1/available-extensions?name=pgcrypto'))['available-extensions'][0]!;
    await d.child('extensions', 'extension', { datastore_id: pg.id, database_id: db.id, available_extension_id: pgcrypto.id });
    const kafkaUser = await user(kafka);
    await d.child('acls', 'acl', { datastore_id: kafka.id, user_id: kafkaUser.id, pattern_type: 'all', allow_read: true, allow_write: false });
    const nouns = [['database', pg], ['user', pg], ['grant', pg], ['extension', pg], ['replication-slot', pg], ['topic', kafka], ['acl', kafka]] as const;
    await sandbox.clearRequests();
    const results = await Promise.all(nouns.map(([noun, ds]) => d.run(noun, 'list', '--datastore', ds.name!, '--status', 'active', '--json')));
    results.forEach((r, i) => {
      expect(r.exitCode, nouns[i]![0]).toBe(0);
      const items = parseJson<DbaasObject[]>(r.stdout);
      expect(items.length, nouns[i]![0]).toBeGreaterThan(0);
      for (const item of items) expect(item.status).toBe('ACTIVE');
    });
    const statuses = fromCli(await sandbox.requests()).filter((q) => q.query.status !== undefined).map((q) => q.query.status);
    expect(statuses.length).toBe(nouns.length);
    expect(new Set(statuses)).toEqual(new Set(['ACTIVE']));
  });
});

describe('what the engine of a datastore does not have', () => {
  it('is refused before anything is sent (exit 2), naming the engines that have it', async () => {
    const [redis, mysql] = await Promise.all([
      d.datastore(unique('redis').replace(/_/g, '-'), 'redis-7', { redis_password: 'Redis-Pass-1' }),
      d.datastore(unique('mysql').replace(/_/g, '-'), 'mysql-8'),
    ]);
    const [pgUser, mysqlDb] = await Promise.all([user(pg), d.child('databases', 'database', { datastore_id: mysql.id, name: unique('mdb') })]);
    await sandbox.clearRequests();
    const cases: Array<[string[], RegExp, string?]> = [
      [['database', 'create', 'app', '--datastore', kafka.name!], new RegExp(`^error: datastore "${kafka.name}" is kafka-3\\.5: databases live in PostgreSQL and MySQL datastores only$`)],
      [['user', 'create', 'app', '--datastore', redis.name!, '--password-stdin'], new RegExp(`^error: datastore "${redis.name}" is redis-7: users live in PostgreSQL, MySQL and Kafka datastores only$`), 'Pa55-word\n'],
      [['topic', 'create', 'events', '--datastore', pg.name!], new RegExp(`^error: datastore "${pg.name}" is postgresql-16: topics live in Kafka datastores only$`)],
      [['acl', 'create', '--datastore', pg.name!, '--user', pgUser.name!, '--pattern-type', 'all', '--read'], new RegExp(`^error: datastore "${pg.name}" is postgresql-16: ACLs live in Kafka datastores only$`)],
      [['replication-slot', 'create', 'slot1', '--datastore', mysql.name!, '--database', mysqlDb.name!], new RegExp(`^error: datastore "${mysql.name}" is mysql-8: replication slots live in PostgreSQL datastores only$`)],
      [['database', 'create', 'app', '--datastore', mysql.name!, '--lc-collate', 'en_US.UTF-8'], new RegExp(`^error: datastore "${mysql.name}" is mysql-8: a database's owner and locales are PostgreSQL's only$`)],
      [['database', 'update', mysqlDb.name!, '--datastore', mysql.name!, '--owner', 'someone'], new RegExp(`^error: datastore "${mysql.name}" is mysql-8: a database's owner and locales are PostgreSQL's only$`)],
    ];
    for (const [args, message, input] of cases) {
      const r = input === undefined ? await d.run(...args) : await d.runWith({ input }, ...args);
      expect(r.exitCode, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr.trimEnd()).toMatch(message);
    }
    expect(await sentWrites()).toEqual([]);
  });
});
