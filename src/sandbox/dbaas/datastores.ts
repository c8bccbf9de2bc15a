// `/v1/datastores…`: the clusters. Create (type, flavor by ID or by size, node count, subnet, config
// checked against the configuration-parameters catalog), get, list, rename, delete, and the
// sub-operations resize (POST), config, firewall, pooler, backups and password (PUT). Every change is
// asynchronous: PENDING_CREATE / PENDING_UPDATE / RESIZING / PENDING_DELETE, then its end.

import { randomUUID } from 'node:crypto';
import type { ApiRequest, Reply } from '../api.js';
import { catalog, engineOf, typeLabel, type Engine, type ParameterValue } from './catalog.js';
import { NO_CONTENT, filtered, findMine, invalid, mine, noRoute, notAllowed, notFound, ok, readBody, requireActive, taken, type Scope } from './shared.js';
import { UUID_STRING, pyRepr, type Schema } from './schema.js';
import { begin, statusOf, timestamp, type StoredDatastore, type StoredInstance } from './state.js';

const POOLER_MODES = ['session', 'transaction', 'statement'] as const;
const POOLER: Schema = { type: 'object', properties: { mode: { type: 'string', enum: POOLER_MODES }, size: { type: 'integer', minimum: 1, maximum: 500 } } };
const SIZE = { vcpus: { type: 'integer', minimum: 1 }, ram: { type: 'integer', minimum: 1 }, disk: { type: 'integer', minimum: 0 } } as const;

const CREATE: Schema = {
  type: 'object',
  required: ['name', 'type_id', 'subnet_id', 'node_count'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[A-Za-z0-9_-]*$' },
    type_id: UUID_STRING,
    subnet_id: UUID_STRING,
    node_count: { type: 'integer', minimum: 1 },
    flavor_id: UUID_STRING,
    flavor: { type: 'object', required: ['vcpus', 'ram', 'disk'], properties: { ...SIZE, disk_type: { type: 'string', enum: ['local', 'network-ultra'] } } },
    disk: { type: 'object', required: ['size'], properties: { type: { type: 'string', enum: ['local', 'network-ultra'] }, size: { type: 'integer', minimum: 1 } } },
    floating_ips: { type: 'object', properties: { master: { type: 'integer', minimum: 0 }, replica: { type: 'integer', minimum: 0 } } },
    pooler: POOLER,
    restore: { type: 'object', required: ['datastore_id'], properties: { datastore_id: UUID_STRING, target_time: { type: 'string' } } },
    redis_password: { type: 'string', minLength: 1, maxLength: 255 },
    backup_retention_days: { type: 'integer', minimum: 1 },
    config: { type: 'object', open: true },
    project_id: UUID_STRING,
    security_groups: { type: 'array', items: UUID_STRING },
    log_platform: { type: 'object', properties: { log_group: { type: 'string' } } },
  },
};
const RENAME: Schema = { type: 'object', properties: { name: { type: 'string', minLength: 1, maxLength: 255 } } };
const RESIZE: Schema = {
  type: 'object',
  properties: {
    node_count: { type: 'integer', minimum: 1 },
    flavor_id: UUID_STRING,
    flavor: { type: 'object', required: ['vcpus', 'ram', 'disk'], properties: SIZE },
    disk: { type: 'object', required: ['size'], properties: { size: { type: 'integer', minimum: 1 } } },
  },
};
const CONFIG: Schema = { type: 'object', open: true };
const FIREWALL: Schema = { type: 'object', required: ['ips'], properties: { ips: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 255 } } } };
const BACKUPS: Schema = { type: 'object', properties: { backup_retention_days: { type: 'integer', minimum: 1 } } };
const PASSWORD: Schema = { type: 'object', required: ['redis_password'], properties: { redis_password: { type: 'string', minLength: 1, maxLength: 255 } } };

const DATASTORE_FILTERS = ['id', 'project_id', 'name', 'status', 'enabled', 'type_id', 'flavor_id', 'subnet_id', 'allow_restore', 'is_maintenance', 'is_protected'] as const;

const DEFAULT_POOLER = { mode: 'session', size: 30 };
const DEFAULT_RETENTION_DAYS = 7;

export function handleDatastores(scope: Scope, request: ApiRequest, rest: string[]): Reply {
  const [id, operation, ...extra] = rest;
  const method = request.method;
  if (extra.length > 0) return noRoute();
  if (id === undefined) {
    if (method === 'GET') return list(scope, request.url.searchParams);
    if (method === 'POST') return create(scope, request);
    return notAllowed();
  }
  const datastore = findMine(scope, scope.state.datastores, 'datastore', id);
  if (operation === undefined) {
    if (method === 'GET') return ok('datastore', view(scope, datastore));
    if (method === 'PUT') return rename(scope, datastore, request);
    if (method === 'DELETE') return remove(scope, datastore);
    return notAllowed();
  }
  if (operation === 'resize') return method === 'POST' ? resize(scope, datastore, request) : notAllowed();
  const update = UPDATES[operation];
  if (!update) return noRoute();
  if (method !== 'PUT') return notAllowed();
  const input = readBody(request, update.envelope, update.schema);
  if (update.only) requireEngine(datastore, update.only.engines, update.only.what, update.only.allowed);
  requireActive('datastore', datastore);
  update.apply(datastore, input);
  begin(scope.state, 'datastore', datastore, 'update', 'PENDING_UPDATE', scope.now);
  return ok('datastore', view(scope, datastore));
}

function list(scope: Scope, query: URLSearchParams): Reply {
  // Deleted datastores are gone from the sandbox, so `deleted=true` finds none.
  const deleted = query.get('deleted');
  const views = deleted !== null && deleted.toLowerCase() === 'true' ? [] : mine(scope, scope.state.datastores).map((d) => view(scope, d));
  return ok('datastores', filtered(views, query, DATASTORE_FILTERS));
}

function create(scope: Scope, request: ApiRequest): Reply {
  const input = readBody(request, 'datastore', CREATE);
  if ((input.flavor_id === undefined) === (input.flavor === undefined)) throw invalid('exactly one of flavor_id and flavor is required.');
  const typeId = input.type_id as string;
  const engine = engineOf(typeId);
  if (!engine) throw notFound('datastoretype', typeId);
  const flavor = resolveFlavor(typeId, input.flavor_id as string | undefined, input.flavor as Size | undefined);
  if (engine === 'redis' && input.redis_password === undefined) throw invalid(new Map([['datastore', "'redis_password' is a required property for Redis"]]));
  if (engine !== 'redis' && input.redis_password !== undefined) throw invalid(new Map([['datastore.redis_password', `redis_password applies to Redis only, not ${typeLabel(typeId)}`]]));
  if (input.pooler !== undefined && engine !== 'postgresql') throw invalid(new Map([['datastore.pooler', `the pooler applies to PostgreSQL only, not ${typeLabel(typeId)}`]]));
  const config = (input.config ?? {}) as Record<string, unknown>;
  const configFailures = checkConfig(typeId, config, 'datastore.config', false);
  if (configFailures.size > 0) throw invalid(configFailures);
  const restore = input.restore as StoredDatastore['restore'] | undefined;
  if (restore) findMine(scope, scope.state.datastores, 'datastore', restore.datastore_id);
  const name = input.name as string;
  if (mine(scope, scope.state.datastores).some((d) => d.name === name)) throw taken(`datastore with name "${name}"`);

  const id = randomUUID();
  const nodeCount = input.node_count as number;
  const floatingIps = (input.floating_ips ?? null) as StoredDatastore['floating_ips'];
  const requested = input.flavor as (Size & { disk_type?: string }) | undefined;
  const datastore: StoredDatastore = {
    id,
    project_id: scope.project,
    created_at: scope.now,
    updated_at: scope.now,
    creation_finished_at: null,
    status: 'PENDING_CREATE',
    name,
    type_id: typeId,
    subnet_id: input.subnet_id as string,
    flavor_id: flavor.id,
    flavor: { vcpus: flavor.vcpus, ram: flavor.ram, disk: flavor.disk, ...(requested?.disk_type ? { disk_type: requested.disk_type } : {}) },
    node_count: nodeCount,
    disk: (input.disk ?? null) as StoredDatastore['disk'],
    instances: instances([], nodeCount, floatingIps),
    pooler: engine === 'postgresql' ? { ...DEFAULT_POOLER, ...(input.pooler as object | undefined) } : null,
    firewall: [],
    config: config as Record<string, ParameterValue>,
    backup_retention_days: (input.backup_retention_days as number | undefined) ?? DEFAULT_RETENTION_DAYS,
    floating_ips: floatingIps,
    security_groups: (input.security_groups ?? []) as string[],
    log_platform: (input.log_platform ?? null) as StoredDatastore['log_platform'],
    restore: restore ?? null,
  };
  scope.state.datastores.push(datastore);
  begin(scope.state, 'datastore', datastore, 'create', 'PENDING_CREATE', scope.now);
  return ok('datastore', view(scope, datastore));
}

function rename(scope: Scope, datastore: StoredDatastore, request: ApiRequest): Reply {
  const input = readBody(request, 'datastore', RENAME);
  requireActive('datastore', datastore);
  const name = input.name as string | undefined;
  if (name === undefined) return ok('datastore', view(scope, datastore));
  if (mine(scope, scope.state.datastores).some((d) => d.name === name && d.id !== datastore.id)) throw taken(`datastore with name "${name}"`);
  datastore.name = name;
  begin(scope.state, 'datastore', datastore, 'update', 'PENDING_UPDATE', scope.now);
  return ok('datastore', view(scope, datastore));
}

function remove(scope: Scope, datastore: StoredDatastore): Reply {
  if (statusOf(datastore) === 'PENDING_DELETE') throw invalid(`datastore ${datastore.id} is already being deleted.`);
  begin(scope.state, 'datastore', datastore, 'delete', 'PENDING_DELETE', scope.now);
  return NO_CONTENT;
}

function resize(scope: Scope, datastore: StoredDatastore, request: ApiRequest): Reply {
  const input = readBody(request, 'resize', RESIZE);
  if (input.flavor_id !== undefined && input.flavor !== undefined) throw invalid('give either flavor_id or flavor, not both.');
  if (Object.keys(input).length === 0) throw invalid('nothing to resize: give node_count, flavor_id, flavor or disk.');
  requireActive('datastore', datastore);
  const flavor = input.flavor_id !== undefined || input.flavor !== undefined
    ? resolveFlavor(datastore.type_id, input.flavor_id as string | undefined, input.flavor as Size | undefined)
    : undefined;
  const disk = input.disk as { size: number } | undefined;
  const current = datastore.disk?.size;
  if (disk && current !== undefined && disk.size < current) throw invalid(new Map([['resize.disk.size', `${disk.size} is less than the current size of ${current}; a disk can only grow`]]));
  const nodeCount = (input.node_count as number | undefined) ?? datastore.node_count;
  const changes = nodeCount !== datastore.node_count || (flavor !== undefined && flavor.id !== datastore.flavor_id) || (disk !== undefined && disk.size !== current);
  if (!changes) throw invalid('datastore cannot be resized: it already has this size.');
  if (flavor) {
    datastore.flavor_id = flavor.id;
    datastore.flavor = { ...datastore.flavor, vcpus: flavor.vcpus, ram: flavor.ram, disk: flavor.disk };
  }
  if (disk) datastore.disk = { ...datastore.disk, size: disk.size };
  datastore.instances = instances(datastore.instances, nodeCount, datastore.floating_ips);
  datastore.node_count = nodeCount;
  begin(scope.state, 'datastore', datastore, 'update', 'RESIZING', scope.now);
  return ok('datastore', view(scope, datastore));
}

interface SubOperation {
  envelope: string;
  schema: Schema;
  /** Engine rule, checked before readiness: it will not change by waiting. */
  only?: { engines: Engine[]; what: string; allowed: string };
  apply(datastore: StoredDatastore, input: Record<string, unknown>): void;
}

const UPDATES: Record<string, SubOperation> = {
  config: {
    envelope: 'config',
    schema: CONFIG,
    apply(datastore, input) {
      const failures = checkConfig(datastore.type_id, input, 'config', true);
      if (failures.size > 0) throw invalid(failures);
      // A null resets the parameter to its default.
      for (const [name, value] of Object.entries(input)) {
        if (value === null) delete datastore.config[name];
        else datastore.config[name] = value as ParameterValue;
      }
    },
  },
  firewall: {
    envelope: 'firewall',
    schema: FIREWALL,
    apply(datastore, input) {
      datastore.firewall = [...new Set(input.ips as string[])];
    },
  },
  pooler: {
    envelope: 'pooler',
    schema: POOLER,
    only: { engines: ['postgresql'], what: 'the pooler', allowed: 'PostgreSQL' },
    apply(datastore, input) {
      datastore.pooler = { ...(datastore.pooler ?? DEFAULT_POOLER), ...input } as StoredDatastore['pooler'];
    },
  },
  backups: {
    envelope: 'backups',
    schema: BACKUPS,
    apply(datastore, input) {
      if (input.backup_retention_days !== undefined) datastore.backup_retention_days = input.backup_retention_days as number;
    },
  },
  password: {
    envelope: 'password',
    schema: PASSWORD,
    only: { engines: ['redis'], what: 'redis_password', allowed: 'Redis' },
    apply() {
      // The password itself is not kept: nothing in the sandbox reads it back.
    },
  },
};

function requireEngine(datastore: StoredDatastore, engines: Engine[], what: string, allowed: string): void {
  const engine = engineOf(datastore.type_id);
  if (!engine || !engines.includes(engine)) throw invalid(`${what} applies to ${allowed} only; datastore ${datastore.id} is ${typeLabel(datastore.type_id)}.`);
}

interface Size {
  vcpus: number;
  ram: number;
  disk: number;
}

function resolveFlavor(typeId: string, flavorId: string | undefined, size: Size | undefined) {
  const flavors = catalog().flavors;
  if (flavorId !== undefined) {
    const flavor = flavors.find((f) => f.id === flavorId);
    if (!flavor) throw notFound('flavor', flavorId);
    if (!flavor.datastore_type_ids.includes(typeId)) throw invalid(`flavor ${flavorId} is not available for ${typeLabel(typeId)}.`);
    return flavor;
  }
  const { vcpus, ram, disk } = size as Size;
  const flavor = flavors.find((f) => f.datastore_type_ids.includes(typeId) && f.vcpus === vcpus && f.ram === ram && f.disk === disk);
  if (!flavor) throw invalid(`no flavor with vcpus=${vcpus}, ram=${ram}, disk=${disk} for ${typeLabel(typeId)}; see /flavors.`);
  return flavor;
}

/** Checks parameter values against the catalog of the datastore's type; `null` (a reset) only where allowed. */
function checkConfig(typeId: string, config: Record<string, unknown>, path: string, allowNull: boolean): Map<string, string> {
  const failures = new Map<string, string>();
  const parameters = catalog().parameters.filter((p) => p.datastore_type_id === typeId);
  for (const [name, value] of Object.entries(config)) {
    const key = `${path}.${name}`;
    const parameter = parameters.find((p) => p.name === name);
    const fail = (message: string) => failures.set(key, message);
    if (!parameter) {
      fail(`${pyRepr(name)} is not a configuration parameter of ${typeLabel(typeId)}`);
    } else if (!parameter.is_changeable) {
      fail(`${pyRepr(name)} cannot be changed`);
    } else if (value === null && allowNull) {
      continue;
    } else if (!hasType(value, parameter.type)) {
      fail(`${pyRepr(value)} is not of type ${pyRepr(TYPE_NAMES[parameter.type])}`);
    } else if (parameter.choices && !parameter.choices.includes(value as string)) {
      fail(`${pyRepr(value)} is not one of ${pyRepr(parameter.choices)}`);
    } else if (parameter.min !== null && (value as number) < parameter.min) {
      fail(`${pyRepr(value)} is less than the minimum of ${parameter.min}`);
    } else if (parameter.max !== null && (value as number) > parameter.max) {
      fail(`${pyRepr(value)} is greater than the maximum of ${parameter.max}`);
    } else if (parameter.invalid_values?.includes(value as ParameterValue)) {
      fail(`${pyRepr(value)} is not an allowed value`);
    }
  }
  return failures;
}

const TYPE_NAMES = { int: 'integer', float: 'number', str: 'string', bool: 'boolean' } as const;

function hasType(value: unknown, type: keyof typeof TYPE_NAMES): boolean {
  if (type === 'int') return typeof value === 'number' && Number.isInteger(value);
  if (type === 'float') return typeof value === 'number';
  if (type === 'str') return typeof value === 'string';
  return typeof value === 'boolean';
}

/** Keeps the instances there are, adds replicas or drops the last ones to reach `count`. */
function instances(current: StoredInstance[], count: number, floating: StoredDatastore['floating_ips']): StoredInstance[] {
  const out = current.slice(0, count);
  for (let index = out.length; index < count; index++) {
    const wantsFloating = index === 0 ? (floating?.master ?? 0) > 0 : index <= (floating?.replica ?? 0);
    out.push({ id: randomUUID(), ip: `10.0.0.${10 + index}`, floating_ip: wantsFloating ? `203.0.113.${10 + index}` : 'None' });
  }
  return out;
}

function view(scope: Scope, d: StoredDatastore): Record<string, unknown> {
  const status = statusOf(d);
  const host = (role: string) => `${role}.${d.id}.c.dbaas.selcloud.org`;
  const connection: Record<string, string> = { MASTER: host('master'), master: host('master') };
  for (let replica = 1; replica < d.node_count; replica++) connection[`replica-${replica}`] = host(`replica-${replica}`);
  return {
    id: d.id,
    created_at: timestamp(d.created_at),
    updated_at: timestamp(d.updated_at),
    creation_finished_at: d.creation_finished_at === null ? null : timestamp(d.creation_finished_at),
    project_id: d.project_id,
    name: d.name,
    status,
    enabled: true,
    type_id: d.type_id,
    subnet_id: d.subnet_id,
    flavor_id: d.flavor_id,
    node_count: d.node_count,
    flavor: d.flavor,
    disk: d.disk,
    instances: d.instances.map((instance, index) => ({
      id: instance.id,
      ip: instance.ip,
      floating_ip: instance.floating_ip,
      role: index === 0 ? 'MASTER' : 'REPLICA',
      role_name: index === 0 ? 'master' : `replica-${index}`,
      status,
      hostname: `${instance.id}.ru-1.c.dbaas.selcloud.org`,
      availability_zone: 'ru-1a',
    })),
    connection,
    pooler: d.pooler,
    firewall: d.firewall.map((ip) => ({ ip })),
    security_groups: d.security_groups,
    log_platform: d.log_platform,
    config: d.config,
    databases_count: scope.state.databases.filter((db) => db.datastore_id === d.id).length,
    topics_count: scope.state.topics.filter((t) => t.datastore_id === d.id).length,
    disk_used: 0,
    backup_retention_days: d.backup_retention_days,
    floating_ips: d.floating_ips,
    allow_restore: true,
    is_maintenance: false,
    is_protected: false,
  };
}
