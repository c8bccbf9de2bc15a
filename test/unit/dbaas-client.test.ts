import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, HttpClient } from '../../src/api/http.js';
import { CliError, ExitCode } from '../../src/errors.js';
import { DbaasClient } from '../../src/products/dbaas/client.js';
import { obtainProjectToken } from '../../src/products/dbaas/identity.js';
import type { ApiContext, Reply } from '../../src/sandbox/api.js';
import { dbaasApi, type DbaasState } from '../../src/sandbox/dbaas.js';

// The sandbox's DBaaS module mounted on a bare node:http server under a path prefix (as `--host` may
// carry one), with a fake clock, a record of what arrived, and one-off answers for shapes the sandbox
// does not produce.

const DELAY = 1000;
const PREFIX = '/root';
const TOKEN = 'project-token-1234';
const SUBNET = '6c1c8b6e-3f0e-4a53-9d0f-2b8f0c0c1a11';

interface Arrived { method: string; path: string; query: Record<string, string>; headers: Record<string, string | string[] | undefined>; body: unknown }

let api = dbaasApi({ delayMs: DELAY, identityPassword: 'right-password', tokenTtlMs: 3_600_000 });
let state: DbaasState;
let clock = 0;
let strictToken: string | undefined;
const context: ApiContext = { now: () => clock, get strictToken() { return strictToken; } };
const arrived: Arrived[] = [];
const overrides = new Map<string, Reply>();
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = raw === '' ? undefined : JSON.parse(raw);
      } catch {
        json = undefined;
      }
      const url = new URL(req.url ?? '/', 'http://sandbox');
      const method = req.method ?? 'GET';
      arrived.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body: json ?? raw });
      const path = url.pathname.startsWith(`${PREFIX}/`) ? url.pathname.slice(PREFIX.length) : undefined;
      const override = overrides.get(`${method} ${path}`);
      let reply: Reply;
      if (override) {
        reply = override;
      } else if (path === undefined || !api.owns(path)) {
        reply = { status: 404, body: 'no such path' };
      } else {
        url.pathname = path;
        reply = api.handle(state, { method, url, headers: req.headers, raw, json }, context);
      }
      const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      res.writeHead(reply.status, { ...reply.headers, ...(reply.body === undefined ? {} : { 'content-type': typeof reply.body === 'string' ? 'text/plain' : 'application/json' }) });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const clients: HttpClient[] = [];

function http(token: string | undefined = TOKEN, base = `${origin}${PREFIX}`): HttpClient {
  const client = new HttpClient({
    baseUrl: base,
    auth: token === undefined ? undefined : ['x-auth-token', token],
    secrets: token === undefined ? [] : [token],
    timeoutMs: 5000,
    tlsNoVerify: false,
    userAgent: 'influxadm-test',
  });
  clients.push(client);
  return client;
}

let dbaas: DbaasClient;

beforeEach(() => {
  api = dbaasApi({ delayMs: DELAY, identityPassword: 'right-password', tokenTtlMs: 3_600_000 });
  state = api.fresh();
  clock = Date.UTC(2025, 0, 31, 12, 0, 0);
  strictToken = undefined;
  arrived.length = 0;
  overrides.clear();
  dbaas = new DbaasClient(http());
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

const later = () => {
  clock += DELAY;
};

/** Runs a call that must fail and returns its error. */
async function failure(promise: Promise<unknown>): Promise<CliError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return error as CliError;
  }
  throw new Error('expected the call to fail');
}

const last = () => arrived[arrived.length - 1] as Arrived;

async function activeDatastore(engine: string, name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const type = (await dbaas.listDatastoreTypes()).find((t) => t.engine === engine);
  const flavor = (await dbaas.listFlavors()).find((f) => f.datastore_type_ids.includes(type?.id ?? ''));
  const created = await dbaas.createDatastore({ name, type_id: type?.id ?? '', subnet_id: SUBNET, node_count: 1, flavor_id: flavor?.id, ...extra });
  later();
  return created.id;
}

describe('DbaasClient against the sandbox', () => {
  it('reads the catalogs, with their filters', async () => {
    const types = await dbaas.listDatastoreTypes();
    expect(last()).toMatchObject({ method: 'GET', path: '/root/v1/datastore-types' });
    expect(last().headers['x-auth-token']).toBe(TOKEN);
    const pg = types.find((t) => t.engine === 'postgresql' && t.version === '16');
    expect(pg).toBeDefined();
    expect(await dbaas.getDatastoreType(pg?.id ?? '')).toEqual(pg);

    const flavors = await dbaas.listFlavors({ fl_size: 'small' });
    expect(last().query).toEqual({ fl_size: 'small' });
    expect(flavors.length).toBeGreaterThan(0);
    expect(flavors.every((f) => f.fl_size === 'small')).toBe(true);
    expect(await dbaas.getFlavor(flavors[0]?.id ?? '')).toEqual(flavors[0]);

    const parameters = await dbaas.listConfigurationParameters({ datastore_type_id: pg?.id, name: 'work_mem', ram: 4096 });
    expect(last().query).toEqual({ datastore_type_id: pg?.id, name: 'work_mem', ram: '4096' });
    expect(parameters).toHaveLength(1);
    expect(await dbaas.getConfigurationParameter(parameters[0]?.id ?? '')).toMatchObject({ name: 'work_mem', type: 'int', min: 64 });

    const extensions = await dbaas.listAvailableExtensions({ datastore_type_id: pg?.id, name: 'postgis' });
    expect(extensions.map((e) => e.name)).toEqual(['postgis']);
    expect(await dbaas.getAvailableExtension(extensions[0]?.id ?? '')).toEqual(extensions[0]);
  });

  it('walks a PostgreSQL datastore and everything in it through their life', async () => {
    const [pg] = (await dbaas.listDatastoreTypes()).filter((t) => t.engine === 'postgresql');
    const [small, medium] = (await dbaas.listFlavors()).filter((f) => f.datastore_type_ids.includes(pg?.id ?? ''));
    const created = await dbaas.createDatastore({ name: 'main', type_id: pg?.id ?? '', subnet_id: SUBNET, node_count: 1, flavor: { vcpus: small?.vcpus ?? 0, ram: small?.ram ?? 0, disk: small?.disk ?? 0 }, config: { work_mem: 8192 } });
    expect(last()).toMatchObject({ method: 'POST', path: '/root/v1/datastores', body: { datastore: { name: 'main', node_count: 1, config: { work_mem: 8192 } } } });
    expect(created).toMatchObject({ name: 'main', status: 'PENDING_CREATE', flavor_id: small?.id });
    later();
    const id = created.id;
    expect((await dbaas.getDatastore(id)).status).toBe('ACTIVE');
    expect(await dbaas.listDatastores({ name: 'main', enabled: true, deleted: false })).toHaveLength(1);
    expect(last().query).toEqual({ name: 'main', enabled: 'true', deleted: 'false' });
    expect(await dbaas.listDatastores({ status: 'ERROR' })).toEqual([]);

    const steps: Array<[() => Promise<{ status: string }>, string, string, unknown]> = [
      [() => dbaas.renameDatastore(id, 'primary'), 'PUT', '', { datastore: { name: 'primary' } }],
      [() => dbaas.resizeDatastore(id, { node_count: 2, flavor_id: medium?.id }), 'POST', '/resize', { resize: { node_count: 2, flavor_id: medium?.id } }],
      [() => dbaas.configureDatastore(id, { work_mem: null, autovacuum: false }), 'PUT', '/config', { config: { work_mem: null, autovacuum: false } }],
      [() => dbaas.setDatastoreFirewall(id, ['10.0.0.0/8']), 'PUT', '/firewall', { firewall: { ips: ['10.0.0.0/8'] } }],
      [() => dbaas.setDatastorePooler(id, { mode: 'transaction', size: 40 }), 'PUT', '/pooler', { pooler: { mode: 'transaction', size: 40 } }],
      [() => dbaas.setDatastoreBackups(id, 14), 'PUT', '/backups', { backups: { backup_retention_days: 14 } }],
    ];
    for (const [run, method, suffix, body] of steps) {
      const datastore = await run();
      expect(last(), suffix).toMatchObject({ method, path: `/root/v1/datastores/${id}${suffix}`, body });
      expect(['PENDING_UPDATE', 'RESIZING']).toContain(datastore.status);
      later();
    }
    expect(await dbaas.getDatastore(id)).toMatchObject({
      name: 'primary', status: 'ACTIVE', node_count: 2, flavor_id: medium?.id, config: { autovacuum: false }, firewall: [{ ip: '10.0.0.0/8' }], pooler: { mode: 'transaction', size: 40 }, backup_retention_days: 14,
    });

    const owner = await dbaas.createUser({ datastore_id: id, name: 'owner', password: 'owner-secret-1' });
    expect(last().body).toEqual({ user: { datastore_id: id, name: 'owner', password: 'owner-secret-1' } });
    expect(owner).toMatchObject({ name: 'owner', status: 'PENDING_CREATE' });
    later();
    expect(await dbaas.getUser(owner.id)).toMatchObject({ status: 'ACTIVE' });
    expect((await dbaas.updateUser(owner.id, 'owner-secret-2')).status).toBe('PENDING_UPDATE');
    expect(last().body).toEqual({ user: { password: 'owner-secret-2' } });
    later();
    expect(await dbaas.listUsers({ datastore_id: id, name: 'owner' })).toHaveLength(1);

    const database = await dbaas.createDatabase({ datastore_id: id, name: 'app', owner_id: owner.id, lc_collate: 'C' });
    expect(database).toMatchObject({ name: 'app', owner_id: owner.id, lc_collate: 'C' });
    later();
    const reader = await dbaas.createUser({ datastore_id: id, name: 'reader', password: 'reader-secret' });
    later();
    expect((await dbaas.updateDatabase(database.id, reader.id)).owner_id).toBe(reader.id);
    expect(last().body).toEqual({ database: { owner_id: reader.id } });
    later();
    expect(await dbaas.getDatabase(database.id)).toMatchObject({ status: 'ACTIVE', owner_id: reader.id });
    expect(await dbaas.listDatabases({ datastore_id: id, status: 'ACTIVE' })).toHaveLength(1);

    const grant = await dbaas.createGrant({ datastore_id: id, database_id: database.id, user_id: owner.id });
    expect(last().body).toEqual({ grant: { datastore_id: id, database_id: database.id, user_id: owner.id } });
    later();
    expect(await dbaas.getGrant(grant.id)).toMatchObject({ status: 'ACTIVE', user_id: owner.id });
    expect(await dbaas.listGrants({ user_id: owner.id })).toHaveLength(1);

    const [pgcrypto] = await dbaas.listAvailableExtensions({ name: 'pgcrypto' });
    const extension = await dbaas.createExtension({ datastore_id: id, database_id: database.id, available_extension_id: pgcrypto?.id ?? '' });
    later();
    expect(await dbaas.getExtension(extension.id)).toMatchObject({ status: 'ACTIVE', available_extension_id: pgcrypto?.id });
    expect(await dbaas.listExtensions({ database_id: database.id })).toHaveLength(1);

    const slot = await dbaas.createReplicationSlot({ datastore_id: id, database_id: database.id, name: 'cdc' });
    expect(last()).toMatchObject({ path: '/root/v1/logical-replication-slots', body: { 'logical-replication-slot': { name: 'cdc' } } });
    later();
    expect(await dbaas.getReplicationSlot(slot.id)).toMatchObject({ status: 'ACTIVE', in_use: false });
    expect(await dbaas.listReplicationSlots({ in_use: false })).toHaveLength(1);
    expect(last().query).toEqual({ in_use: 'false' });

    await dbaas.deleteReplicationSlot(slot.id);
    await dbaas.deleteExtension(extension.id);
    await dbaas.deleteGrant(grant.id);
    expect(last()).toMatchObject({ method: 'DELETE', path: `/root/v1/grants/${grant.id}` });
    later();
    await dbaas.deleteDatabase(database.id);
    await dbaas.deleteUser(reader.id);
    later();
    await dbaas.deleteDatastore(id);
    expect((await dbaas.getDatastore(id)).status).toBe('PENDING_DELETE');
    later();
    const gone = await failure(dbaas.getDatastore(id));
    expect(gone.exitCode).toBe(ExitCode.notFound);
    expect(gone.message).toBe(`reading datastore ${id} failed: 404 Not Found: datastore ${id} not found.`);
    for (const read of [() => dbaas.getUser(owner.id), () => dbaas.getDatabase(database.id), () => dbaas.getGrant(grant.id), () => dbaas.getExtension(extension.id), () => dbaas.getReplicationSlot(slot.id)]) {
      expect((await failure(read())).exitCode).toBe(ExitCode.notFound);
    }
    expect(await dbaas.listDatastores()).toEqual([]);
  });

  it('walks Kafka users, ACLs and topics, and a Redis password', async () => {
    const kafka = await activeDatastore('kafka', 'bus');
    const user = await dbaas.createUser({ datastore_id: kafka, name: 'producer', password: 'kafka-secret' });
    later();
    const acl = await dbaas.createAcl({ datastore_id: kafka, user_id: user.id, pattern_type: 'prefixed', pattern: 'events.', allow_read: false, allow_write: true });
    expect(last().body).toEqual({ acl: { datastore_id: kafka, user_id: user.id, pattern_type: 'prefixed', pattern: 'events.', allow_read: false, allow_write: true } });
    expect(acl).toMatchObject({ pattern: 'events.', allow_write: true, status: 'PENDING_CREATE' });
    later();
    expect((await dbaas.updateAcl(acl.id, { allow_read: true })).allow_read).toBe(true);
    expect(last()).toMatchObject({ method: 'PUT', body: { acl: { allow_read: true } } });
    later();
    expect(await dbaas.getAcl(acl.id)).toMatchObject({ status: 'ACTIVE', allow_read: true, allow_write: true });
    expect(await dbaas.listAcls({ pattern_type: 'prefixed', user_id: user.id })).toHaveLength(1);

    const topic = await dbaas.createTopic({ datastore_id: kafka, name: 'events.v1', partitions: 3 });
    later();
    expect((await dbaas.updateTopic(topic.id, 6)).partitions).toBe(6);
    expect(last().body).toEqual({ topic: { partitions: 6 } });
    later();
    expect(await dbaas.getTopic(topic.id)).toMatchObject({ status: 'ACTIVE', partitions: 6 });
    expect(await dbaas.listTopics({ datastore_id: kafka, name: 'events.v1' })).toHaveLength(1);
    await dbaas.deleteTopic(topic.id);
    await dbaas.deleteAcl(acl.id);
    later();
    expect(await dbaas.listTopics()).toEqual([]);
    expect(await dbaas.listAcls()).toEqual([]);

    const redis = await activeDatastore('redis', 'cache', { redis_password: 'first-redis-secret' });
    expect((await dbaas.setRedisPassword(redis, 'second-redis-secret')).status).toBe('PENDING_UPDATE');
    expect(last()).toMatchObject({ method: 'PUT', path: `/root/v1/datastores/${redis}/password`, body: { password: { redis_password: 'second-redis-secret' } } });
  });

  it('handles Prometheus metrics tokens: value on every read, rename with either answer shape, value filter kept out of the URL', async () => {
    const token = await dbaas.createMetricsToken('grafana');
    expect(last().body).toEqual({ 'prometheus-metrics-token': { name: 'grafana' } });
    expect(token.value).toMatch(/^[A-Za-z0-9]{64}$/);
    expect((await dbaas.getMetricsToken(token.id)).value).toBe(token.value);
    await dbaas.createMetricsToken('other');

    expect(await dbaas.listMetricsTokens({ value: token.value })).toEqual([token]);
    expect(last().query).toEqual({});
    expect(JSON.stringify(arrived.map((a) => a.path + JSON.stringify(a.query)))).not.toContain(token.value);
    expect(await dbaas.listMetricsTokens({ name: 'other' })).toHaveLength(1);

    const renamed = await dbaas.renameMetricsToken(token.id, 'grafana-2');
    expect(renamed).toMatchObject({ id: token.id, name: 'grafana-2', value: token.value });
    // The official SDK reads this answer bare; a server that sends it so is understood too.
    overrides.set(`PUT /v1/prometheus-metrics-tokens/${token.id}`, { status: 200, body: { ...renamed, name: 'grafana-3' } });
    expect(await dbaas.renameMetricsToken(token.id, 'grafana-3')).toMatchObject({ name: 'grafana-3', value: token.value });
    overrides.clear();

    await dbaas.deleteMetricsToken(token.id);
    expect((await failure(dbaas.getMetricsToken(token.id))).message).toBe(`reading metrics token ${token.id} failed: 404 Not Found: prometheusmetrictoken ${token.id} not found.`);
  });
});

describe('DbaasClient errors', () => {
  it('a taken name is a conflict (exit 5); other 400s are usage errors (exit 2) with the server words', async () => {
    const ds = await activeDatastore('postgresql', 'main');
    await dbaas.createUser({ datastore_id: ds, name: 'app', password: 'first-password' });
    later();
    const taken = await failure(dbaas.createUser({ datastore_id: ds, name: 'app', password: 'second-password' }));
    expect(taken).toBeInstanceOf(ApiError);
    expect(taken.exitCode).toBe(ExitCode.conflict);
    expect(taken.message).toBe(`creating user "app" in datastore ${ds} failed: 400 Bad Request: Validation failure: user with name "app" already exists.`);
    expect(taken.message).not.toContain('second-password');
    expect((await failure(dbaas.createDatastore({ name: 'main', type_id: (await dbaas.getDatastore(ds)).type_id ?? '', subnet_id: SUBNET, node_count: 1, flavor_id: (await dbaas.getDatastore(ds)).flavor_id ?? '' }))).exitCode).toBe(ExitCode.conflict);

    const invalid = await failure(dbaas.createUser({ datastore_id: ds, name: '9lives', password: 'third-password' }));
    expect(invalid.exitCode).toBe(ExitCode.usage);
    expect(invalid.message).toBe(`creating user "9lives" in datastore ${ds} failed: 400 Bad Request: Validation failure: {'user.name': "'9lives' does not match '^[A-Za-z_][A-Za-z0-9_]*$'"}`);

    await dbaas.setDatastoreBackups(ds, 3);
    const busy = await failure(dbaas.createDatabase({ datastore_id: ds, name: 'later' }));
    expect(busy.exitCode).toBe(ExitCode.usage);
    expect(busy.message).toMatch(/failed: 400 Bad Request: Validation failure: datastore .* is not ready \(status PENDING_UPDATE\)/);

    const engine = await failure(dbaas.createTopic({ datastore_id: ds, name: 't', partitions: 1 }));
    expect(engine.exitCode).toBe(ExitCode.usage);
  });

  it('a missing object is exit 3; a password never appears in an error', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const missing = await failure(dbaas.updateUser(id, 'never-shown-password'));
    expect(missing.exitCode).toBe(ExitCode.notFound);
    expect(missing.message).toBe(`changing the password of user ${id} failed: 404 Not Found: user ${id} not found.`);
    expect(`${missing.message} ${missing.hint ?? ''}`).not.toContain('never-shown-password');
    expect((await failure(dbaas.setRedisPassword(id, 'never-shown-either'))).message).not.toContain('never-shown-either');
  });

  it('a refused or expired token is exit 4 with advice to log in again', async () => {
    strictToken = 'only-this-one';
    const refused = await failure(dbaas.listDatastores());
    expect(refused.exitCode).toBe(ExitCode.auth);
    expect(refused.message).toBe('listing datastores failed: 401 Unauthorized: The token is not valid.');
    expect(refused.hint).toMatch(/influxadm auth login --product dbaas/);
    expect(`${refused.message} ${refused.hint}`).not.toContain(TOKEN);
    strictToken = undefined;

    const { token } = await obtainProjectToken(http(undefined, `${origin}${PREFIX}/identity/v3`), { accountId: '123456', userName: 'svc', password: 'right-password', projectId: 'aaaabbbbccccddddeeeeffff00001111' });
    const scoped = new DbaasClient(http(token));
    expect(await scoped.listDatastores()).toEqual([]);
    clock += 3_600_000;
    const expired = await failure(scoped.listDatastores());
    expect(expired.exitCode).toBe(ExitCode.auth);
    expect(expired.message).toBe('listing datastores failed: 401 Unauthorized: The token has expired.');
  });

  it('an answer of the wrong shape is exit 1 naming the field', async () => {
    overrides.set('GET /v1/users', { status: 200, body: { users: [{ id: 'u1', name: 'x' }] } });
    const shape = await failure(dbaas.listUsers());
    expect(shape.exitCode).toBe(ExitCode.failure);
    expect(shape.message).toBe("listing users failed: the server's answer does not have the expected shape at users[0].status: string expected, but the field is missing");
    overrides.set('POST /v1/topics', { status: 200, body: { wrong: {} } });
    const written = await failure(dbaas.createTopic({ datastore_id: 'x', name: 't', partitions: 1 }));
    expect(written.message).toMatch(/^creating topic "t" in datastore x failed: the server's answer does not have the expected shape at topic/);
    expect(written.hint).toMatch(/probably applied/);
  });
});

describe('obtainProjectToken', () => {
  const identity = () => http(undefined, `${origin}${PREFIX}/identity/v3`);
  const user = { accountId: '123456', userName: 'svc', password: 'right-password', projectId: 'aaaabbbbccccddddeeeeffff00001111' };

  it('returns the X-Subject-Token and the expiry from the body', async () => {
    const result = await obtainProjectToken(identity(), user);
    expect(result.expiresAt).toBe('2025-01-31T13:00:00.000Z');
    expect(result.token).toMatch(/^gAAAAA/);
    expect(last()).toMatchObject({
      method: 'POST',
      path: '/root/identity/v3/auth/tokens',
      body: { auth: { identity: { methods: ['password'], password: { user: { name: 'svc', domain: { name: '123456' }, password: 'right-password' } } }, scope: { project: { id: user.projectId } } } },
    });
    const created = await new DbaasClient(http(result.token)).createMetricsToken('scrape');
    expect(created.project_id).toBe(user.projectId);
  });

  it('says the identity service refused the user name or password (exit 4), without the password', async () => {
    const refused = await failure(obtainProjectToken(identity(), { ...user, password: 'wrong-password' }));
    expect(refused.exitCode).toBe(ExitCode.auth);
    expect(refused.message).toBe(`obtaining a token for service user "svc" of account 123456 in project ${user.projectId} failed: the identity service refused the user name or password`);
    expect(`${refused.message} ${refused.hint}`).not.toContain('wrong-password');
  });

  it('points at the identity URL when it is wrong, and refuses an answer without a token', async () => {
    const wrongUrl = await failure(obtainProjectToken(http(undefined, `${origin}${PREFIX}/keystone`), user));
    expect(wrongUrl.exitCode).toBe(ExitCode.notFound);
    expect(wrongUrl.hint).toMatch(/identity URL/);
    overrides.set('POST /identity/v3/auth/tokens', { status: 201, body: { token: { expires_at: '2025-01-31T13:00:00.000000Z' } } });
    const noToken = await failure(obtainProjectToken(identity(), user));
    expect(noToken.exitCode).toBe(ExitCode.failure);
    expect(noToken.message).toMatch(/without a token \(no X-Subject-Token header\)$/);
    overrides.set('POST /identity/v3/auth/tokens', { status: 201, headers: { 'x-subject-token': 'tok' }, body: { token: { expires_at: 'soon' } } });
    expect((await failure(obtainProjectToken(identity(), user))).message).toMatch(/an expiry that is not a time \("soon"\)$/);
  });
});
