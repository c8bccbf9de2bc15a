// The objects that live in a datastore: databases, users, grants, ACLs, topics, extensions and logical
// replication slots. They share one life cycle (create → PENDING_CREATE, update → PENDING_UPDATE,
// delete → PENDING_DELETE, each then ends), one set of rules (the datastore's engine must have them,
// the datastore and every object referred to must be ACTIVE) and differ in their bodies and checks.

import { randomUUID } from 'node:crypto';
import type { ApiRequest, Reply } from '../api.js';
import { catalog, engineOf, typeLabel, type Engine } from './catalog.js';
import { NO_CONTENT, filtered, findMine, invalid, mine, noRoute, notAllowed, notFound, ok, readBody, requireActive, taken, type Scope } from './shared.js';
import { UUID_STRING, type Schema } from './schema.js';
import {
  begin, statusOf, timestamp,
  type Kind, type StoredAcl, type StoredDatabase, type StoredDatastore, type StoredExtension, type StoredGrant, type StoredSlot,
  type StoredTopic, type StoredUser, type Tracked,
} from './state.js';

interface Child extends Tracked {
  datastore_id: string;
  name?: string;
}

/** A kind of child as written below; its words follow from its kind (see `child`). */
interface ChildRules<T extends Child> {
  kind: Kind;
  engines: Engine[];
  enginesText: string;
  filters: readonly string[];
  list(scope: Scope): T[];
  create: { schema: Schema; build(scope: Scope, datastore: StoredDatastore, input: Record<string, unknown>): Omit<T, keyof Tracked | 'datastore_id'> };
  update?: { schema: Schema; apply(scope: Scope, object: T, input: Record<string, unknown>): void };
  /** A check before a delete, e.g. that nothing depends on the object. */
  beforeDelete?(scope: Scope, object: T): void;
  view(object: T): Record<string, unknown>;
}

interface ChildSpec<T extends Child> extends ChildRules<T> {
  /** The envelope of one object: the kind, `{"logical-replication-slot": {…}}`. */
  singular: string;
  /** The collection's path and list envelope: `/v1/logical-replication-slots`. */
  plural: string;
  /** The word of its 404 message: `logicalreplicationslot 123 not found.` */
  label: string;
}

/** The API names every child kind alike: the kind, its plural with an s, and its 404 word without dashes. */
function child<T extends Child>(rules: ChildRules<T>): ChildSpec<T> {
  return { ...rules, singular: rules.kind, plural: `${rules.kind}s`, label: rules.kind.replace(/-/g, '') };
}

const SQL_NAME: Schema = { type: 'string', minLength: 1, maxLength: 63, pattern: '^[A-Za-z_][A-Za-z0-9_]*$' };
const KAFKA_NAME = '^[a-zA-Z0-9\\._\\-]+$';
const PASSWORD: Schema = { type: 'string', minLength: 1, maxLength: 255 };
const SQL: Engine[] = ['postgresql', 'mysql', 'mysql_native'];

const base = (o: Child) => ({
  id: o.id,
  created_at: timestamp(o.created_at),
  updated_at: timestamp(o.updated_at),
  project_id: o.project_id,
  datastore_id: o.datastore_id,
});

/** A database or user of the same datastore, ready for use. */
function sibling<T extends Child>(scope: Scope, list: T[], label: string, id: string, datastore: StoredDatastore): T {
  const found = findMine(scope, list, label, id);
  if (found.datastore_id !== datastore.id) throw invalid(`${label} ${id} belongs to another datastore.`);
  requireActive(label, found);
  return found;
}

const databases = child<StoredDatabase>({
  kind: 'database',
  engines: SQL,
  enginesText: 'PostgreSQL and MySQL',
  filters: ['id', 'project_id', 'name', 'datastore_id', 'status'],
  list: (scope) => scope.state.databases,
  create: {
    schema: {
      type: 'object',
      required: ['datastore_id', 'name'],
      properties: { datastore_id: UUID_STRING, name: SQL_NAME, owner_id: UUID_STRING, lc_collate: { type: 'string' }, lc_ctype: { type: 'string' } },
    },
    build(scope, datastore, input) {
      const postgres = engineOf(datastore.type_id) === 'postgresql';
      const pgOnly = ['owner_id', 'lc_collate', 'lc_ctype'].filter((field) => input[field] !== undefined);
      if (!postgres && pgOnly.length > 0) throw invalid(`${pgOnly.join(', ')} apply to PostgreSQL only; datastore ${datastore.id} is ${typeLabel(datastore.type_id)}.`);
      const owner = input.owner_id === undefined ? null : sibling(scope, scope.state.users, 'user', input.owner_id as string, datastore).id;
      const name = input.name as string;
      if (scope.state.databases.some((d) => d.datastore_id === datastore.id && d.name === name)) throw taken(`database with name "${name}"`);
      return {
        name,
        owner_id: owner,
        lc_collate: postgres ? (input.lc_collate as string | undefined) ?? 'C' : null,
        lc_ctype: postgres ? (input.lc_ctype as string | undefined) ?? 'C' : null,
      };
    },
  },
  update: {
    schema: { type: 'object', required: ['owner_id'], properties: { owner_id: UUID_STRING } },
    apply(scope, database, input) {
      const datastore = findMine(scope, scope.state.datastores, 'datastore', database.datastore_id);
      if (engineOf(datastore.type_id) !== 'postgresql') throw invalid(`owner_id applies to PostgreSQL only; datastore ${datastore.id} is ${typeLabel(datastore.type_id)}.`);
      database.owner_id = sibling(scope, scope.state.users, 'user', input.owner_id as string, datastore).id;
    },
  },
  view: (d) => ({ ...base(d), name: d.name, owner_id: d.owner_id, lc_collate: d.lc_collate, lc_ctype: d.lc_ctype, status: statusOf(d) }),
});

const users = child<StoredUser>({
  kind: 'user',
  engines: [...SQL, 'kafka'],
  enginesText: 'PostgreSQL, MySQL and Kafka',
  filters: ['id', 'project_id', 'name', 'datastore_id', 'status'],
  list: (scope) => scope.state.users,
  create: {
    schema: { type: 'object', required: ['datastore_id', 'name', 'password'], properties: { datastore_id: UUID_STRING, name: SQL_NAME, password: PASSWORD } },
    build(scope, datastore, input) {
      // The password is not kept: the API never returns it and nothing in the sandbox checks it.
      const name = input.name as string;
      if (scope.state.users.some((u) => u.datastore_id === datastore.id && u.name === name)) throw taken(`user with name "${name}"`);
      return { name };
    },
  },
  update: {
    schema: { type: 'object', required: ['password'], properties: { password: PASSWORD } },
    apply() {
      // Only the password can change, and it is not kept.
    },
  },
  view: (u) => ({ ...base(u), name: u.name, status: statusOf(u) }),
});

const grants = child<StoredGrant>({
  kind: 'grant',
  engines: SQL,
  enginesText: 'PostgreSQL and MySQL',
  filters: ['id', 'project_id', 'datastore_id', 'database_id', 'user_id', 'status'],
  list: (scope) => scope.state.grants,
  create: {
    schema: { type: 'object', required: ['datastore_id', 'database_id', 'user_id'], properties: { datastore_id: UUID_STRING, database_id: UUID_STRING, user_id: UUID_STRING } },
    build(scope, datastore, input) {
      const database = sibling(scope, scope.state.databases, 'database', input.database_id as string, datastore);
      const user = sibling(scope, scope.state.users, 'user', input.user_id as string, datastore);
      if (scope.state.grants.some((g) => g.database_id === database.id && g.user_id === user.id)) throw taken(`a grant of database ${database.id} to user ${user.id}`);
      return { database_id: database.id, user_id: user.id };
    },
  },
  view: (g) => ({ ...base(g), database_id: g.database_id, user_id: g.user_id, status: statusOf(g) }),
});

const ACL_FLAGS = 'At least one of these fields (allow_read, allow_write) must be true';

const acls = child<StoredAcl>({
  kind: 'acl',
  engines: ['kafka'],
  enginesText: 'Kafka',
  filters: ['id', 'project_id', 'datastore_id', 'pattern', 'pattern_type', 'status', 'user_id'],
  list: (scope) => scope.state.acls,
  create: {
    schema: {
      type: 'object',
      required: ['allow_read', 'allow_write', 'datastore_id', 'pattern_type', 'user_id'],
      properties: {
        allow_read: { type: 'boolean' },
        allow_write: { type: 'boolean' },
        datastore_id: UUID_STRING,
        pattern: { type: 'string', maxLength: 249, pattern: KAFKA_NAME },
        pattern_type: { type: 'string', enum: ['literal', 'prefixed', 'all'] },
        user_id: UUID_STRING,
      },
    },
    build(scope, datastore, input) {
      const patternType = input.pattern_type as string;
      const pattern = (input.pattern as string | undefined) ?? null;
      if (patternType === 'all' && pattern !== null) throw invalid(new Map([['acl.pattern', "pattern must be skipped when pattern_type is 'all'"]]));
      if (patternType !== 'all' && pattern === null) throw invalid(new Map([['acl', `'pattern' is a required property when pattern_type is '${patternType}'`]]));
      if (input.allow_read !== true && input.allow_write !== true) throw invalid(ACL_FLAGS);
      const user = sibling(scope, scope.state.users, 'user', input.user_id as string, datastore);
      if (scope.state.acls.some((a) => a.user_id === user.id && a.pattern_type === patternType && a.pattern === pattern)) {
        throw taken(`an ACL of user ${user.id} for ${patternType}${pattern === null ? '' : ` "${pattern}"`}`);
      }
      return { user_id: user.id, pattern, pattern_type: patternType, allow_read: input.allow_read as boolean, allow_write: input.allow_write as boolean };
    },
  },
  update: {
    schema: { type: 'object', properties: { allow_read: { type: 'boolean' }, allow_write: { type: 'boolean' } } },
    apply(_scope, acl, input) {
      const read = (input.allow_read as boolean | undefined) ?? acl.allow_read;
      const write = (input.allow_write as boolean | undefined) ?? acl.allow_write;
      if (!read && !write) throw invalid(ACL_FLAGS);
      acl.allow_read = read;
      acl.allow_write = write;
    },
  },
  view: (a) => ({
    ...base(a), user_id: a.user_id, pattern: a.pattern, pattern_type: a.pattern_type, allow_read: a.allow_read, allow_write: a.allow_write, status: statusOf(a),
  }),
});

const PARTITIONS: Schema = { type: 'integer', minimum: 1, maximum: 4000 };

const topics = child<StoredTopic>({
  kind: 'topic',
  engines: ['kafka'],
  enginesText: 'Kafka',
  filters: ['id', 'project_id', 'name', 'datastore_id', 'status'],
  list: (scope) => scope.state.topics,
  create: {
    schema: {
      type: 'object',
      required: ['datastore_id', 'name', 'partitions'],
      properties: { datastore_id: UUID_STRING, name: { type: 'string', minLength: 1, maxLength: 249, pattern: KAFKA_NAME }, partitions: PARTITIONS },
    },
    build(scope, datastore, input) {
      const name = input.name as string;
      if (scope.state.topics.some((t) => t.datastore_id === datastore.id && t.name === name)) throw taken(`topic with name "${name}"`);
      return { name, partitions: input.partitions as number };
    },
  },
  update: {
    schema: { type: 'object', required: ['partitions'], properties: { partitions: PARTITIONS } },
    apply(_scope, topic, input) {
      // Kafka can add partitions to a topic but never remove them.
      const partitions = input.partitions as number;
      if (partitions < topic.partitions) throw invalid(new Map([['topic.partitions', `${partitions} is less than the current ${topic.partitions}; partitions can only be added`]]));
      topic.partitions = partitions;
    },
  },
  view: (t) => ({ ...base(t), name: t.name, partitions: t.partitions, status: statusOf(t) }),
});

const extensions = child<StoredExtension>({
  kind: 'extension',
  engines: ['postgresql'],
  enginesText: 'PostgreSQL',
  filters: ['id', 'project_id', 'available_extension_id', 'datastore_id', 'database_id', 'status'],
  list: (scope) => scope.state.extensions,
  create: {
    schema: {
      type: 'object',
      required: ['available_extension_id', 'database_id', 'datastore_id'],
      properties: { available_extension_id: UUID_STRING, database_id: UUID_STRING, datastore_id: UUID_STRING },
    },
    build(scope, datastore, input) {
      const available = catalog().extensions.find((e) => e.id === input.available_extension_id);
      if (!available) throw notFound('availableextension', input.available_extension_id as string);
      if (!available.datastore_type_ids.includes(datastore.type_id)) throw invalid(`extension ${available.name} is not available for ${typeLabel(datastore.type_id)}.`);
      const database = sibling(scope, scope.state.databases, 'database', input.database_id as string, datastore);
      const installed = scope.state.extensions.filter((e) => e.database_id === database.id && statusOf(e) !== 'PENDING_DELETE');
      if (installed.some((e) => e.available_extension_id === available.id)) throw taken(`extension ${available.name} in database ${database.id}`);
      const missing = available.dependency_ids.filter((id) => !installed.some((e) => e.available_extension_id === id));
      if (missing.length > 0) throw invalid(`extension ${available.name} needs ${extensionNames(missing)} in database ${database.id}; create ${missing.length === 1 ? 'it' : 'them'} first.`);
      return { database_id: database.id, available_extension_id: available.id };
    },
  },
  beforeDelete(scope, extension) {
    const dependents = scope.state.extensions.filter((e) => e.database_id === extension.database_id && e.id !== extension.id && statusOf(e) !== 'PENDING_DELETE'
      && catalog().extensions.find((a) => a.id === e.available_extension_id)?.dependency_ids.includes(extension.available_extension_id));
    if (dependents.length > 0) throw invalid(`extension ${extensionNames([extension.available_extension_id])} is needed by ${extensionNames(dependents.map((e) => e.available_extension_id))}; delete ${dependents.length === 1 ? 'it' : 'them'} first.`);
  },
  view: (e) => ({ ...base(e), database_id: e.database_id, available_extension_id: e.available_extension_id, status: statusOf(e) }),
});

function extensionNames(ids: string[]): string {
  return ids.map((id) => catalog().extensions.find((e) => e.id === id)?.name ?? id).join(', ');
}

const slots = child<StoredSlot>({
  kind: 'logical-replication-slot',
  engines: ['postgresql'],
  enginesText: 'PostgreSQL',
  filters: ['id', 'project_id', 'name', 'datastore_id', 'database_id', 'status', 'in_use'],
  list: (scope) => scope.state.slots,
  create: {
    schema: {
      type: 'object',
      required: ['name', 'datastore_id', 'database_id'],
      properties: { name: { type: 'string', minLength: 1, maxLength: 255 }, datastore_id: UUID_STRING, database_id: UUID_STRING },
    },
    build(scope, datastore, input) {
      const database = sibling(scope, scope.state.databases, 'database', input.database_id as string, datastore);
      const name = input.name as string;
      // Slot names are unique in a PostgreSQL cluster, not per database.
      if (scope.state.slots.some((s) => s.datastore_id === datastore.id && s.name === name)) throw taken(`logical replication slot with name "${name}"`);
      return { name, database_id: database.id, in_use: false };
    },
  },
  view: (s) => ({ ...base(s), name: s.name, database_id: s.database_id, in_use: s.in_use, status: statusOf(s) }),
});

export const CHILDREN: Record<string, ChildSpec<Child>> = Object.fromEntries(
  [databases, users, grants, acls, topics, extensions, slots].map((spec) => [spec.plural, spec as unknown as ChildSpec<Child>]),
);

export function handleChild(scope: Scope, spec: ChildSpec<Child>, request: ApiRequest, rest: string[]): Reply {
  const [id, ...extra] = rest;
  const method = request.method;
  if (extra.length > 0) return noRoute();
  if (id === undefined) {
    if (method === 'GET') return ok(spec.plural, filtered(mine(scope, spec.list(scope)).map(spec.view), request.url.searchParams, spec.filters));
    if (method === 'POST') return create(scope, spec, request);
    return notAllowed();
  }
  const object = findMine(scope, spec.list(scope), spec.label, id);
  if (method === 'GET') return ok(spec.singular, spec.view(object));
  if (method === 'PUT' && spec.update) {
    const input = readBody(request, spec.singular, spec.update.schema);
    readyDatastore(scope, spec, object.datastore_id);
    requireActive(spec.label, object);
    spec.update.apply(scope, object, input);
    begin(scope.state, spec.kind, object, 'update', 'PENDING_UPDATE', scope.now);
    return ok(spec.singular, spec.view(object));
  }
  if (method === 'DELETE') {
    readyDatastore(scope, spec, object.datastore_id);
    if (statusOf(object) === 'PENDING_DELETE') throw invalid(`${spec.label} ${object.id} is already being deleted.`);
    spec.beforeDelete?.(scope, object);
    begin(scope.state, spec.kind, object, 'delete', 'PENDING_DELETE', scope.now);
    return NO_CONTENT;
  }
  return notAllowed();
}

function create(scope: Scope, spec: ChildSpec<Child>, request: ApiRequest): Reply {
  const input = readBody(request, spec.singular, spec.create.schema);
  const datastore = readyDatastore(scope, spec, input.datastore_id as string);
  const object: Child = {
    id: randomUUID(),
    project_id: scope.project,
    created_at: scope.now,
    updated_at: scope.now,
    status: 'PENDING_CREATE',
    datastore_id: datastore.id,
    ...spec.create.build(scope, datastore, input),
  };
  spec.list(scope).push(object);
  begin(scope.state, spec.kind, object, 'create', 'PENDING_CREATE', scope.now);
  return ok(spec.singular, spec.view(object));
}

/** The datastore of a child operation: it must exist, have the engine, and be ACTIVE (in that order). */
function readyDatastore(scope: Scope, spec: ChildSpec<Child>, id: string): StoredDatastore {
  const datastore = findMine(scope, scope.state.datastores, 'datastore', id);
  const engine = engineOf(datastore.type_id);
  if (!engine || !spec.engines.includes(engine)) {
    throw invalid(`${spec.plural.replace(/-/g, ' ')} are supported by ${spec.enginesText} only; datastore ${datastore.id} is ${typeLabel(datastore.type_id)}.`);
  }
  requireActive('datastore', datastore);
  return datastore;
}
