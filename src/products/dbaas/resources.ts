// What plan/apply/export manage on Selectel Managed Databases: datastores, and the databases, users,
// grants, Kafka ACLs and topics inside them, each named by its datastore and its name (grants and ACLs by
// what they join). Every change finishes asynchronously: apply waits for each object to be ACTIVE before
// what depends on it is sent, so a file creates a datastore and its databases in one run. Passwords are
// create-only (the API never reports them): write `password: ${VAR}` so the file holds none.

import * as z from 'zod/mini';
import { choiceField, countField, flagField, nameField, removeOne, textField } from '../../apply/fields.js';
import { usageError } from '../../errors.js';
import { parseKeyValues } from '../../input/key-values.js';
import { printable, UUID } from '../../input/names.js';
import type { AclOps, DatabaseOps, DatastoreOps, DatastoreSpec, ExistingResource, GrantOps, ResourceField, ResourceItem, ResourceKind, TopicOps, UserOps, WaitOptions } from '../types.js';
import { checkDatastoreName, checkFirewallEntry, checkIdentifier, checkPassword, checkTopicName } from './inputs.js';
import type { Kit } from './kit.js';
import { findType, typeLabel } from './resolve.js';
import type * as s from './schemas.js';
import { namesOf } from './views.js';

/** How long apply waits for one object; a datastore can take many minutes. */
const WAIT: WaitOptions = { timeoutMs: 60 * 60 * 1000 };
const async = { wait: WAIT };

interface Ops {
  datastores: DatastoreOps;
  databases: DatabaseOps;
  users: UserOps;
  grants: GrantOps;
  acls: AclOps;
  topics: TopicOps;
}

const str = (value: unknown) => String(value);

/** `{key: value}` engine parameters; only the keys the file names are compared (the rest are the server's). */
function configField(): ResourceField {
  return {
    schema: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).check(z.describe('engine parameters, e.g. {max_connections: 200}; only those named are compared')),
    description: 'engine parameters, e.g. {max_connections: 200}; only those named are compared',
    change: 'update',
    canonical: (value: Record<string, unknown>) => {
      parseKeyValues(Object.entries(value).map(([k, v]) => `${k}=${String(v)}`), 'config');
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
    },
    satisfied: (wanted, current) => Object.entries(wanted as Record<string, string>).every(([k, v]) => sameConfigValue(v, (current as Record<string, unknown> | undefined)?.[k])),
  };
}

const NUMBER = /^-?\d+(\.\d+)?$/;
const BOOLEAN = { true: /^(true|on|1)$/i, false: /^(false|off|0)$/i };

/**
 * Whether the server holds the value the file names. The file writes a value as `--config` takes it, and
 * the server answers it typed by the parameter catalog: `off` is sent as false, `0.50` as 0.5, so comparing
 * their text would plan (and send) the same change on every run.
 */
function sameConfigValue(wanted: string, current: unknown): boolean {
  if (current === undefined || current === null) return false;
  const held = String(current);
  if (held === wanted) return true;
  if (NUMBER.test(held) && NUMBER.test(wanted.trim())) return Number(held) === Number(wanted);
  if (held === 'true' || held === 'false') return BOOLEAN[held].test(wanted);
  return false;
}

/**
 * A set of strings; what is sent must meet `check` (the flags' rule, which throws its own message), so a
 * file cannot send what they refuse. What the server holds already is compared as it is.
 */
function listOfStrings(description: string, change: ResourceField['change'], check: (value: string) => unknown): ResourceField {
  return {
    schema: z.array(z.string()).check(z.describe(description)),
    description,
    change,
    canonical: (values: string[]) => [...new Set(values)].sort(),
    checkToSend: (values: string[]) => values.forEach((value) => check(value)),
  };
}

export function dbaasResources(kit: Kit, ops: Ops): ResourceKind[] {
  const datastores: ResourceKind = {
    kind: 'datastores',
    noun: 'datastore',
    identity: ['name'],
    fields: {
      name: nameField('the datastore name', (name) => checkDatastoreName(name)),
      type: { ...textField('engine-version, e.g. postgresql-16; set when created', 'replace'), requiredToCreate: true },
      vcpus: { ...countField('vCPUs of its flavor (with ram and disk)', 1024, 'update'), requiredToCreate: true },
      ram: { ...countField('RAM of its flavor, MB', 16_777_216, 'update'), requiredToCreate: true },
      disk: { ...countField('disk of its flavor, GB', 1_048_576, 'update'), requiredToCreate: true },
      nodes: countField('number of nodes (default 1)', 100, 'update'),
      subnet: {
        ...textField('the subnet ID it lives in; set when created', 'replace'),
        requiredToCreate: true,
        // As --subnet: the API takes a subnet by its UUID only, and a name would be sent and refused.
        checkToSend: (value: string) => {
          if (!UUID.test(value)) throw new Error(`subnet "${printable(value)}" is not a subnet ID (a UUID); the subnets of the project are in the Selectel panel or \`openstack subnet list\``);
        },
      },
      config: configField(),
      backupRetentionDays: countField('days backups are kept', 3650, 'update'),
      firewall: listOfStrings('addresses or CIDR blocks allowed to connect', 'update', checkFirewallEntry),
      password: {
        schema: z.string().check(z.minLength(1), z.describe('Redis only, and required for it: its password, sent on create only and never compared or shown: write ${VAR}')),
        description: 'Redis only, and required for it: its password, sent on create only and never compared or shown: write ${VAR}',
        change: 'create',
        // A type named by its engine says it is Redis; one given by ID is known only from the catalog.
        requiredToCreate: (item) => typeof item.type === 'string' && /^redis/i.test(item.type),
        canonical: (value: string) => checkPassword(value),
      },
    },
    check(item) {
      const sized = ['vcpus', 'ram', 'disk'].filter((f) => item[f] !== undefined).length;
      if (sized > 0 && sized < 3) throw new Error('a flavor is given by all of vcpus, ram and disk');
      // A type given by its engine says whether it is Redis; one given by ID is known only from the catalog,
      // which apply reads when it creates the datastore.
      if (item.password !== undefined && typeof item.type === 'string' && !UUID.test(item.type) && !/^redis/i.test(item.type)) {
        throw new Error(`only a Redis datastore takes a password, and ${item.type} is not Redis`);
      }
    },
    async read(scope) {
      const [{ items }, types] = await Promise.all([ops.datastores.list({}), kit.resolve.datastoreTypes()]);
      // A file may name a type as create takes it (its ID, or an engine with one version); the server's type
      // is reported in the file's words when they name it, so that it is not a replace (a delete and a new,
      // empty datastore). Otherwise, and for export, as engine-version.
      const fileType = new Map(scope.wanted.map((w) => [w.name, w.type]));
      const typeOf = (d: s.Datastore & { type_id: string }) => {
        const spelled = fileType.get(d.name);
        if (typeof spelled === 'string' && findType(types, spelled)?.id === d.type_id) return spelled;
        const type = types.find((t) => t.id === d.type_id);
        return type ? typeLabel(type) : d.type_id;
      };
      return (items as s.Datastore[]).map((d): ExistingResource => ({
        item: {
          name: d.name,
          ...(d.type_id ? { type: typeOf(d as s.Datastore & { type_id: string }) } : {}),
          ...(d.flavor?.vcpus !== undefined ? { vcpus: d.flavor.vcpus, ram: d.flavor.ram, disk: d.flavor.disk } : {}),
          ...(d.node_count !== undefined ? { nodes: d.node_count } : {}),
          ...(d.subnet_id ? { subnet: d.subnet_id } : {}),
          ...(d.config ? { config: Object.fromEntries(Object.entries(d.config).map(([k, v]) => [k, String(v)])) } : {}),
          ...(d.backup_retention_days != null ? { backupRetentionDays: d.backup_retention_days } : {}),
          firewall: (d.firewall ?? []).map((f) => f.ip).sort(),
        },
        ref: d.id,
      }));
    },
    checkCreate: async (item) => ops.datastores.check(datastoreSpec(item)),
    async create(item) {
      await ops.datastores.create(datastoreSpec(item), async);
      if (item.firewall) await ops.datastores.firewall(str(item.name), { ips: item.firewall as string[] }, async);
      return {};
    },
    async update(existing, item, fields) {
      const ref = existing.ref!;
      const resize = fields.filter((f) => ['vcpus', 'ram', 'disk', 'nodes'].includes(f));
      if (resize.length > 0) {
        const flavor = ['vcpus', 'ram', 'disk'].some((f) => resize.includes(f))
          ? { vcpus: Number(item.vcpus ?? existing.item.vcpus), ram: Number(item.ram ?? existing.item.ram), disk: Number(item.disk ?? existing.item.disk) } : {};
        await ops.datastores.resize(ref, { ...flavor, ...(resize.includes('nodes') ? { nodes: Number(item.nodes) } : {}) }, async);
      }
      if (fields.includes('config')) await ops.datastores.configure(ref, { set: item.config as Record<string, string>, reset: [] }, async);
      if (fields.includes('backupRetentionDays')) await ops.datastores.backups(ref, Number(item.backupRetentionDays), async);
      if (fields.includes('firewall')) await ops.datastores.firewall(ref, { ips: item.firewall as string[] }, async);
    },
    remove: (existing) => removeOne(ops.datastores.removal([existing.ref!], async)),
  };

  const inDatastore = (what: string, check: (name: string) => unknown) => ({
    datastore: nameField('the datastore it lives in', (name) => checkDatastoreName(name)),
    name: nameField(what, check),
  });
  const onDatastore = (item: ResourceItem) => [{ kind: 'datastores', identity: [item.datastore] }];

  const databases: ResourceKind = {
    kind: 'databases',
    noun: 'database',
    identity: ['datastore', 'name'],
    fields: {
      ...inDatastore('the database name', (name) => checkIdentifier(name, 'database name')),
      owner: textField('the owning user (its name); changes in place', 'update'),
      lcCollate: textField('collation locale; set when created', 'replace'),
      lcCtype: textField('character classification locale; set when created', 'replace'),
    },
    dependsOn: (item) => [...onDatastore(item), ...(item.owner !== undefined ? [{ kind: 'users', identity: [item.datastore, item.owner] }] : [])],
    livesIn: onDatastore,
    async read() {
      const api = await kit.client();
      const [databaseList, names, users] = await Promise.all([api.listDatabases(), kit.datastoreNames(), api.listUsers()]);
      const userName = namesOf(users);
      return databaseList.map((d) => ({
        item: {
          datastore: names.get(d.datastore_id) ?? d.datastore_id,
          name: d.name,
          ...(d.owner_id ? { owner: userName.get(d.owner_id) ?? d.owner_id } : {}),
          ...(d.lc_collate ? { lcCollate: d.lc_collate } : {}),
          ...(d.lc_ctype ? { lcCtype: d.lc_ctype } : {}),
        },
        ref: d.id,
      }));
    },
    async create(item) {
      await ops.databases.create({
        name: str(item.name), datastore: str(item.datastore),
        ...(item.owner !== undefined ? { owner: str(item.owner) } : {}),
        ...(item.lcCollate !== undefined ? { lcCollate: str(item.lcCollate) } : {}),
        ...(item.lcCtype !== undefined ? { lcCtype: str(item.lcCtype) } : {}),
      }, async);
      return {};
    },
    async update(existing, item) {
      await ops.databases.update(existing.ref!, { owner: str(item.owner) }, { ...async, datastore: str(item.datastore) });
    },
    remove: (existing) => removeOne(ops.databases.removal([existing.ref!], { ...async, datastore: str(existing.item.datastore) })),
  };

  const users: ResourceKind = {
    kind: 'users',
    noun: 'user',
    identity: ['datastore', 'name'],
    fields: {
      ...inDatastore('the user name', (name) => checkIdentifier(name, 'user name')),
      password: {
        schema: z.string().check(z.minLength(1), z.describe('its password, sent on create only and never compared or shown: write ${VAR}')),
        description: 'its password, sent on create only and never compared or shown: write ${VAR}',
        change: 'create',
        requiredToCreate: true,
        canonical: (value: string) => checkPassword(value),
      },
    },
    dependsOn: onDatastore,
    livesIn: onDatastore,
    async read() {
      const [userList, names] = await Promise.all([(await kit.client()).listUsers(), kit.datastoreNames()]);
      return userList.map((u) => ({ item: { datastore: names.get(u.datastore_id) ?? u.datastore_id, name: u.name }, ref: u.id }));
    },
    async create(item) {
      await ops.users.create({ datastore: str(item.datastore), name: str(item.name) }, async () => str(item.password), async);
      return {};
    },
    remove: (existing) => removeOne(ops.users.removal(str(existing.item.datastore), [existing.ref!], async)),
  };

  const grants: ResourceKind = {
    kind: 'grants',
    noun: 'grant',
    identity: ['datastore', 'user', 'database'],
    fields: {
      datastore: nameField('the datastore', (name) => checkDatastoreName(name)),
      user: nameField('the user (its name)', (name) => checkIdentifier(name, 'user name')),
      database: nameField('the database (its name)', (name) => checkIdentifier(name, 'database name')),
    },
    dependsOn: (item) => [...onDatastore(item), { kind: 'users', identity: [item.datastore, item.user] }, { kind: 'databases', identity: [item.datastore, item.database] }],
    // A grant goes with its user or its database, not only with the datastore.
    livesIn: (item) => [...onDatastore(item), { kind: 'users', identity: [item.datastore, item.user] }, { kind: 'databases', identity: [item.datastore, item.database] }],
    async read() {
      const api = await kit.client();
      const [grantList, names, userList, databaseList] = await Promise.all([api.listGrants(), kit.datastoreNames(), api.listUsers(), api.listDatabases()]);
      const [userName, databaseName] = [namesOf(userList), namesOf(databaseList)];
      return grantList.map((g) => ({
        item: { datastore: names.get(g.datastore_id) ?? g.datastore_id, user: userName.get(g.user_id) ?? g.user_id, database: databaseName.get(g.database_id) ?? g.database_id },
        ref: g.id,
      }));
    },
    async create(item) {
      await ops.grants.create({ datastore: str(item.datastore), user: str(item.user), database: str(item.database) }, async);
      return {};
    },
    remove: (existing) => removeOne(ops.grants.removal([existing.ref!], async)),
  };

  const acls: ResourceKind = {
    kind: 'acls',
    noun: 'ACL',
    identity: ['datastore', 'user', 'patternType', 'pattern'],
    fields: {
      datastore: nameField('the Kafka datastore', (name) => checkDatastoreName(name)),
      user: nameField('the user (its name)', (name) => checkIdentifier(name, 'user name')),
      patternType: { ...choiceField('literal, prefixed or all (every topic)', ['literal', 'prefixed', 'all'], 'replace'), required: true },
      pattern: textField('a topic name or prefix (none with patternType all)', 'replace'),
      read: flagField('allows consuming', 'update'),
      write: flagField('allows producing', 'update'),
    },
    check(item) {
      if (item.patternType === 'all' && item.pattern !== undefined) throw new Error('patternType all takes no pattern');
      if (item.patternType !== 'all' && item.pattern === undefined) throw new Error(`patternType ${str(item.patternType)} needs a pattern`);
      if (item.pattern !== undefined) checkTopicName(str(item.pattern), 'topic pattern');
      // The API refuses an ACL that allows neither, to create or to update; and a flag left out of an update
      // is kept from the server, so only a file that makes one true is sure to be sendable.
      if (item.read !== true && item.write !== true) throw new Error('an ACL allows read, write or both: give read: true, write: true or both');
    },
    dependsOn: (item) => [...onDatastore(item), { kind: 'users', identity: [item.datastore, item.user] }],
    livesIn: (item) => [...onDatastore(item), { kind: 'users', identity: [item.datastore, item.user] }],
    async read() {
      const api = await kit.client();
      const [aclList, names, userList] = await Promise.all([api.listAcls(), kit.datastoreNames(), api.listUsers()]);
      const userName = namesOf(userList);
      return aclList.map((a) => ({
        item: {
          datastore: names.get(a.datastore_id) ?? a.datastore_id, user: userName.get(a.user_id) ?? a.user_id, patternType: a.pattern_type,
          ...(a.pattern ? { pattern: a.pattern } : {}), read: a.allow_read, write: a.allow_write,
        },
        ref: a.id,
      }));
    },
    async create(item) {
      await ops.acls.create({
        datastore: str(item.datastore), user: str(item.user), patternType: str(item.patternType),
        ...(item.pattern !== undefined ? { pattern: str(item.pattern) } : {}), read: item.read === true, write: item.write === true,
      }, async);
      return {};
    },
    async update(existing, item, fields) {
      await ops.acls.update(existing.ref!, { ...(fields.includes('read') ? { read: item.read === true } : {}), ...(fields.includes('write') ? { write: item.write === true } : {}) }, async);
    },
    remove: (existing) => removeOne(ops.acls.removal([existing.ref!], async)),
  };

  const topics: ResourceKind = {
    kind: 'topics',
    noun: 'topic',
    identity: ['datastore', 'name'],
    fields: {
      ...inDatastore('the topic name', (name) => checkTopicName(name)),
      partitions: countField('number of partitions (1–4000; only grows)', 4000, 'update'),
    },
    dependsOn: onDatastore,
    livesIn: onDatastore,
    async read() {
      const [topicList, names] = await Promise.all([(await kit.client()).listTopics(), kit.datastoreNames()]);
      return topicList.map((t) => ({ item: { datastore: names.get(t.datastore_id) ?? t.datastore_id, name: t.name, partitions: t.partitions }, ref: t.id }));
    },
    async create(item) {
      await ops.topics.create({ datastore: str(item.datastore), name: str(item.name), partitions: Number(item.partitions ?? 1) }, async);
      return {};
    },
    async update(existing, item) {
      await ops.topics.update({ datastore: str(item.datastore), name: existing.ref! }, Number(item.partitions), async);
    },
    remove: (existing) => removeOne(ops.topics.removal(str(existing.item.datastore), [existing.ref!], async)),
  };

  return [datastores, users, databases, grants, acls, topics];
}

/** What `datastore create` takes, from a file's datastore. */
function datastoreSpec(item: ResourceItem): DatastoreSpec {
  if (item.vcpus === undefined) throw usageError(`datastore "${str(item.name)}" needs vcpus, ram and disk to be created`);
  return {
    name: str(item.name), type: str(item.type), subnet: str(item.subnet), nodes: Number(item.nodes ?? 1),
    vcpus: Number(item.vcpus), ram: Number(item.ram), disk: Number(item.disk),
    ...(item.config ? { config: item.config as Record<string, string> } : {}),
    ...(item.backupRetentionDays !== undefined ? { backupRetentionDays: Number(item.backupRetentionDays) } : {}),
    ...(item.password !== undefined ? { password: async () => str(item.password) } : {}),
  };
}
