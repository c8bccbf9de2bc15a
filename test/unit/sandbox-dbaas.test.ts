import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/sandbox/api.js';
import { DEFAULT_PROJECT_ID, dbaasApi, type DbaasState } from '../../src/sandbox/dbaas.js';
import { pyRepr } from '../../src/sandbox/dbaas/schema.js';
import { apiRequest } from './sandbox-request.js';

const DELAY = 1000;
const SUBNET = '6c1c8b6e-3f0e-4a53-9d0f-2b8f0c0c1a11';
const MISSING = '00000000-0000-4000-8000-000000000000';

let api = dbaasApi({ delayMs: DELAY });
let state: DbaasState;
let clock: number;
const context = { now: () => clock };

beforeEach(() => {
  api = dbaasApi({ delayMs: DELAY });
  state = api.fresh();
  clock = Date.UTC(2025, 0, 31, 12, 0, 0);
});

type Body = Record<string, any>;

function call(method: string, path: string, body?: unknown, headers: Record<string, string> = { 'x-auth-token': 'any-token' }): Reply & { body: Body } {
  return api.handle(state, apiRequest(method, path, body, headers), context) as Reply & { body: Body };
}

const get = (path: string) => call('GET', path);
const later = (ms = DELAY) => {
  clock += ms;
};
const message = (reply: Reply) => (reply.body as Body).error.message as string;

function typeId(engine: string, version?: string): string {
  const types = get('/v1/datastore-types').body['datastore-types'] as Body[];
  const type = types.find((t) => t.engine === engine && (version === undefined || t.version === version));
  if (!type) throw new Error(`no ${engine} type`);
  return type.id;
}

function flavorFor(type: string): Body {
  const flavor = (get('/v1/flavors').body.flavors as Body[]).find((f) => f.datastore_type_ids.includes(type));
  if (!flavor) throw new Error('no flavor');
  return flavor;
}

function datastoreBody(engine: string, extra: Body = {}): Body {
  const type = typeId(engine);
  return {
    datastore: {
      name: `${engine}-1`,
      type_id: type,
      subnet_id: SUBNET,
      node_count: 1,
      flavor_id: flavorFor(type).id,
      ...(engine === 'redis' ? { redis_password: 'redis-secret' } : {}),
      ...extra,
    },
  };
}

/** An ACTIVE datastore of an engine. */
function datastore(engine = 'postgresql', extra: Body = {}): string {
  const reply = call('POST', '/v1/datastores', datastoreBody(engine, extra));
  expect(reply.status).toBe(200);
  later();
  return reply.body.datastore.id;
}

function create(collection: string, envelope: string, body: Body): Body {
  const reply = call('POST', `/v1/${collection}`, { [envelope]: body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body[envelope];
}

/** Creates and lets the create finish. */
function active(collection: string, envelope: string, body: Body): string {
  const object = create(collection, envelope, body);
  later();
  expect(get(`/v1/${collection}/${object.id}`).body[envelope].status).toBe('ACTIVE');
  return object.id;
}

describe('authentication', () => {
  it('needs X-Auth-Token on every /v1 request and answers with the API error body', () => {
    const reply = call('GET', '/v1/datastores', undefined, {});
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ error: { code: 401, title: 'Unauthorized', message: expect.stringContaining('X-Auth-Token') } });
    expect(call('GET', '/v1/flavors', undefined, { 'x-auth-token': ' ' }).status).toBe(401);
    expect(call('GET', '/v1/flavors', undefined, { 'x-auth-token': 'whatever' }).status).toBe(200);
  });

  it('accepts only the strict token when one is set', () => {
    const strict = { now: () => clock, strictToken: 'the-one' };
    const request = (token: string) => api.handle(state, { method: 'GET', url: new URL('http://s/v1/datastores'), headers: { 'x-auth-token': token }, raw: '', json: undefined }, strict);
    expect(request('other').status).toBe(401);
    expect(request('the-one').status).toBe(200);
  });

  it('answers unknown paths and methods like the real server', () => {
    expect(get('/v1/nothing-here').status).toBe(404);
    expect(call('PATCH', '/v1/users').status).toBe(405);
    expect(call('DELETE', '/v1/flavors').status).toBe(405);
  });
});

describe('identity endpoint', () => {
  const login = (password = 'pw', scope: Body = { project: { id: 'aaaabbbbccccddddeeeeffff00001111' } }, strictPassword?: string) => {
    api = dbaasApi({ delayMs: DELAY, identityPassword: strictPassword, tokenTtlMs: 60_000 });
    return call('POST', '/identity/v3/auth/tokens', {
      auth: { identity: { methods: ['password'], password: { user: { name: 'svc', domain: { name: '123456' }, password } } }, scope },
    }, {});
  };

  it('issues a project-scoped token in X-Subject-Token with its expiry, usable on /v1 until it expires', () => {
    const reply = login();
    expect(reply.status).toBe(201);
    const token = reply.headers?.['x-subject-token'];
    expect(token).toMatch(/^gAAAAA/);
    expect(reply.body.token).toMatchObject({
      expires_at: '2025-01-31T12:01:00.000000Z',
      project: { id: 'aaaabbbbccccddddeeeeffff00001111' },
      user: { name: 'svc', domain: { name: '123456' } },
    });
    expect(JSON.stringify(state)).not.toContain(token);
    const withToken = { 'x-auth-token': token as string };
    const created = call('POST', '/v1/prometheus-metrics-tokens', { 'prometheus-metrics-token': { name: 'scrape' } }, withToken);
    expect(created.body['prometheus-metrics-token'].project_id).toBe('aaaabbbbccccddddeeeeffff00001111');
    // Objects belong to the token's project: another project's token does not see them.
    expect(get('/v1/prometheus-metrics-tokens').body['prometheus-metrics-tokens']).toEqual([]);
    later(60_000);
    const expired = call('GET', '/v1/prometheus-metrics-tokens', undefined, withToken);
    expect(expired.status).toBe(401);
    expect(message(expired)).toMatch(/expired/);
  });

  it('refuses a wrong password with a Keystone-style 401 when a password is set', () => {
    const reply = login('wrong', undefined, 'right');
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } });
    expect(reply.headers?.['x-subject-token']).toBeUndefined();
    expect(login('right', undefined, 'right').status).toBe(201);
  });

  it('answers 400 for missing fields', () => {
    api = dbaasApi();
    const post = (body: unknown) => call('POST', '/identity/v3/auth/tokens', body, {});
    expect(post({}).status).toBe(400);
    expect(message(post({ auth: { identity: { methods: ['password'], password: { user: { name: 'svc', domain: { name: '1' } } } } } }))).toBe(
      "Invalid input for field 'auth/identity/password/user': 'password' is a required property",
    );
    expect(post({ auth: { identity: { methods: ['token'] } } }).status).toBe(400);
    expect(post('not json').status).toBe(400);
  });

  it('gives an account-scoped token that the DBaaS API refuses with 403', () => {
    const reply = login('pw', { domain: { name: '123456' } });
    expect(reply.status).toBe(201);
    expect(reply.body.token.project).toBeUndefined();
    expect(call('GET', '/v1/datastores', undefined, { 'x-auth-token': reply.headers?.['x-subject-token'] as string }).status).toBe(403);
  });
});

describe('catalogs', () => {
  it('lists and gets datastore types, flavors, configuration parameters and available extensions', () => {
    const types = get('/v1/datastore-types').body['datastore-types'] as Body[];
    expect(types.map((t) => `${t.engine} ${t.version}`)).toEqual(expect.arrayContaining(['postgresql 14', 'postgresql 15', 'postgresql 16', 'mysql 8', 'redis 7', 'kafka 3.5']));
    expect(get(`/v1/datastore-types/${types[0]?.id}`).body['datastore-type']).toEqual(types[0]);

    const flavors = get('/v1/flavors').body.flavors as Body[];
    expect(flavors.length).toBeGreaterThanOrEqual(4);
    expect(flavors[0]).toMatchObject({ vcpus: expect.any(Number), ram: expect.any(Number), disk: expect.any(Number), datastore_type_ids: expect.any(Array), fl_size: expect.any(String) });
    expect(get('/v1/flavors?fl_size=xlarge').body.flavors.every((f: Body) => f.fl_size === 'xlarge')).toBe(true);

    const pg16 = typeId('postgresql', '16');
    const parameters = get(`/v1/configuration-parameters?datastore_type_id=${pg16}`).body['configuration-parameters'] as Body[];
    expect(parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['max_connections', 'work_mem']));
    expect(parameters.every((p) => p.datastore_type_id === pg16)).toBe(true);
    expect(parameters.find((p) => p.name === 'max_connections')).toMatchObject({ type: 'int', min: 10, max: 10000, default_value: 100, is_restart_required: true });
    expect(get('/v1/configuration-parameters?ram=lots').status).toBe(400);
    expect(get(`/v1/configuration-parameters?datastore_type_id=${pg16}&ram=4096`).body['configuration-parameters']).toEqual(parameters);

    const extensions = get(`/v1/available-extensions?datastore_type_id=${pg16}`).body['available-extensions'] as Body[];
    const postgis = extensions.find((e) => e.name === 'postgis');
    expect(extensions.map((e) => e.name)).toEqual(expect.arrayContaining(['pgcrypto', 'postgis', 'pg_stat_statements']));
    expect(extensions.find((e) => e.name === 'postgis_topology')?.dependency_ids).toEqual([postgis?.id]);
    expect(get(`/v1/available-extensions?datastore_type_id=${typeId('mysql')}`).body['available-extensions']).toEqual([]);
  });

  it('answers 404 with the API kind names', () => {
    expect(message(get(`/v1/flavors/${MISSING}`))).toBe(`flavor ${MISSING} not found.`);
    expect(message(get(`/v1/datastore-types/${MISSING}`))).toBe(`datastoretype ${MISSING} not found.`);
    expect(message(get(`/v1/configuration-parameters/${MISSING}`))).toBe(`configurationparameter ${MISSING} not found.`);
    expect(message(get(`/v1/available-extensions/${MISSING}`))).toBe(`availableextension ${MISSING} not found.`);
  });

  it('serves the datastore type IDs docs/sandbox-dbaas.md lists', () => {
    const row = /^\| (\w+) \| ([\d.]+) \| `([0-9a-f-]{36})` \|$/gm;
    const documented = [...readFileSync(new URL('../../docs/sandbox-dbaas.md', import.meta.url), 'utf8').matchAll(row)].map(([, engine, version, id]) => `${engine} ${version}=${id}`);
    const served = (get('/v1/datastore-types').body['datastore-types'] as Body[]).map((t) => `${t.engine} ${t.version}=${t.id}`);
    expect(documented.sort()).toEqual(served.sort());
  });

  it('keeps catalog IDs the same in every sandbox', () => {
    const other = dbaasApi();
    const otherTypes = other.handle(other.fresh(), { method: 'GET', url: new URL('http://s/v1/datastore-types'), headers: { 'x-auth-token': 't' }, raw: '', json: undefined }, context);
    expect(otherTypes.body).toEqual(get('/v1/datastore-types').body);
  });
});

describe('datastores', () => {
  it('walk PENDING_CREATE → ACTIVE, with the fields of the real API', () => {
    const reply = call('POST', '/v1/datastores', datastoreBody('postgresql', { node_count: 2, config: { work_mem: 8192 }, floating_ips: { master: 1, replica: 0 } }));
    expect(reply.status).toBe(200);
    const created = reply.body.datastore;
    expect(created).toMatchObject({
      name: 'postgresql-1',
      status: 'PENDING_CREATE',
      project_id: DEFAULT_PROJECT_ID,
      created_at: '2025-01-31T12:00:00',
      creation_finished_at: null,
      node_count: 2,
      enabled: true,
      subnet_id: SUBNET,
      pooler: { mode: 'session', size: 30 },
      firewall: [],
      config: { work_mem: 8192 },
      backup_retention_days: 7,
      connection: { MASTER: `master.${created.id}.c.dbaas.selcloud.org`, 'replica-1': `replica-1.${created.id}.c.dbaas.selcloud.org` },
      databases_count: 0,
      topics_count: 0,
    });
    expect(created.instances).toHaveLength(2);
    expect(created.instances[0]).toMatchObject({ role: 'MASTER', floating_ip: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/) });
    expect(created.instances[1]).toMatchObject({ role: 'REPLICA', floating_ip: 'None' });
    expect(created.flavor).toMatchObject({ vcpus: expect.any(Number), ram: expect.any(Number), disk: expect.any(Number) });

    later(DELAY - 1);
    expect(get(`/v1/datastores/${created.id}`).body.datastore.status).toBe('PENDING_CREATE');
    later(1);
    const done = get(`/v1/datastores/${created.id}`).body.datastore;
    expect(done).toMatchObject({ status: 'ACTIVE', creation_finished_at: '2025-01-31T12:00:01' });
    expect(done.instances.every((i: Body) => i.status === 'ACTIVE')).toBe(true);
    expect(get('/v1/datastores').body.datastores.map((d: Body) => d.id)).toEqual([created.id]);
  });

  it('resolves a flavor given by size, and refuses a size no flavor has', () => {
    const type = typeId('postgresql', '16');
    const flavor = flavorFor(type);
    const bySize = call('POST', '/v1/datastores', { datastore: { name: 'a', type_id: type, subnet_id: SUBNET, node_count: 1, flavor: { vcpus: flavor.vcpus, ram: flavor.ram, disk: flavor.disk } } });
    expect(bySize.body.datastore.flavor_id).toBe(flavor.id);
    const odd = call('POST', '/v1/datastores', { datastore: { name: 'b', type_id: type, subnet_id: SUBNET, node_count: 1, flavor: { vcpus: 3, ram: 1000, disk: 7 } } });
    expect(odd.status).toBe(400);
    expect(message(odd)).toMatch(/^Validation failure: no flavor with vcpus=3, ram=1000, disk=7 for postgresql 16/);
    const both = call('POST', '/v1/datastores', { datastore: { name: 'c', type_id: type, subnet_id: SUBNET, node_count: 1, flavor_id: flavor.id, flavor: { vcpus: 2, ram: 4096, disk: 32 } } });
    expect(message(both)).toBe('Validation failure: exactly one of flavor_id and flavor is required.');
    const neither = call('POST', '/v1/datastores', { datastore: { name: 'd', type_id: type, subnet_id: SUBNET, node_count: 1 } });
    expect(neither.status).toBe(400);
    const redisFlavor = flavorFor(typeId('redis'));
    expect(message(call('POST', '/v1/datastores', { datastore: { name: 'e', type_id: type, subnet_id: SUBNET, node_count: 1, flavor_id: redisFlavor.id } }))).toMatch(/not available for postgresql 16/);
    expect(message(call('POST', '/v1/datastores', { datastore: { name: 'f', type_id: type, subnet_id: SUBNET, node_count: 1, flavor_id: MISSING } }))).toBe(`flavor ${MISSING} not found.`);
    expect(message(call('POST', '/v1/datastores', { datastore: { name: 'g', type_id: MISSING, subnet_id: SUBNET, node_count: 1, flavor_id: flavor.id } }))).toBe(`datastoretype ${MISSING} not found.`);
  });

  it('validates the body like the API schema, with its messages', () => {
    const post = (datastore: Body) => message(call('POST', '/v1/datastores', { datastore }));
    const good = datastoreBody('postgresql').datastore as Body;
    expect(post({ ...good, type_id: '20d7bcf4-f8d6-4bf6-b8f6-46cb440a87f' })).toBe(`Validation failure: {'datastore.type_id': "'20d7bcf4-f8d6-4bf6-b8f6-46cb440a87f' is not a 'UUID'"}`);
    expect(post({ ...good, name: '' })).toBe(`Validation failure: {'datastore.name': "'' is too short"}`);
    expect(post({ ...good, name: 'has space' })).toBe(`Validation failure: {'datastore.name': "'has space' does not match '^[A-Za-z0-9_-]*$'"}`);
    expect(post({ ...good, node_count: 0 })).toBe(`Validation failure: {'datastore.node_count': '0 is less than the minimum of 1'}`);
    expect(post({ ...good, node_count: '1' })).toBe(`Validation failure: {'datastore.node_count': "'1' is not of type 'integer'"}`);
    expect(post({ ...good, colour: 'red' })).toBe(`Validation failure: {'datastore': "Additional properties are not allowed ('colour' was unexpected)"}`);
    const { subnet_id: _, ...noSubnet } = good;
    expect(post(noSubnet)).toBe(`Validation failure: {'datastore': "'subnet_id' is a required property"}`);
    expect(post({ ...good, pooler: { mode: 'abc' } })).toBe(`Validation failure: {'datastore.pooler.mode': "'abc' is not one of ['session', 'transaction', 'statement']"}`);
    expect(post({ ...good, backup_retention_days: 0 })).toBe(`Validation failure: {'datastore.backup_retention_days': '0 is less than the minimum of 1'}`);
    expect(message(call('POST', '/v1/datastores', { datastore: good, extra: 1 }))).toMatch(/^Validation failure: .*'extra' was unexpected/);
    expect(message(call('POST', '/v1/datastores', {}))).toBe(`Validation failure: {'datastore': "'datastore' is a required property"}`);
    expect(message(call('POST', '/v1/datastores', '{not json'))).toBe('Validation failure: the request body is not valid JSON.');
  });

  it('checks config against the configuration-parameters catalog', () => {
    const post = (config: Body) => call('POST', '/v1/datastores', datastoreBody('postgresql', { config }));
    expect(message(post({ nope: 1 }))).toBe(`Validation failure: {'datastore.config.nope': "'nope' is not a configuration parameter of postgresql 14"}`);
    expect(message(post({ work_mem: 'big' }))).toBe(`Validation failure: {'datastore.config.work_mem': "'big' is not of type 'integer'"}`);
    expect(message(post({ work_mem: 1 }))).toBe(`Validation failure: {'datastore.config.work_mem': '1 is less than the minimum of 64'}`);
    expect(message(post({ max_connections: 10001 }))).toBe(`Validation failure: {'datastore.config.max_connections': '10001 is greater than the maximum of 10000'}`);
    expect(message(post({ default_transaction_isolation: 'chaos' }))).toMatch(/'chaos' is not one of \['read uncommitted'/);
    expect(message(post({ autovacuum: 'on' }))).toMatch(/'on' is not of type 'boolean'/);
    expect(message(post({ shared_buffers: 100 }))).toMatch(/'shared_buffers' cannot be changed/);
    expect(post({ autovacuum_vacuum_scale_factor: 0.05, autovacuum: false, default_transaction_isolation: 'serializable' }).status).toBe(200);
  });

  it('applies the engine rules to pooler and redis_password', () => {
    expect(message(call('POST', '/v1/datastores', datastoreBody('redis', { redis_password: undefined })))).toMatch(/redis_password' is a required property for Redis/);
    expect(message(call('POST', '/v1/datastores', datastoreBody('mysql', { redis_password: 'x' })))).toMatch(/redis_password applies to Redis only/);
    expect(message(call('POST', '/v1/datastores', datastoreBody('mysql', { pooler: { mode: 'session' } })))).toMatch(/pooler applies to PostgreSQL only/);
    const redis = datastore('redis');
    expect(get(`/v1/datastores/${redis}`).body.datastore.pooler).toBeNull();
    expect(message(call('PUT', `/v1/datastores/${redis}/pooler`, { pooler: { size: 10 } }))).toMatch(/the pooler applies to PostgreSQL only/);
    const mysql = datastore('mysql');
    expect(message(call('PUT', `/v1/datastores/${mysql}/password`, { password: { redis_password: 'x' } }))).toMatch(/redis_password applies to Redis only/);
  });

  it('refuses a name already used in the project', () => {
    datastore();
    const again = call('POST', '/v1/datastores', datastoreBody('postgresql'));
    expect(again.status).toBe(400);
    expect(message(again)).toBe('Validation failure: datastore with name "postgresql-1" already exists.');
  });

  it('rename, config, firewall, pooler, backups and password go PENDING_UPDATE then ACTIVE', () => {
    const id = datastore();
    const redis = datastore('redis');
    const steps: Array<[string, string, Body, (d: Body) => void]> = [
      ['PUT', `/v1/datastores/${id}`, { datastore: { name: 'renamed' } }, (d) => expect(d.name).toBe('renamed')],
      ['PUT', `/v1/datastores/${id}/config`, { config: { work_mem: 9000, autovacuum: false } }, (d) => expect(d.config).toEqual({ work_mem: 9000, autovacuum: false })],
      ['PUT', `/v1/datastores/${id}/config`, { config: { work_mem: null } }, (d) => expect(d.config).toEqual({ autovacuum: false })],
      ['PUT', `/v1/datastores/${id}/firewall`, { firewall: { ips: ['10.1.0.0/16', '192.0.2.7'] } }, (d) => expect(d.firewall).toEqual([{ ip: '10.1.0.0/16' }, { ip: '192.0.2.7' }])],
      ['PUT', `/v1/datastores/${id}/pooler`, { pooler: { mode: 'transaction', size: 50 } }, (d) => expect(d.pooler).toEqual({ mode: 'transaction', size: 50 })],
      ['PUT', `/v1/datastores/${id}/backups`, { backups: { backup_retention_days: 14 } }, (d) => expect(d.backup_retention_days).toBe(14)],
      ['PUT', `/v1/datastores/${redis}/password`, { password: { redis_password: 'new-secret' } }, () => undefined],
    ];
    for (const [method, path, body, verify] of steps) {
      const reply = call(method, path, body);
      expect(reply.status, `${path} ${JSON.stringify(reply.body)}`).toBe(200);
      expect(reply.body.datastore.status).toBe('PENDING_UPDATE');
      verify(reply.body.datastore);
      // The next change waits for this one.
      expect(message(call(method, path, body))).toMatch(/^Validation failure: datastore .* is not ready \(status PENDING_UPDATE\)/);
      later();
      expect(get(path.replace(/\/(config|firewall|pooler|backups|password)$/, '')).body.datastore.status).toBe('ACTIVE');
    }
    expect(JSON.stringify(state)).not.toContain('new-secret');
    expect(JSON.stringify(state)).not.toContain('redis-secret');
    expect(message(call('PUT', `/v1/datastores/${id}/firewall`, { firewall: {} }))).toBe(`Validation failure: {'firewall': "'ips' is a required property"}`);
    expect(message(call('PUT', `/v1/datastores/${id}/config`, { config: { nope: 1 } }))).toMatch(/'config.nope'/);
    expect(call('PUT', `/v1/datastores/${id}/nothing`, {}).status).toBe(404);
  });

  it('resize is a POST that goes RESIZING, with the API schema for its flavor', () => {
    const id = datastore();
    const type = get(`/v1/datastores/${id}`).body.datastore.type_id;
    const bigger = (get('/v1/flavors').body.flavors as Body[]).filter((f) => f.datastore_type_ids.includes(type))[1] as Body;
    expect(message(call('POST', `/v1/datastores/${id}/resize`, { resize: { flavor: { vcpus: 2, ram: 4096, disk: 32, disk_type: 'local' } } }))).toBe(
      `Validation failure: {'resize.flavor': "Additional properties are not allowed ('disk_type' was unexpected)"}`,
    );
    expect(message(call('POST', `/v1/datastores/${id}/resize`, { resize: { node_count: 0 } }))).toBe(`Validation failure: {'resize.node_count': '0 is less than the minimum of 1'}`);
    expect(call('PUT', `/v1/datastores/${id}/resize`, { resize: { node_count: 3 } }).status).toBe(405);
    const reply = call('POST', `/v1/datastores/${id}/resize`, { resize: { node_count: 3, flavor_id: bigger.id } });
    expect(reply.status).toBe(200);
    expect(reply.body.datastore).toMatchObject({ status: 'RESIZING', node_count: 3, flavor_id: bigger.id, flavor: { vcpus: bigger.vcpus, ram: bigger.ram } });
    expect(reply.body.datastore.instances.map((i: Body) => i.role)).toEqual(['MASTER', 'REPLICA', 'REPLICA']);
    later();
    expect(get(`/v1/datastores/${id}`).body.datastore.status).toBe('ACTIVE');
    expect(message(call('POST', `/v1/datastores/${id}/resize`, { resize: { node_count: 3 } }))).toMatch(/cannot be resized/);
  });

  it('delete answers 204, stays readable as PENDING_DELETE, then is 404 and gone, children with it', () => {
    const id = datastore();
    const db = active('databases', 'database', { datastore_id: id, name: 'app' });
    expect(call('DELETE', `/v1/datastores/${id}`)).toEqual({ status: 204 });
    expect(get(`/v1/datastores/${id}`).body.datastore.status).toBe('PENDING_DELETE');
    expect(get('/v1/datastores').body.datastores).toHaveLength(1);
    expect(message(call('DELETE', `/v1/datastores/${id}`))).toMatch(/already being deleted/);
    later();
    const gone = get(`/v1/datastores/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ error: { code: 404, title: 'Not Found', message: `datastore ${id} not found.` } });
    expect(get('/v1/datastores').body.datastores).toEqual([]);
    expect(get(`/v1/databases/${db}`).status).toBe(404);
    expect(call('DELETE', `/v1/datastores/${id}`).status).toBe(404);
  });
});

describe('objects in a datastore', () => {
  it('databases: create, change owner, delete, with PostgreSQL defaults', () => {
    const ds = datastore();
    const owner = active('users', 'user', { datastore_id: ds, name: 'owner', password: 'pw' });
    const other = active('users', 'user', { datastore_id: ds, name: 'other', password: 'pw' });
    const db = create('databases', 'database', { datastore_id: ds, name: 'app', owner_id: owner });
    expect(db).toMatchObject({ name: 'app', owner_id: owner, lc_collate: 'C', lc_ctype: 'C', status: 'PENDING_CREATE', datastore_id: ds, project_id: DEFAULT_PROJECT_ID });
    expect(message(call('POST', '/v1/databases', { database: { datastore_id: ds, name: 'app' } }))).toBe('Validation failure: database with name "app" already exists.');
    expect(message(call('PUT', `/v1/databases/${db.id}`, { database: { owner_id: other } }))).toMatch(/database .* is not ready \(status PENDING_CREATE\)/);
    later();
    expect(get(`/v1/datastores/${ds}`).body.datastore.databases_count).toBe(1);
    const updated = call('PUT', `/v1/databases/${db.id}`, { database: { owner_id: other } });
    expect(updated.body.database).toMatchObject({ owner_id: other, status: 'PENDING_UPDATE' });
    later();
    expect(message(call('PUT', `/v1/databases/${db.id}`, { database: {} }))).toBe(`Validation failure: {'database': "'owner_id' is a required property"}`);
    expect(call('DELETE', `/v1/databases/${db.id}`).status).toBe(204);
    expect(get(`/v1/databases/${db.id}`).body.database.status).toBe('PENDING_DELETE');
    later();
    expect(message(get(`/v1/databases/${db.id}`))).toBe(`database ${db.id} not found.`);
    expect(message(call('POST', '/v1/databases', { database: { datastore_id: ds, name: '1bad' } }))).toBe(`Validation failure: {'database.name': "'1bad' does not match '^[A-Za-z_][A-Za-z0-9_]*$'"}`);
    expect(message(call('POST', '/v1/databases', { database: { datastore_id: ds, name: 'x'.repeat(64) } }))).toMatch(/is too long/);
    expect(message(call('POST', '/v1/databases', { database: { datastore_id: MISSING, name: 'x' } }))).toBe(`datastore ${MISSING} not found.`);
  });

  it('databases on MySQL take no owner or locale', () => {
    const ds = datastore('mysql');
    expect(create('databases', 'database', { datastore_id: ds, name: 'shop' })).toMatchObject({ owner_id: null, lc_collate: null });
    expect(message(call('POST', '/v1/databases', { database: { datastore_id: ds, name: 'x', lc_collate: 'C' } }))).toMatch(/lc_collate apply to PostgreSQL only/);
  });

  it('users: create (password never returned or kept), change password, delete', () => {
    const ds = datastore();
    const user = create('users', 'user', { datastore_id: ds, name: 'app_rw', password: 'hunter2-secret' });
    expect(Object.keys(user).sort()).toEqual(['created_at', 'datastore_id', 'id', 'name', 'project_id', 'status', 'updated_at']);
    expect(message(call('POST', '/v1/users', { user: { datastore_id: ds, name: 'app_rw', password: 'x' } }))).toBe('Validation failure: user with name "app_rw" already exists.');
    later();
    expect(call('PUT', `/v1/users/${user.id}`, { user: { password: 'another-secret' } }).body.user.status).toBe('PENDING_UPDATE');
    expect(message(call('PUT', `/v1/users/${user.id}`, { user: { password: 'third-secret' } }))).toMatch(/^Validation failure: user .* is not ready \(status PENDING_UPDATE\)/);
    later();
    expect(message(call('PUT', `/v1/users/${user.id}`, { user: { name: 'x', password: 'p' } }))).toBe(`Validation failure: {'user': "Additional properties are not allowed ('name' was unexpected)"}`);
    expect(message(call('POST', '/v1/users', { user: { datastore_id: ds, name: 'u', password: '' } }))).toBe(`Validation failure: {'user.password': "'' is too short"}`);
    expect(JSON.stringify(state)).not.toMatch(/hunter2|another-secret/);
    expect(call('DELETE', `/v1/users/${user.id}`).status).toBe(204);
    later();
    expect(message(get(`/v1/users/${user.id}`))).toBe(`user ${user.id} not found.`);
  });

  it('grants: user ↔ database of the same datastore, both ACTIVE, once', () => {
    const ds = datastore();
    const db = active('databases', 'database', { datastore_id: ds, name: 'app' });
    const pendingUser = create('users', 'user', { datastore_id: ds, name: 'u1', password: 'pw' });
    expect(message(call('POST', '/v1/grants', { grant: { datastore_id: ds, database_id: db, user_id: pendingUser.id } }))).toMatch(/^Validation failure: user .* is not ready \(status PENDING_CREATE\)/);
    later();
    const grant = create('grants', 'grant', { datastore_id: ds, database_id: db, user_id: pendingUser.id });
    expect(grant).toMatchObject({ database_id: db, user_id: pendingUser.id, status: 'PENDING_CREATE' });
    const again = call('POST', '/v1/grants', { grant: { datastore_id: ds, database_id: db, user_id: pendingUser.id } });
    expect(again.status).toBe(400);
    expect(message(again)).toMatch(/already exists\.$/);
    expect(call('PUT', `/v1/grants/${grant.id}`, { grant: {} }).status).toBe(405);
    const ds2 = datastore('postgresql', { name: 'second' });
    const foreign = active('users', 'user', { datastore_id: ds2, name: 'u2', password: 'pw' });
    expect(message(call('POST', '/v1/grants', { grant: { datastore_id: ds, database_id: db, user_id: foreign } }))).toMatch(/belongs to another datastore/);
    later();
    // Deleting the user takes its grants with it.
    call('DELETE', `/v1/users/${pendingUser.id}`);
    later();
    expect(get(`/v1/grants/${grant.id}`).status).toBe(404);
  });

  it('ACLs (Kafka): pattern rules, at least one flag, update', () => {
    const ds = datastore('kafka');
    const user = active('users', 'user', { datastore_id: ds, name: 'producer', password: 'pw' });
    const post = (acl: Body) => call('POST', '/v1/acls', { acl: { datastore_id: ds, user_id: user, allow_read: true, allow_write: false, ...acl } });
    expect(message(post({ pattern_type: 'all', pattern: 'x' }))).toMatch(/pattern must be skipped/);
    expect(message(post({ pattern_type: 'literal' }))).toMatch(/'pattern' is a required property/);
    expect(message(post({ pattern_type: 'regex', pattern: 'x' }))).toBe(`Validation failure: {'acl.pattern_type': "'regex' is not one of ['literal', 'prefixed', 'all']"}`);
    expect(message(post({ pattern_type: 'prefixed', pattern: 'bad/name' }))).toMatch(/does not match/);
    expect(message(post({ pattern_type: 'all', allow_read: false }))).toBe('Validation failure: At least one of these fields (allow_read, allow_write) must be true');
    const acl = post({ pattern_type: 'prefixed', pattern: 'events.' }).body.acl;
    expect(acl).toMatchObject({ pattern: 'events.', pattern_type: 'prefixed', allow_read: true, allow_write: false, status: 'PENDING_CREATE' });
    expect(post({ pattern_type: 'all' }).body.acl.pattern).toBeNull();
    expect(message(post({ pattern_type: 'prefixed', pattern: 'events.' }))).toMatch(/already exists/);
    later();
    expect(message(call('PUT', `/v1/acls/${acl.id}`, { acl: { allow_read: false } }))).toBe('Validation failure: At least one of these fields (allow_read, allow_write) must be true');
    expect(call('PUT', `/v1/acls/${acl.id}`, { acl: { allow_read: false, allow_write: true } }).body.acl).toMatchObject({ allow_read: false, allow_write: true, status: 'PENDING_UPDATE' });
    later();
    expect(call('DELETE', `/v1/acls/${acl.id}`).status).toBe(204);
  });

  it('topics (Kafka): partitions 1..4000, only grow', () => {
    const ds = datastore('kafka');
    expect(message(call('POST', '/v1/topics', { topic: { datastore_id: ds, name: 'events', partitions: 4001 } }))).toBe(`Validation failure: {'topic.partitions': '4001 is greater than the maximum of 4000'}`);
    const topic = create('topics', 'topic', { datastore_id: ds, name: 'events.v1', partitions: 3 });
    expect(topic).toMatchObject({ name: 'events.v1', partitions: 3, status: 'PENDING_CREATE' });
    expect(message(call('POST', '/v1/topics', { topic: { datastore_id: ds, name: 'events.v1', partitions: 1 } }))).toBe('Validation failure: topic with name "events.v1" already exists.');
    later();
    expect(get(`/v1/datastores/${ds}`).body.datastore.topics_count).toBe(1);
    expect(message(call('PUT', `/v1/topics/${topic.id}`, { topic: { partitions: 2 } }))).toMatch(/partitions can only be added/);
    expect(call('PUT', `/v1/topics/${topic.id}`, { topic: { partitions: 6 } }).body.topic).toMatchObject({ partitions: 6, status: 'PENDING_UPDATE' });
    later();
    expect(call('DELETE', `/v1/topics/${topic.id}`).status).toBe(204);
    later();
    expect(message(get(`/v1/topics/${topic.id}`))).toBe(`topic ${topic.id} not found.`);
  });

  it('extensions (PostgreSQL): by available extension, dependencies first, once per database', () => {
    const ds = datastore();
    const db = active('databases', 'database', { datastore_id: ds, name: 'geo' });
    const available = (name: string) => (get(`/v1/available-extensions?name=${name}`).body['available-extensions'] as Body[])[0]?.id as string;
    const post = (name: string) => call('POST', '/v1/extensions', { extension: { datastore_id: ds, database_id: db, available_extension_id: available(name) } });
    expect(message(post('postgis_topology'))).toMatch(/extension postgis_topology needs postgis in database .*; create it first\./);
    const postgis = post('postgis').body.extension;
    expect(postgis).toMatchObject({ available_extension_id: available('postgis'), database_id: db, status: 'PENDING_CREATE' });
    expect(message(post('postgis'))).toMatch(/^Validation failure: extension postgis in database .* already exists\.$/);
    later();
    const topology = post('postgis_topology').body.extension;
    later();
    expect(message(call('DELETE', `/v1/extensions/${postgis.id}`))).toMatch(/postgis is needed by postgis_topology/);
    expect(call('DELETE', `/v1/extensions/${topology.id}`).status).toBe(204);
    later();
    expect(message(get(`/v1/extensions/${topology.id}`))).toBe(`extension ${topology.id} not found.`);
    expect(message(call('POST', '/v1/extensions', { extension: { datastore_id: ds, database_id: db, available_extension_id: MISSING } }))).toBe(`availableextension ${MISSING} not found.`);
  });

  it('logical replication slots (PostgreSQL): unique names in a datastore', () => {
    const ds = datastore();
    const db = active('databases', 'database', { datastore_id: ds, name: 'app' });
    const slot = create('logical-replication-slots', 'logical-replication-slot', { datastore_id: ds, database_id: db, name: 'cdc' });
    expect(slot).toMatchObject({ name: 'cdc', database_id: db, in_use: false, status: 'PENDING_CREATE' });
    expect(message(call('POST', '/v1/logical-replication-slots', { 'logical-replication-slot': { datastore_id: ds, database_id: db, name: 'cdc' } }))).toMatch(/already exists/);
    later();
    expect(call('PUT', `/v1/logical-replication-slots/${slot.id}`, {}).status).toBe(405);
    expect(call('DELETE', `/v1/logical-replication-slots/${slot.id}`).status).toBe(204);
    later();
    expect(message(get(`/v1/logical-replication-slots/${slot.id}`))).toBe(`logicalreplicationslot ${slot.id} not found.`);
  });

  it('refuse what the engine lacks', () => {
    const pg = datastore('postgresql');
    const mysql = datastore('mysql', { name: 'my' });
    const redis = datastore('redis', { name: 'cache' });
    const kafka = datastore('kafka', { name: 'bus' });
    const cases: Array<[string, string, Body, RegExp]> = [
      ['databases', 'database', { datastore_id: redis, name: 'x' }, /databases are supported by PostgreSQL and MySQL only; datastore .* is redis 7/],
      ['databases', 'database', { datastore_id: kafka, name: 'x' }, /databases are supported by PostgreSQL and MySQL only/],
      ['users', 'user', { datastore_id: redis, name: 'x', password: 'p' }, /users are supported by PostgreSQL, MySQL and Kafka only/],
      ['grants', 'grant', { datastore_id: kafka, database_id: MISSING, user_id: MISSING }, /grants are supported by PostgreSQL and MySQL only/],
      ['acls', 'acl', { datastore_id: pg, user_id: MISSING, pattern_type: 'all', allow_read: true, allow_write: true }, /acls are supported by Kafka only/],
      ['topics', 'topic', { datastore_id: mysql, name: 't', partitions: 1 }, /topics are supported by Kafka only/],
      ['extensions', 'extension', { datastore_id: mysql, database_id: MISSING, available_extension_id: MISSING }, /extensions are supported by PostgreSQL only/],
      ['logical-replication-slots', 'logical-replication-slot', { datastore_id: kafka, database_id: MISSING, name: 's' }, /logical replication slots are supported by PostgreSQL only/],
    ];
    for (const [collection, envelope, body, expected] of cases) {
      const reply = call('POST', `/v1/${collection}`, { [envelope]: body });
      expect(reply.status, collection).toBe(400);
      expect(message(reply)).toMatch(expected);
    }
  });

  it('refuse every child operation while the datastore is not ACTIVE', () => {
    const ds = datastore();
    const db = active('databases', 'database', { datastore_id: ds, name: 'app' });
    const user = active('users', 'user', { datastore_id: ds, name: 'u', password: 'pw' });
    call('PUT', `/v1/datastores/${ds}/backups`, { backups: { backup_retention_days: 3 } });
    const notReady = /^Validation failure: datastore .* is not ready \(status PENDING_UPDATE\); wait until it is ACTIVE\.$/;
    const attempts: Array<[string, string, Body?]> = [
      ['POST', '/v1/databases', { database: { datastore_id: ds, name: 'b' } }],
      ['POST', '/v1/users', { user: { datastore_id: ds, name: 'v', password: 'pw' } }],
      ['POST', '/v1/grants', { grant: { datastore_id: ds, database_id: db, user_id: user } }],
      ['POST', '/v1/logical-replication-slots', { 'logical-replication-slot': { datastore_id: ds, database_id: db, name: 's' } }],
      ['PUT', `/v1/users/${user}`, { user: { password: 'x' } }],
      ['DELETE', `/v1/databases/${db}`],
      ['PUT', `/v1/datastores/${ds}`, { datastore: { name: 'n' } }],
      ['POST', `/v1/datastores/${ds}/resize`, { resize: { node_count: 2 } }],
    ];
    for (const [method, path, body] of attempts) {
      const reply = call(method, path, body);
      expect(reply.status, `${method} ${path}`).toBe(400);
      expect(message(reply)).toMatch(notReady);
    }
    later();
    expect(call('POST', '/v1/databases', { database: { datastore_id: ds, name: 'b' } }).status).toBe(200);
  });
});

describe('Prometheus metrics tokens', () => {
  it('are synchronous, show their 64-character value on every read, rename and delete', () => {
    const created = create('prometheus-metrics-tokens', 'prometheus-metrics-token', { name: 'grafana' });
    expect(created).toMatchObject({ name: 'grafana', project_id: DEFAULT_PROJECT_ID, value: expect.stringMatching(/^[A-Za-z0-9]{64}$/) });
    expect(created.status).toBeUndefined();
    expect(get(`/v1/prometheus-metrics-tokens/${created.id}`).body['prometheus-metrics-token']).toEqual(created);
    expect(get('/v1/prometheus-metrics-tokens').body['prometheus-metrics-tokens']).toEqual([created]);
    later(5000);
    const renamed = call('PUT', `/v1/prometheus-metrics-tokens/${created.id}`, { 'prometheus-metrics-token': { name: 'grafana-2' } });
    expect(renamed.body['prometheus-metrics-token']).toMatchObject({ name: 'grafana-2', value: created.value, updated_at: '2025-01-31T12:00:05' });
    expect(message(call('PUT', `/v1/prometheus-metrics-tokens/${created.id}`, { 'prometheus-metrics-token': {} }))).toBe(`Validation failure: {'prometheus-metrics-token': "'name' is a required property"}`);
    expect(call('DELETE', `/v1/prometheus-metrics-tokens/${created.id}`)).toEqual({ status: 204 });
    expect(message(get(`/v1/prometheus-metrics-tokens/${created.id}`))).toBe(`prometheusmetrictoken ${created.id} not found.`);
    expect(get('/v1/prometheus-metrics-tokens').body['prometheus-metrics-tokens']).toEqual([]);
  });
});

describe('list filters', () => {
  // Every filter the reference lists, on every list endpoint: each selects the object it names and
  // leaves out one that differs.
  const FILTERS: Record<string, string[]> = {
    datastores: ['id', 'project_id', 'name', 'status', 'enabled', 'type_id', 'flavor_id', 'subnet_id', 'allow_restore', 'is_maintenance', 'is_protected'],
    databases: ['id', 'project_id', 'name', 'datastore_id', 'status'],
    users: ['id', 'project_id', 'name', 'datastore_id', 'status'],
    grants: ['id', 'project_id', 'datastore_id', 'database_id', 'user_id', 'status'],
    acls: ['id', 'project_id', 'datastore_id', 'pattern', 'pattern_type', 'status', 'user_id'],
    topics: ['id', 'project_id', 'name', 'datastore_id', 'status'],
    extensions: ['id', 'project_id', 'available_extension_id', 'datastore_id', 'database_id', 'status'],
    'logical-replication-slots': ['id', 'project_id', 'name', 'datastore_id', 'database_id', 'status', 'in_use'],
    'prometheus-metrics-tokens': ['id', 'project_id', 'name', 'value'],
    flavors: ['id', 'name', 'fl_size'],
    'configuration-parameters': ['id', 'datastore_type_id', 'name'],
    'available-extensions': ['id', 'name'],
  };

  function populate(): void {
    for (const n of [1, 2]) {
      const pg = datastore('postgresql', { name: `pg${n}`, ...(n === 2 ? { subnet_id: MISSING } : {}) });
      const db = active('databases', 'database', { datastore_id: pg, name: `db${n}` });
      const user = active('users', 'user', { datastore_id: pg, name: `user${n}`, password: 'pw' });
      active('grants', 'grant', { datastore_id: pg, database_id: db, user_id: user });
      const ext = (get(`/v1/available-extensions?name=${n === 1 ? 'pgcrypto' : 'hstore'}`).body['available-extensions'] as Body[])[0]?.id;
      active('extensions', 'extension', { datastore_id: pg, database_id: db, available_extension_id: ext });
      active('logical-replication-slots', 'logical-replication-slot', { datastore_id: pg, database_id: db, name: `slot${n}` });
      const kafka = datastore('kafka', { name: `kafka${n}` });
      const kuser = active('users', 'user', { datastore_id: kafka, name: `k${n}`, password: 'pw' });
      active('acls', 'acl', { datastore_id: kafka, user_id: kuser, pattern_type: n === 1 ? 'literal' : 'prefixed', pattern: `p${n}`, allow_read: true, allow_write: true });
      active('topics', 'topic', { datastore_id: kafka, name: `topic${n}`, partitions: n });
      create('prometheus-metrics-tokens', 'prometheus-metrics-token', { name: `token${n}` });
    }
    // One object of each kind in another status, so that `status` has something to leave out.
    call('PUT', `/v1/datastores/${get('/v1/datastores?name=pg2').body.datastores[0].id}/backups`, { backups: { backup_retention_days: 2 } });
  }

  it.each(Object.entries(FILTERS))('%s', (collection, names) => {
    populate();
    const all = get(`/v1/${collection}`).body[collection] as Body[];
    expect(all.length).toBeGreaterThan(1);
    for (const name of names) {
      const target = all.find((item) => all.some((other) => String(other[name]) !== String(item[name])));
      const query = (value: string) => get(`/v1/${collection}?${new URLSearchParams({ [name]: value })}`).body[collection] as Body[];
      if (target === undefined) {
        // Every object has the same value here (one project, fixed flags): it matches all, another none.
        const value = String(all[0]?.[name]);
        expect(query(value), `${collection}?${name}=${value}`).toHaveLength(all.length);
        expect(query(value === 'false' ? 'true' : value === 'true' ? 'false' : `not-${value}`), `${collection}?${name}`).toEqual([]);
        continue;
      }
      const value = String(target[name]);
      const result = query(value);
      expect(result.length, `${collection}?${name}=${value}`).toBeGreaterThan(0);
      expect(result.every((item) => String(item[name]) === value), `${collection}?${name}`).toBe(true);
      expect(result.length, `${collection}?${name} leaves something out`).toBeLessThan(all.length);
    }
  });

  it('deleted=true finds no datastore, deleted=false all; no pagination', () => {
    datastore();
    expect(get('/v1/datastores?deleted=true').body.datastores).toEqual([]);
    expect(get('/v1/datastores?deleted=false').body.datastores).toHaveLength(1);
    expect(get('/v1/datastores?enabled=TRUE').body.datastores).toHaveLength(1);
    for (let n = 0; n < 150; n++) create('prometheus-metrics-tokens', 'prometheus-metrics-token', { name: `t${n}` });
    expect(get('/v1/prometheus-metrics-tokens').body['prometheus-metrics-tokens']).toHaveLength(150);
  });
});

describe('test controls', () => {
  const control = (method: string, path: string, json?: unknown) => api.control?.(state, method, path, json, context) as Reply & { body: Body };

  it('make the next create end in ERROR, a named one in DEGRADED', () => {
    expect(control('POST', 'outcomes', { status: 'ERROR', kind: 'datastore' }).status).toBe(201);
    expect(control('POST', 'outcomes', { status: 'DEGRADED', name: 'special' }).status).toBe(201);
    const failing = call('POST', '/v1/datastores', datastoreBody('postgresql', { name: 'first' })).body.datastore;
    const normal = call('POST', '/v1/datastores', datastoreBody('postgresql', { name: 'second' })).body.datastore;
    const special = call('POST', '/v1/datastores', datastoreBody('postgresql', { name: 'special' })).body.datastore;
    expect(failing.status).toBe('PENDING_CREATE');
    later();
    expect(get(`/v1/datastores/${failing.id}`).body.datastore.status).toBe('ERROR');
    expect(get(`/v1/datastores/${normal.id}`).body.datastore.status).toBe('ACTIVE');
    expect(get(`/v1/datastores/${special.id}`).body.datastore.status).toBe('DEGRADED');
    expect(control('GET', 'outcomes').body).toEqual([]);
    // A datastore in ERROR takes no children.
    expect(message(call('POST', '/v1/users', { user: { datastore_id: failing.id, name: 'u', password: 'p' } }))).toMatch(/not ready \(status ERROR\)/);
  });

  it('limit a rule to an operation and count it down', () => {
    const ds = datastore();
    control('POST', 'outcomes', { status: 'ERROR', kind: 'user', operation: 'delete', count: 2 });
    const a = active('users', 'user', { datastore_id: ds, name: 'a', password: 'p' });
    const b = active('users', 'user', { datastore_id: ds, name: 'b', password: 'p' });
    const c = active('users', 'user', { datastore_id: ds, name: 'c', password: 'p' });
    for (const id of [a, b, c]) call('DELETE', `/v1/users/${id}`);
    later();
    expect([a, b, c].map((id) => get(`/v1/users/${id}`).body.user?.status ?? get(`/v1/users/${id}`).status)).toEqual(['ERROR', 'ERROR', 404]);
  });

  it('put a given object in a status now', () => {
    const ds = datastore();
    expect(control('PUT', `objects/${ds}`, { status: 'DEGRADED' }).body).toEqual({ kind: 'datastore', id: ds, status: 'DEGRADED' });
    expect(get(`/v1/datastores/${ds}`).body.datastore.status).toBe('DEGRADED');
    // A pending status set this way never ends: a wait on it times out.
    control('PUT', `objects/${ds}`, { status: 'PENDING_UPDATE' });
    later(1_000_000);
    expect(get(`/v1/datastores/${ds}`).body.datastore.status).toBe('PENDING_UPDATE');
    expect(control('PUT', `objects/${MISSING}`, { status: 'ERROR' }).status).toBe(404);
    expect(control('PUT', `objects/${ds}`, { status: 'GREAT' }).status).toBe(400);
  });

  it('hold every pending operation until released, then let each take its delay again', () => {
    expect(control('PUT', 'hold', { hold: true }).body).toEqual({ hold: true });
    const id = call('POST', '/v1/datastores', datastoreBody('postgresql')).body.datastore.id;
    later(10 * DELAY);
    expect(get(`/v1/datastores/${id}`).body.datastore.status).toBe('PENDING_CREATE');
    control('PUT', 'hold', { hold: false });
    expect(get(`/v1/datastores/${id}`).body.datastore.status).toBe('PENDING_CREATE');
    later();
    expect(get(`/v1/datastores/${id}`).body.datastore.status).toBe('ACTIVE');
    expect(control('GET', 'hold').body).toEqual({ hold: false });
    expect(control('PUT', 'hold', { hold: 'yes' }).status).toBe(400);
    expect(control('GET', 'nothing').status).toBe(404);
  });
});

describe('state', () => {
  it('is plain JSON: a saved and reloaded state carries on where it was', () => {
    const id = call('POST', '/v1/datastores', datastoreBody('postgresql')).body.datastore.id;
    state = JSON.parse(JSON.stringify(state)) as DbaasState;
    expect(get(`/v1/datastores/${id}`).body.datastore.status).toBe('PENDING_CREATE');
    later();
    state = JSON.parse(JSON.stringify(state)) as DbaasState;
    expect(get(`/v1/datastores/${id}`).body.datastore.status).toBe('ACTIVE');
  });

  it('owns /v1 and /identity/v3 and nothing else', () => {
    expect(api.key).toBe('dbaas');
    expect(['/v1/datastores', '/v1', '/identity/v3/auth/tokens'].every((p) => api.owns(p))).toBe(true);
    expect(['/api/v3/configure/database', '/api/v0/databases', '/private/legacy/authorizations', '/v10/x', '/ping'].some((p) => api.owns(p))).toBe(false);
  });
});

describe('validation messages', () => {
  /** Reads back a Python string literal: the quote it opens with, escapes, no bare closing quote inside. */
  function pyDecode(literal: string): string {
    const quote = literal[0];
    expect(["'", '"']).toContain(quote);
    expect(literal.at(-1)).toBe(quote);
    let out = '';
    for (let i = 1; i < literal.length - 1; i++) {
      const c = literal[i] as string;
      if (c === quote) throw new Error(`bare ${quote} inside ${literal}`);
      if (c !== '\\') {
        out += c;
        continue;
      }
      const next = literal[++i] as string;
      if (next === 'x') {
        out += String.fromCharCode(parseInt(literal.slice(i + 1, i + 3), 16));
        i += 2;
      } else {
        out += ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[next] ?? next;
      }
    }
    return out;
  }

  it('quote strings as Python repr() does (checked against CPython 3)', () => {
    expect([`a'b`, 'a"b', `a'"b`, 'back\\slash', 'new\nline', '', '\u0001'].map(pyRepr)).toEqual([`"a'b"`, `'a"b'`, `'a\\'"b'`, `'back\\\\slash'`, `'new\\nline'`, `''`, `'\\x01'`]);
    expect(pyRepr([1, true, null, 'x'])).toBe("[1, True, None, 'x']");
  });

  it('write every string as a literal that reads back as itself', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (value) => pyDecode(pyRepr(value)) === value));
  });
});
