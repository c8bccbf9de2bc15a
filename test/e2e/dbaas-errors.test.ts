// Names and errors on Selectel Managed Databases: names resolved to IDs and checked (unknown: exit 3,
// ambiguous: exit 2 naming the IDs, never the wrong object), conflicts (exit 5, nothing sent), the
// server's 400/401/403/404 as exit 2/4/4/3 in one line, and a create whose answer is lost, looked up
// again rather than sent twice.

import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHostile, type Hostile } from './hostile.js';
import { cli, DBAAS_TOKEN, fromCli, parseJson, sandboxCall, dbaas, startSandbox, uniqueName, useDbaasSandbox, SUBNET, tempDir, type Dbaas, type DbaasObject, type SandboxHandle } from './harness.js';

let sandbox: SandboxHandle;
let d: Dbaas;
let pg: DbaasObject;
const unique = (base: string) => uniqueName(base);
const dsName = (base: string) => unique(base).replace(/_/g, '-');

useDbaasSandbox(['--dbaas-delay', '200ms'], async (s, dbaas) => {
  [sandbox, d] = [s, dbaas];
  pg = await d.datastore(dsName('pg'));
});
beforeEach(async () => {
  await sandbox.setFaults('');
});

const sent = async () => fromCli(await sandbox.requests());
const writes = async () => (await sent()).filter((q) => q.method !== 'GET');
const user = (datastore: DbaasObject, name = unique('u')) => d.child('users', 'user', { datastore_id: datastore.id, name, password: 'Setup-Password-1' });

/** An error is one line, and at most one line of advice; never a stack trace. */
const oneError = (stderr: string) => {
  const lines = stderr.split('\n');
  expect(lines[0]).toMatch(/^error: /);
  expect(lines.length).toBeLessThanOrEqual(2);
  expect(stderr).not.toMatch(/\n\s+at /);
};

describe('names resolved to IDs', () => {
  it('an unknown name is exit 3, for a datastore and for what is inside one; nothing is changed', async () => {
    const cases = await Promise.all([
      d.run('datastore', 'get', 'no-such-datastore'),
      d.run('datastore', 'delete', 'no-such-datastore', '--yes'),
      d.run('database', 'delete', 'no_such_db', '--datastore', pg.name!, '--yes'),
      d.run('user', 'delete', 'no_such_user', '--datastore', pg.name!, '--yes'),
      d.run('grant', 'create', '--datastore', pg.name!, '--user', 'no_such_user', '--database', 'no_such_db'),
      d.run('database', 'list', '--datastore', 'no-such-datastore'),
    ]);
    for (const r of cases) {
      expect(r.exitCode).toBe(3);
      oneError(r.stderr);
    }
    expect(cases[0]!.stderr).toBe('error: no datastore named "no-such-datastore"');
    expect(cases[2]!.stderr).toBe(`error: no database named "no_such_db" in datastore "${pg.name}"`);
    expect(await writes()).toEqual([]);
  });

  it('an unknown ID is the server\'s 404: exit 3 with its message', async () => {
    const id = randomUUID();
    const r = await d.run('datastore', 'get', id);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain(`datastore ${id} not found.`);
    oneError(r.stderr);
  });

  it('a user ID from another datastore is not acted on under --datastore', async () => {
    const other = await d.datastore(dsName('other'));
    const stranger = await user(other);
    const r = await d.run('user', 'delete', stranger.id, '--datastore', pg.name!, '--yes');
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain(`no user ${stranger.id} in datastore "${pg.name}"`);
    expect(await writes()).toEqual([]);
  });

  it('a name is checked against what the server answered: a server that ignores the filter cannot make it act on another object', async () => {
    const hostile: Hostile = await startHostile();
    try {
      const other = { id: randomUUID(), name: 'someone-else', status: 'ACTIVE' };
      hostile.answer((req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        if (req.url.startsWith('/v1/datastores')) res.end(JSON.stringify({ datastores: [other] }));
        else res.end('{}');
      });
      const target = ['--product', 'dbaas', '--host', hostile.url, '--token', DBAAS_TOKEN];
      const del = await cli([...target, 'datastore', 'delete', 'pg-main', '--yes']);
      expect(del.exitCode).toBe(3);
      expect(del.stderr).toBe('error: no datastore named "pg-main"');
      const db = await cli([...target, 'database', 'create', 'app', '--datastore', 'pg-main']);
      expect(db.exitCode).toBe(3);
      expect(hostile.requests.map((q) => `${q.method} ${q.url}`)).toEqual(['GET /v1/datastores?name=pg-main', 'GET /v1/datastores?name=pg-main']);
    } finally {
      await hostile.close();
    }
  });

  it('a list is checked against every filter it sent: a server that ignores --subnet or --flavor shows nothing else', async () => {
    const hostile: Hostile = await startHostile();
    try {
      const [subnet, otherSubnet, flavor, otherFlavor] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      const datastore = (name: string, subnetId: string, flavorId: string) => ({ id: randomUUID(), name, status: 'ACTIVE', subnet_id: subnetId, flavor_id: flavorId });
      const all = [datastore('in', subnet, flavor), datastore('other-subnet', otherSubnet, flavor), datastore('other-flavor', subnet, otherFlavor)];
      hostile.answer((req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        if (req.url.startsWith('/v1/datastores')) res.end(JSON.stringify({ datastores: all }));
        else if (req.url.startsWith('/v1/flavors')) res.end(JSON.stringify({ flavors: [{ id: flavor, name: 'small', datastore_type_ids: [], vcpus: 2, ram: 4096, disk: 32 }] }));
        else res.end(JSON.stringify({ 'datastore-types': [] }));
      });
      const target = ['--product', 'dbaas', '--host', hostile.url, '--token', DBAAS_TOKEN];
      const bySubnet = await cli([...target, 'datastore', 'list', '--subnet', subnet, '--json']);
      expect(bySubnet.exitCode, bySubnet.stderr).toBe(0);
      expect(parseJson<DbaasObject[]>(bySubnet.stdout).map((x) => x.name)).toEqual(['in', 'other-flavor']);
      const byFlavor = await cli([...target, 'datastore', 'list', '--flavor', 'small', '--json']);
      expect(byFlavor.exitCode, byFlavor.stderr).toBe(0);
      expect(parseJson<DbaasObject[]>(byFlavor.stdout).map((x) => x.name)).toEqual(['in', 'other-subnet']);
      expect(hostile.requests.filter((q) => q.url.startsWith('/v1/datastores')).map((q) => q.url)).toEqual([`/v1/datastores?subnet_id=${subnet}`, `/v1/datastores?flavor_id=${flavor}`]);
    } finally {
      await hostile.close();
    }
  });

  it('an ID is checked against what the server answered: asked for A, an answer about B deletes nothing', async () => {
    const hostile: Hostile = await startHostile();
    try {
      const [asked, other] = [randomUUID(), randomUUID()];
      const stamp = '2024-01-01T00:00:00Z';
      // reset() forgets the handler too, so it is given again for each run.
      const lie = (req: { method: string; url: string }, res: import('node:http').ServerResponse) => {
        if (req.method !== 'GET') return void res.writeHead(204).end();
        res.writeHead(200, { 'content-type': 'application/json' });
        if (req.url.startsWith('/v1/prometheus-metrics-tokens/')) {
          res.end(JSON.stringify({ 'prometheus-metrics-token': { id: other, name: 'other', value: 'v-0123456789', created_at: stamp, updated_at: stamp } }));
        } else if (req.url.startsWith('/v1/datastores/')) {
          res.end(JSON.stringify({ datastore: { id: other, name: 'other', status: 'ACTIVE', project_id: 'p', created_at: stamp, updated_at: stamp } }));
        } else res.end('{}');
      };
      const target = ['--product', 'dbaas', '--host', hostile.url, '--token', DBAAS_TOKEN];
      for (const args of [['token', 'delete', asked, '--yes'], ['datastore', 'delete', asked, '--yes'], ['database', 'create', 'app', '--datastore', asked]]) {
        hostile.reset();
        hostile.answer(lie);
        const r = await cli([...target, ...args]);
        expect(r.exitCode, `${args.join(' ')}: ${r.stderr}`).toBe(1);
        expect(r.stderr, args.join(' ')).toMatch(new RegExp(`^error: reading (metrics token|datastore) ${asked} failed: the server answered with ${other} instead`));
        expect(r.stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(2);
        expect(hostile.requests.map((q) => q.method), args.join(' ')).toEqual(['GET']);
      }
    } finally {
      await hostile.close();
    }
  });
});

describe('an update answered with another object', () => {
  it('is exit 1 saying the change may have been applied; the other object is neither printed nor waited on', async () => {
    const hostile: Hostile = await startHostile();
    try {
      const [datastoreId, asked, other] = [randomUUID(), randomUUID(), randomUUID()];
      const stamp = '2024-01-01T00:00:00';
      const datastore = { id: datastoreId, name: 'pg1', status: 'ACTIVE', project_id: 'p', created_at: stamp, updated_at: stamp };
      const app = { id: asked, name: 'app', status: 'ACTIVE', datastore_id: datastoreId, project_id: 'p', created_at: stamp, updated_at: stamp };
      // Lists and reads are honest; the answer to each change is about another object.
      hostile.answer((req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        if (req.method === 'PUT' && req.url.startsWith('/v1/users/')) res.end(JSON.stringify({ user: { ...app, id: other, name: 'someone-else', status: 'PENDING_UPDATE' } }));
        else if (req.method === 'PUT' && req.url.startsWith('/v1/datastores/')) res.end(JSON.stringify({ datastore: { ...datastore, id: other, name: 'other', status: 'PENDING_UPDATE' } }));
        else if (/^\/v1\/datastores(\?|$)/.test(req.url)) res.end(JSON.stringify({ datastores: [datastore] }));
        else if (req.url.startsWith('/v1/users?')) res.end(JSON.stringify({ users: [app] }));
        // Any object read by ID is ACTIVE and itself: a tool that waited on the other one would succeed.
        else if (req.url.startsWith('/v1/users/')) res.end(JSON.stringify({ user: { ...app, id: req.url.split('/')[3] } }));
        else if (req.url.startsWith('/v1/datastores/')) res.end(JSON.stringify({ datastore: { ...datastore, id: req.url.split('/')[3] } }));
        else res.end('{}');
      });
      const target = ['--product', 'dbaas', '--host', hostile.url, '--token', DBAAS_TOKEN];
      const cases = [
        { args: ['user', 'update', 'app', '--datastore', 'pg1', '--password-stdin', '--wait', '--json'], what: `changing the password of user ${asked}`, put: `/v1/users/${asked}` },
        { args: ['datastore', 'rename', 'pg1', 'pg2', '--wait', '--json'], what: `renaming datastore ${datastoreId} to "pg2"`, put: `/v1/datastores/${datastoreId}` },
      ];
      for (const { args, what, put } of cases) {
        hostile.requests.length = 0;
        const r = await cli([...target, ...args], { input: 'New-Password-123\n' });
        expect(r.exitCode, `${args.join(' ')}: ${r.stderr}`).toBe(1);
        expect(r.stdout).toBe('');
        expect(r.stderr).toBe(`error: ${what} failed: the server answered with ${other} instead\nthe server received the request and has probably applied it; check its state (list) before trying again`);
        expect(hostile.requests.filter((q) => q.method === 'PUT').map((q) => q.url)).toEqual([put]);
        expect(hostile.requests.some((q) => q.url.includes(other))).toBe(false);
      }
    } finally {
      await hostile.close();
    }
  });
});

describe('ambiguous names', () => {
  let twins: SandboxHandle;
  let t: Dbaas;
  let datastores: DbaasObject[];
  let users: DbaasObject[];
  let home: DbaasObject;

  // The API refuses duplicates, so they are written into a state file that a sandbox then loads.
  beforeAll(async () => {
    const stateFile = join(tempDir('influxadm-dbaas-state-'), 'state.json');
    const first = await startSandbox(['--dbaas-delay', '10ms', '--state', stateFile]);
    const f = dbaas(first);
    home = await f.datastore('home');
    const [ds, u] = await Promise.all([f.datastore('twin'), f.child('users', 'user', { datastore_id: home.id, name: 'dup', password: 'Setup-Password-1' })]);
    await first.stop();
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { dbaas: { datastores: DbaasObject[]; users: DbaasObject[] } };
    const copy = <T extends DbaasObject>(item: T): T => ({ ...structuredClone(item), id: randomUUID() });
    state.dbaas.datastores.push(copy(state.dbaas.datastores.find((x) => x.id === ds.id)!));
    state.dbaas.users.push(copy(state.dbaas.users.find((x) => x.id === u.id)!));
    writeFileSync(stateFile, JSON.stringify(state));
    datastores = state.dbaas.datastores.filter((x) => x.name === 'twin');
    users = state.dbaas.users.filter((x) => x.name === 'dup');
    twins = await startSandbox(['--state', stateFile]);
    t = dbaas(twins);
  });
  afterAll(async () => {
    await twins.stop();
  });

  it('two datastores of one name: exit 2 naming both IDs, for a read and for a delete, which deletes nothing', async () => {
    const [get, del] = await Promise.all([t.run('datastore', 'get', 'twin'), t.run('datastore', 'delete', 'twin', '--yes')]);
    for (const r of [get, del]) {
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/^error: 2 datastores are named "twin" \(IDs [0-9a-f-]{36}, [0-9a-f-]{36}\); give the ID$/);
      for (const x of datastores) expect(r.stderr).toContain(x.id);
    }
    expect(fromCli(await twins.requests()).filter((q) => q.method !== 'GET')).toEqual([]);
    // The ID settles it.
    const byId = await t.run('datastore', 'get', datastores[1]!.id, '--json');
    expect(byId.exitCode).toBe(0);
    expect(parseJson<DbaasObject>(byId.stdout).id).toBe(datastores[1]!.id);
  });

  it('two users of one name in a datastore: exit 2 naming both IDs, nothing deleted', async () => {
    const r = await t.run('user', 'delete', 'dup', '--datastore', home.name!, '--yes');
    expect(r.exitCode).toBe(2);
    for (const x of users) expect(r.stderr).toContain(x.id);
    expect(r.stderr).toMatch(/^error: 2 users are named "dup" in datastore "home" \(IDs [0-9a-f-]{36}, [0-9a-f-]{36}\); give the ID$/);
    expect(fromCli(await twins.requests()).filter((q) => q.method !== 'GET')).toEqual([]);
  });
});

describe('conflicts', () => {
  it('creating a name that exists is exit 5 and sends no POST: datastore, database, user, topic, slot', async () => {
    const kafka = await d.datastore(dsName('kafka'), 'kafka-3.5');
    const [db, u, topic] = await Promise.all([
      d.child('databases', 'database', { datastore_id: pg.id, name: unique('db') }),
      user(pg),
      d.child('topics', 'topic', { datastore_id: kafka.id, name: unique('t'), partitions: 1 }),
    ]);
    const slot = await d.child('logical-replication-slots', 'logical-replication-slot', { datastore_id: pg.id, database_id: db.id, name: unique('s') });
    await sandbox.clearRequests();
    const results = await Promise.all([
      d.run('datastore', 'create', pg.name!, '--type', 'postgresql-16', '--flavor', 'PRC10.2-4096-32', '--subnet', SUBNET),
      d.run('database', 'create', db.name!, '--datastore', pg.name!),
      d.runWith({ input: 'Pa55word\n' }, 'user', 'create', u.name!, '--datastore', pg.name!, '--password-stdin'),
      d.run('topic', 'create', topic.name!, '--datastore', kafka.name!),
      d.run('replication-slot', 'create', slot.name!, '--datastore', pg.name!, '--database', db.name!),
    ]);
    for (const r of results) {
      expect(r.exitCode).toBe(5);
      expect(r.stderr).toMatch(/^error: .* exists already \(ID [0-9a-f-]{36}\)$/);
    }
    expect(results[1]!.stderr).toBe(`error: database "${db.name}" in datastore "${pg.name}" exists already (ID ${db.id})`);
    expect(await writes()).toEqual([]);
  });

  it('a grant that exists is exit 5 too', async () => {
    const [u, db] = await Promise.all([user(pg), d.child('databases', 'database', { datastore_id: pg.id, name: unique('db') })]);
    await d.child('grants', 'grant', { datastore_id: pg.id, user_id: u.id, database_id: db.id });
    await sandbox.clearRequests();
    const r = await d.run('grant', 'create', '--datastore', pg.name!, '--user', u.name!, '--database', db.name!);
    expect(r.exitCode).toBe(5);
    expect(await writes()).toEqual([]);
  });

  it('an ACL on all topics that exists is exit 5 and sends no POST, also when the server reports its pattern as "" (as Terraform reads the API)', async () => {
    const hostile: Hostile = await startHostile();
    try {
      const [ds, u, kafkaType] = [randomUUID(), randomUUID(), randomUUID()];
      const existing = { id: randomUUID(), status: 'ACTIVE', datastore_id: ds, user_id: u, pattern_type: 'all', pattern: '', allow_read: true, allow_write: false };
      hostile.answer((req, res) => {
        if (req.method !== 'GET') return void res.writeHead(500).end();
        res.writeHead(200, { 'content-type': 'application/json' });
        if (req.url.startsWith('/v1/datastores')) res.end(JSON.stringify({ datastores: [{ id: ds, name: 'kafka-1', status: 'ACTIVE', type_id: kafkaType }] }));
        else if (req.url.startsWith('/v1/datastore-types')) res.end(JSON.stringify({ 'datastore-types': [{ id: kafkaType, engine: 'kafka', version: '3.5' }] }));
        else if (req.url.startsWith('/v1/users')) res.end(JSON.stringify({ users: [{ id: u, name: 'app', status: 'ACTIVE', datastore_id: ds }] }));
        else if (req.url.startsWith('/v1/acls')) res.end(JSON.stringify({ acls: [existing] }));
        else res.end('{}');
      });
      const r = await cli(['--product', 'dbaas', '--host', hostile.url, '--token', DBAAS_TOKEN, 'acl', 'create', '--datastore', 'kafka-1', '--user', 'app', '--pattern-type', 'all', '--read']);
      expect(r.exitCode, r.stderr).toBe(5);
      expect(r.stderr).toBe(`error: the ACL of user "app" on all topics exists already (ID ${existing.id})`);
      expect(hostile.requests.filter((q) => q.method !== 'GET')).toEqual([]);
    } finally {
      await hostile.close();
    }
  });

  it('the server\'s "already exists" (a rename to a taken name) is exit 5 with its words', async () => {
    const [a, b] = await Promise.all([d.datastore(dsName('a')), d.datastore(dsName('b'))]);
    const r = await d.run('datastore', 'rename', a.name!, b.name!);
    expect(r.exitCode).toBe(5);
    expect(r.stderr).toContain(`Validation failure: datastore with name "${b.name}" already exists.`);
    oneError(r.stderr);
  });
});

describe("the server's errors", () => {
  it('a 400 validation failure is exit 2 with the server\'s words, in one line', async () => {
    // (A subnet that is not a UUID, the server's other 400 here, is now refused before it is sent.)
    const resize = await d.run('datastore', 'resize', pg.name!, '--nodes', '1');
    expect(resize.exitCode).toBe(2);
    expect(resize.stderr).toContain('Validation failure: datastore cannot be resized');
    oneError(resize.stderr);
  });

  it('a token the server refuses (401) is exit 4 with advice naming auth login, and is not shown', async () => {
    const strict = await startSandbox(['--token', 'the-only-good-token']);
    try {
      const r = await cli(['--product', 'dbaas', '--host', strict.url, '--token', 'a-wrong-token-123', 'datastore', 'list']);
      expect(r.exitCode).toBe(4);
      oneError(r.stderr);
      expect(r.stderr).toContain('401');
      expect(r.stderr).toContain('influxadm auth login --product dbaas');
      expect(r.stderr).not.toContain('a-wrong-token-123');
    } finally {
      await strict.stop();
    }
  });

  it('a token not scoped to a project (403) is exit 4', async () => {
    const answer = await fetch(`${sandbox.url}/identity/v3/auth/tokens`, {
      method: 'POST',
      body: JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name: 'svc', domain: { name: '123456' }, password: 'pw' } } }, scope: { domain: { name: '123456' } } } }),
    });
    const token = answer.headers.get('x-subject-token')!;
    expect(token).toBeTruthy();
    const r = await cli(['--product', 'dbaas', '--host', sandbox.url, '--token', token, 'datastore', 'list']);
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('403');
    oneError(r.stderr);
  });

  it('no token at all is exit 4 and nothing is sent', async () => {
    const r = await cli(['--product', 'dbaas', '--host', sandbox.url, 'datastore', 'list']);
    expect(r.exitCode).toBe(4);
    expect(await sent()).toEqual([]);
  });
});

describe('a create whose answer is lost', () => {
  it('looks again, reports the object it finds, and sends exactly one POST', async () => {
    await sandbox.setFaults('drop:x1@POST/v1/databases');
    const name = unique('lost');
    const r = await d.run('database', 'create', name, '--datastore', pg.name!, '--json');
    expect(r.exitCode).toBe(0);
    const db = parseJson<DbaasObject>(r.stdout);
    expect(db).toMatchObject({ name, datastore_id: pg.id });
    expect(r.stderr).toContain(`note: the answer to creating database "${name}" in datastore "${pg.name}" was lost, but it exists now (ID ${db.id})`);
    const posts = (await sent()).filter((q) => q.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.fault).toBe('drop');
    const listed = parseJson<DbaasObject[]>((await d.run('database', 'list', '--datastore', pg.name!, '--json')).stdout).filter((x) => x.name === name);
    expect(listed).toHaveLength(1);
  });

  it('for a metrics token: one POST, and the token found again with its value', async () => {
    await sandbox.setFaults('drop:x1@POST/v1/prometheus-metrics-tokens');
    const name = unique('losttok');
    const r = await d.run('token', 'create', name, '--json');
    expect(r.exitCode, r.stderr).toBe(0);
    const token = parseJson<{ id: string; name: string; value: string }>(r.stdout);
    expect(token).toMatchObject({ name, value: expect.any(String) });
    expect(r.stderr).toContain(`note: the answer to creating metrics token "${name}" was lost, but it exists now (ID ${token.id})`);
    expect((await sent()).filter((q) => q.method === 'POST')).toHaveLength(1);
  });

  it('for a datastore with --wait: one POST, then waited for until ACTIVE', async () => {
    await sandbox.setFaults('drop:x1@POST/v1/datastores');
    const name = dsName('lostds');
    const r = await d.run('datastore', 'create', name, '--type', 'postgresql-16', '--flavor', 'PRC10.2-4096-32', '--subnet', SUBNET, '--wait', '--json');
    expect(r.exitCode).toBe(0);
    expect(parseJson<DbaasObject>(r.stdout)).toMatchObject({ name, status: 'ACTIVE' });
    expect(r.stderr).toContain('was lost, but it exists now');
    expect((await sent()).filter((q) => q.method === 'POST')).toHaveLength(1);
  });

  it('when the object is not there after all, it fails (exit 1) without sending again', async () => {
    // A 503 on the POST: the server may or may not have acted; here it did not.
    await sandbox.setFaults('503:x1@POST/v1/databases');
    const name = unique('never');
    const r = await d.run('database', 'create', name, '--datastore', pg.name!);
    expect(r.exitCode).toBe(1);
    oneError(r.stderr);
    expect((await sent()).filter((q) => q.method === 'POST')).toHaveLength(1);
    expect((await sandboxCall(sandbox.url, 'GET', `/v1/databases?name=${name}`, undefined, { 'x-auth-token': DBAAS_TOKEN })).body).toEqual({ databases: [] });
  });
});
