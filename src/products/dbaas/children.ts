// What lives inside a datastore: databases and users (PostgreSQL, MySQL; users also Kafka), grants of a
// user on a database, Kafka ACLs and topics, PostgreSQL extensions and logical replication slots. Each is
// found by name within its datastore (or by ID), created only when its datastore is ready, and waited
// for when asked.

import { asUsage, CliError, ExitCode, usageError } from '../../errors.js';
import type {
  AclOps, DatabaseOps, ExtensionOps, GrantOps, GrantRef, ReplicationSlotOps, TopicOps, UserOps, WaitOptions,
} from '../types.js';
import { checkIdentifier, checkLabel, checkPassword, checkTopicName, isId } from './inputs.js';
import type { DbaasClient } from './client.js';
import type { Kit, RemovalEntry, Tracked } from './kit.js';
import { exactlyOne, typeLabel } from './resolve.js';
import type * as s from './schemas.js';
import { aclColumns, databaseColumns, extensionColumns, grantColumns, slotColumns, namesOf, topicColumns, userColumns } from './views.js';

type Datastore = s.Datastore;

/**
 * Removes named children of one datastore: every name is looked up before anything is deleted (an
 * unknown one refuses the batch, unless missing ones are allowed: --ignore-not-found), then each is
 * deleted as the delete verb goes through them.
 */
async function removeNamed<T extends Tracked & { name: string }>(
  kit: Kit,
  datastoreRef: string | undefined,
  refs: readonly string[],
  options: { wait?: WaitOptions; missingAllowed?: boolean },
  named: { noun: string; find(datastore: Datastore, ref: string): Promise<T>; label(item: T, datastore: Datastore): string; read(id: string): Promise<T> },
  remove: (api: DbaasClient, id: string) => Promise<void>,
) {
  const datastore = await kit.ready(datastoreRef, options.wait);
  const items = await kit.entries(named.noun, refs, options.missingAllowed, async (ref) => {
    const item = await named.find(datastore, ref);
    return { label: named.label(item, datastore), item };
  });
  const api = await kit.client();
  return kit.removal(items, (id) => remove(api, id), named.read, options.wait);
}

/**
 * Finds `ref` (a name within `datastore`, or an ID) among `items`; checked against the name it asked for,
 * and an ID against the datastore it was given in, so that `--datastore` always means what it says.
 */
function pick<T extends { id: string; name: string; datastore_id: string }>(items: readonly T[], ref: string, what: string, datastore: Datastore | undefined): T {
  if (isId(ref)) {
    const byId = items.find((i) => i.id === ref && (datastore === undefined || i.datastore_id === datastore.id));
    if (!byId) throw new CliError(`no ${what} ${ref}${datastore ? ` in datastore "${datastore.name}"` : ''}`, ExitCode.notFound);
    return byId;
  }
  return exactlyOne(items.filter((i) => datastore === undefined || i.datastore_id === datastore.id), ref, what, datastore ? ` in datastore "${datastore.name}"` : '');
}

/** `ref` in `datastore`, asked of the API by its ID or by its name there, then checked by `pick`. */
async function findIn<T extends { id: string; name: string; datastore_id: string }>(
  kit: Kit,
  list: (api: DbaasClient, filter: { id?: string; datastore_id?: string; name?: string }) => Promise<T[]>,
  ref: string,
  what: string,
  datastore: Datastore,
): Promise<T> {
  const api = await kit.client();
  return pick(await list(api, isId(ref) ? { id: ref } : { datastore_id: datastore.id, name: ref }), ref, what, datastore);
}

const SQL_ENGINES = ['postgresql', 'mysql', 'mysql_native'];
/** The engines of reference/selectel-dbaas.md; a datastore of another (a newer one) is left to the server. */
const KNOWN_ENGINES = new Set([...SQL_ENGINES, 'redis', 'kafka']);
interface EngineRule {
  engines: readonly string[];
  /** What the engines have, for the message: `topics live in Kafka datastores only`. */
  says: string;
}
const livesIn = (kind: string, engines: readonly string[], text: string): EngineRule => ({ engines, says: `${kind} live in ${text} datastores only` });
/** Which engines each kind lives in, as the API's rules have them. */
const LIVES_IN = {
  databases: livesIn('databases', SQL_ENGINES, 'PostgreSQL and MySQL'),
  users: livesIn('users', [...SQL_ENGINES, 'kafka'], 'PostgreSQL, MySQL and Kafka'),
  grants: livesIn('grants', SQL_ENGINES, 'PostgreSQL and MySQL'),
  acls: livesIn('ACLs', ['kafka'], 'Kafka'),
  topics: livesIn('topics', ['kafka'], 'Kafka'),
  extensions: livesIn('extensions', ['postgresql'], 'PostgreSQL'),
  slots: livesIn('replication slots', ['postgresql'], 'PostgreSQL'),
  /** A MySQL database has no owner and no locales (lc_collate, lc_ctype). */
  databaseOwner: { engines: ['postgresql'], says: "a database's owner and locales are PostgreSQL's only" },
} satisfies Record<string, EngineRule>;

/**
 * Refuses, before anything is sent, what the engine of `datastore` does not have (a database in Kafka, a
 * topic in PostgreSQL, an owner in MySQL): the server would answer 400. The engine comes from the type
 * catalog.
 */
async function engineHas(kit: Kit, datastore: Datastore, rule: EngineRule): Promise<void> {
  const type = (await kit.resolve.datastoreTypes()).find((t) => t.id === datastore.type_id);
  if (!type || !KNOWN_ENGINES.has(type.engine) || rule.engines.includes(type.engine)) return;
  throw usageError(`datastore "${datastore.name}" is ${typeLabel(type)}: ${rule.says}`);
}

/**
 * The filters of a list with the status as the API writes it: its statuses are upper case and compared
 * exactly (by the server and again here), so `--status active` would match nothing, silently.
 */
function withApiStatus<F extends { status?: string }>(filters: F): F {
  return filters.status === undefined ? filters : { ...filters, status: filters.status.toUpperCase() };
}

const findUser = (kit: Kit, datastore: Datastore, ref: string) => findIn(kit, (api, filter) => api.listUsers(filter), ref, 'user', datastore);

/**
 * A user or database an operation names (an owner, a grant's pair, an ACL's user, an extension's or slot's
 * database), ACTIVE: the server refuses one that is still pending, so it is waited for with --wait and
 * refused before anything is sent without.
 */
const activeUser = (kit: Kit, user: s.User, wait: WaitOptions | undefined) => kit.active(`user "${user.name}"`, user, async (id) => (await kit.client()).getUser(id), wait);
const activeDatabase = (kit: Kit, database: s.Database, wait: WaitOptions | undefined) => kit.active(`database "${database.name}"`, database, async (id) => (await kit.client()).getDatabase(id), wait);

/** The users of a datastore (of every datastore without one): to find users by name, and to name them in tables. */
const usersIn = async (kit: Kit, datastoreId: string | undefined) => (await kit.client()).listUsers(datastoreId ? { datastore_id: datastoreId } : {});
/** The databases of a datastore (of every datastore without one), likewise. */
const databasesIn = async (kit: Kit, datastoreId: string | undefined) => (await kit.client()).listDatabases(datastoreId ? { datastore_id: datastoreId } : {});

export function databaseOps(kit: Kit): DatabaseOps {
  const read = async (id: string) => (await kit.client()).getDatabase(id);
  const name = (n: string, what = 'database name') => asUsage(() => checkIdentifier(n, what));
  const find = (datastore: Datastore, ref: string) => findIn(kit, (api, filter) => api.listDatabases(filter), ref, 'database', datastore);
  const columns = async (datastoreId?: string) => {
    const [datastores, users] = await Promise.all([kit.datastoreNames(), usersIn(kit, datastoreId)]);
    return databaseColumns(datastores, namesOf(users));
  };
  const shown = async (d: s.Database) => ({ item: d, columns: await columns(d.datastore_id), json: d, name: d.name, id: d.id });
  const label = (d: { name: string }, datastore: Datastore) => `database "${d.name}" in datastore "${datastore.name}"`;

  return {
    checkName: (n, what) => name(n, what),
    async list(given) {
      const options = withApiStatus(given);
      const datastore = options.datastore === undefined ? undefined : await kit.resolve.datastore(options.datastore);
      const api = await kit.client();
      const items = (await api.listDatabases({ datastore_id: datastore?.id, status: options.status }))
        .filter((d) => (datastore === undefined || d.datastore_id === datastore.id) && (options.status === undefined || d.status === options.status));
      return { items, columns: await columns(datastore?.id), json: (d) => d };
    },
    async create(spec, options = {}) {
      const dbName = name(spec.name);
      const datastore = await kit.ready(spec.datastore, options.wait);
      await engineHas(kit, datastore, LIVES_IN.databases);
      if (spec.owner !== undefined || spec.lcCollate !== undefined || spec.lcCtype !== undefined) await engineHas(kit, datastore, LIVES_IN.databaseOwner);
      const ownerId = spec.owner === undefined ? undefined : (await activeUser(kit, await findUser(kit, datastore, spec.owner), options.wait)).id;
      const api = await kit.client();
      const found = async () => (await api.listDatabases({ datastore_id: datastore.id, name: dbName })).find((d) => d.name === dbName && d.datastore_id === datastore.id);
      const created = await kit.create(label({ name: dbName }, datastore), found, () => api.createDatabase({
        datastore_id: datastore.id,
        name: dbName,
        ...(ownerId ? { owner_id: ownerId } : {}),
        ...(spec.lcCollate !== undefined ? { lc_collate: spec.lcCollate } : {}),
        ...(spec.lcCtype !== undefined ? { lc_ctype: spec.lcCtype } : {}),
      }), read, options.wait);
      return shown(created);
    },
    async update(ref, changes, options = {}) {
      if (changes.owner === undefined) throw usageError('nothing to update', 'pass --owner USER');
      const datastore = await kit.ready(options.datastore, options.wait);
      await engineHas(kit, datastore, LIVES_IN.databaseOwner);
      const database = await activeDatabase(kit, await find(datastore, ref), options.wait);
      const newOwner = await activeUser(kit, await findUser(kit, datastore, changes.owner), options.wait);
      const api = await kit.client();
      return shown(await kit.change(label(database, datastore), () => api.updateDatabase(database.id, newOwner.id), read, options.wait));
    },
    removal: (refs, options) => removeNamed(kit, options.datastore, refs, options, { noun: 'database', find, label, read }, (api, id) => api.deleteDatabase(id)),
  };
}

export function userOps(kit: Kit): UserOps {
  const read = async (id: string) => (await kit.client()).getUser(id);
  const find = (datastore: Datastore, ref: string) => findUser(kit, datastore, ref);
  const shown = async (u: s.User) => ({ item: u, columns: userColumns(await kit.datastoreNames()), json: u, name: u.name, id: u.id });
  const label = (u: { name: string }, datastore: Datastore) => `user "${u.name}" in datastore "${datastore.name}"`;
  const secret = async (password: () => Promise<string>) => {
    const value = await password();
    return asUsage(() => checkPassword(value));
  };

  return {
    checkPassword: (password) => asUsage(() => checkPassword(password)),
    async list(given) {
      const filters = withApiStatus(given);
      const datastore = filters.datastore === undefined ? undefined : await kit.resolve.datastore(filters.datastore);
      const api = await kit.client();
      const items = (await api.listUsers({ datastore_id: datastore?.id, name: filters.name, status: filters.status }))
        .filter((u) => (datastore === undefined || u.datastore_id === datastore.id) && (filters.name === undefined || u.name === filters.name)
          && (filters.status === undefined || u.status === filters.status));
      return { items, columns: userColumns(await kit.datastoreNames()), json: (u) => u };
    },
    async create(user, password, options = {}) {
      const userName = asUsage(() => checkIdentifier(user.name, 'user name'));
      const datastore = await kit.ready(user.datastore, options.wait);
      await engineHas(kit, datastore, LIVES_IN.users);
      const api = await kit.client();
      const found = async () => (await api.listUsers({ datastore_id: datastore.id, name: userName })).find((u) => u.name === userName && u.datastore_id === datastore.id);
      return shown(await kit.create(label({ name: userName }, datastore), found, async () => api.createUser({ datastore_id: datastore.id, name: userName, password: await secret(password) }), read, options.wait));
    },
    async update(user, password, options = {}) {
      const datastore = await kit.ready(user.datastore, options.wait);
      const current = await activeUser(kit, await find(datastore, user.name), options.wait);
      const value = await secret(password);
      const api = await kit.client();
      return shown(await kit.change(label(current, datastore), () => api.updateUser(current.id, value), read, options.wait));
    },
    removal: (datastoreRef, refs, options = {}) => removeNamed(kit, datastoreRef, refs, options, { noun: 'user', find, label, read }, (api, id) => api.deleteUser(id)),
  };
}

/** The users and databases of a datastore, read once for finding a grant's pair by name and for its table. */
interface Pairs {
  users: s.User[];
  databases: s.Database[];
}

export function grantOps(kit: Kit): GrantOps {
  const read = async (id: string) => (await kit.client()).getGrant(id);
  const pairsIn = async (datastoreId: string | undefined): Promise<Pairs> => {
    const [users, databases] = await Promise.all([usersIn(kit, datastoreId), databasesIn(kit, datastoreId)]);
    return { users, databases };
  };
  /** Columns naming users and databases: `pairs` when they were read already for this datastore. */
  const columns = async (datastoreId: string | undefined, pairs?: Pairs) => {
    const [{ users, databases }, datastores] = await Promise.all([pairs ?? pairsIn(datastoreId), kit.datastoreNames()]);
    return grantColumns(datastores, namesOf(users), namesOf(databases));
  };
  const shown = async (g: s.Grant, pairs?: Pairs) => ({ item: g, columns: await columns(g.datastore_id, pairs), json: g, name: g.id, id: g.id });
  const resolvePair = async (ref: GrantRef, datastore: Datastore) => {
    const pairs = await pairsIn(datastore.id);
    return { user: pick(pairs.users, ref.user, 'user', datastore), database: pick(pairs.databases, ref.database, 'database', datastore), pairs };
  };
  const label = (user: { name: string }, database: { name: string }) => `the grant of user "${user.name}" on database "${database.name}"`;

  return {
    async list(given) {
      const filters = withApiStatus(given);
      const datastore = filters.datastore === undefined ? undefined : await kit.resolve.datastore(filters.datastore);
      let userId: string | undefined;
      let databaseId: string | undefined;
      let pairs: Pairs | undefined;
      if (filters.user !== undefined || filters.database !== undefined) {
        if (!datastore) throw usageError('filtering by user or database names needs --datastore');
        pairs = await pairsIn(datastore.id);
        if (filters.user !== undefined) userId = pick(pairs.users, filters.user, 'user', datastore).id;
        if (filters.database !== undefined) databaseId = pick(pairs.databases, filters.database, 'database', datastore).id;
      }
      const api = await kit.client();
      const items = (await api.listGrants({ datastore_id: datastore?.id, user_id: userId, database_id: databaseId, status: filters.status }))
        .filter((g) => (datastore === undefined || g.datastore_id === datastore.id) && (userId === undefined || g.user_id === userId)
          && (databaseId === undefined || g.database_id === databaseId) && (filters.status === undefined || g.status === filters.status));
      return { items, columns: await columns(datastore?.id, pairs), json: (g) => g };
    },
    async create(ref, options = {}) {
      const datastore = await kit.ready(ref.datastore, options.wait);
      await engineHas(kit, datastore, LIVES_IN.grants);
      const pair = await resolvePair(ref, datastore);
      const [user, database] = [await activeUser(kit, pair.user, options.wait), await activeDatabase(kit, pair.database, options.wait)];
      const { pairs } = pair;
      const api = await kit.client();
      const found = async () => (await api.listGrants({ datastore_id: datastore.id, user_id: user.id, database_id: database.id }))
        .find((g) => g.user_id === user.id && g.database_id === database.id);
      return shown(await kit.create(label(user, database), found, () => api.createGrant({ datastore_id: datastore.id, user_id: user.id, database_id: database.id }), read, options.wait), pairs);
    },
    async removal(refs, options = {}) {
      const api = await kit.client();
      const items: Array<RemovalEntry<s.Grant>> = [];
      // --datastore with grant IDs: each grant must be in it, as a user or a database given by ID must be.
      let given: Datastore | undefined;
      for (const ref of refs) {
        if (typeof ref === 'string' && !isId(ref)) throw usageError(`"${ref}" is not a grant ID; name a grant by --user and --database`);
        // The datastore of a pair must be there (as for users and databases); what is in it may not be.
        const datastore = typeof ref === 'string' ? undefined : await kit.ready(ref.datastore, options.wait);
        if (typeof ref === 'string' && options.datastore !== undefined) given ??= await kit.ready(options.datastore, options.wait);
        try {
          if (typeof ref === 'string') {
            const grant = await api.getGrant(ref);
            if (given && grant.datastore_id !== given.id) throw new CliError(`no grant ${ref} in datastore "${given.name}"`, ExitCode.notFound);
            if (!given) await kit.ready(grant.datastore_id, options.wait);
            items.push({ key: ref, label: `grant ${ref}`, item: grant });
            continue;
          }
          const { user, database } = await resolvePair(ref, datastore!);
          const grant = (await api.listGrants({ datastore_id: datastore!.id, user_id: user.id, database_id: database.id }))
            .find((g) => g.user_id === user.id && g.database_id === database.id);
          if (!grant) throw new CliError(`user "${user.name}" has no grant on database "${database.name}"`, ExitCode.notFound);
          items.push({ key: `${user.name}@${database.name}`, label: label(user, database), item: grant });
        } catch (error) {
          // --ignore-not-found: an unknown grant ID, user or database, or a pair with no grant, is passed over.
          if (!options.missingAllowed || !(error instanceof CliError) || error.exitCode !== ExitCode.notFound) throw error;
          const key = typeof ref === 'string' ? ref : `${ref.user}@${ref.database}`;
          items.push({ key, label: typeof ref === 'string' ? `grant ${ref}` : label({ name: ref.user }, { name: ref.database }), missing: error });
        }
      }
      return kit.removal(items, (id) => api.deleteGrant(id), read, options.wait);
    },
  };
}

const PATTERN_TYPES = ['literal', 'prefixed', 'all'];

export function aclOps(kit: Kit): AclOps {
  const read = async (id: string) => (await kit.client()).getAcl(id);
  /** Columns naming users: `users` when they were read already for this datastore. */
  const columns = async (datastoreId: string | undefined, users?: s.User[]) => {
    const [userList, datastores] = await Promise.all([users ?? usersIn(kit, datastoreId), kit.datastoreNames()]);
    return aclColumns(datastores, namesOf(userList));
  };
  const shown = async (a: s.Acl, users?: s.User[]) => ({ item: a, columns: await columns(a.datastore_id, users), json: a, name: a.id, id: a.id });
  const byId = async (ref: string) => {
    if (!isId(ref)) throw usageError(`"${ref}" is not an ACL ID; see \`influxadm acl list\``);
    return (await kit.client()).getAcl(ref);
  };

  return {
    async list(given) {
      const filters = withApiStatus(given);
      const datastore = filters.datastore === undefined ? undefined : await kit.resolve.datastore(filters.datastore);
      let userId: string | undefined;
      let users: s.User[] | undefined;
      if (filters.user !== undefined) {
        if (!datastore) throw usageError('filtering by a user name needs --datastore');
        users = await usersIn(kit, datastore.id);
        userId = pick(users, filters.user, 'user', datastore).id;
      }
      const api = await kit.client();
      const items = (await api.listAcls({ datastore_id: datastore?.id, user_id: userId, pattern: filters.pattern, pattern_type: filters.patternType, status: filters.status }))
        .filter((a) => (datastore === undefined || a.datastore_id === datastore.id) && (userId === undefined || a.user_id === userId)
          && (filters.pattern === undefined || a.pattern === filters.pattern) && (filters.patternType === undefined || a.pattern_type === filters.patternType)
          && (filters.status === undefined || a.status === filters.status));
      return { items, columns: await columns(datastore?.id, users), json: (a) => a };
    },
    async create(spec, options = {}) {
      if (!PATTERN_TYPES.includes(spec.patternType)) throw usageError(`--pattern-type must be ${PATTERN_TYPES.join(', ')}, not "${spec.patternType}"`);
      if (spec.patternType === 'all' && spec.pattern !== undefined) throw usageError('--pattern-type all takes no --pattern (it covers every topic)');
      if (spec.patternType !== 'all' && spec.pattern === undefined) throw usageError(`--pattern-type ${spec.patternType} needs --pattern`);
      const pattern = spec.pattern === undefined ? undefined : asUsage(() => checkTopicName(spec.pattern!, 'topic pattern'));
      if (!spec.read && !spec.write) throw usageError('an ACL allows --read, --write or both');
      const datastore = await kit.ready(spec.datastore, options.wait);
      await engineHas(kit, datastore, LIVES_IN.acls);
      const users = await usersIn(kit, datastore.id);
      const user = await activeUser(kit, pick(users, spec.user, 'user', datastore), options.wait);
      const api = await kit.client();
      const found = async () => (await api.listAcls({ datastore_id: datastore.id, user_id: user.id, pattern_type: spec.patternType }))
        // An ACL on all topics has no pattern; the API may report it as null, absent or "".
        .find((a) => a.user_id === user.id && a.pattern_type === spec.patternType && (a.pattern || undefined) === pattern);
      const what = spec.patternType === 'all' ? 'all topics' : `${spec.patternType} "${pattern}"`;
      return shown(await kit.create(`the ACL of user "${user.name}" on ${what}`, found, () => api.createAcl({
        datastore_id: datastore.id, user_id: user.id, pattern_type: spec.patternType as 'literal', ...(pattern ? { pattern } : {}), allow_read: spec.read, allow_write: spec.write,
      }), read, options.wait), users);
    },
    async update(ref, change, options = {}) {
      if (change.read === undefined && change.write === undefined) throw usageError('nothing to update', 'pass --read/--no-read and/or --write/--no-write');
      const current = await byId(ref);
      const next = { allow_read: change.read ?? current.allow_read, allow_write: change.write ?? current.allow_write };
      if (!next.allow_read && !next.allow_write) throw usageError('an ACL allows reading, writing or both; to allow neither, delete it');
      await kit.ready(current.datastore_id, options.wait);
      await kit.active(`ACL ${current.id}`, current, read, options.wait);
      const api = await kit.client();
      return shown(await kit.change(`ACL ${current.id}`, () => api.updateAcl(current.id, next), read, options.wait));
    },
    async removal(refs, options = {}) {
      const items = await kit.entries('ACL', refs, options.missingAllowed, async (ref) => {
        const acl = await byId(ref);
        await kit.ready(acl.datastore_id, options.wait);
        return { label: `ACL ${ref}`, item: acl };
      });
      const api = await kit.client();
      return kit.removal(items, (id) => api.deleteAcl(id), read, options.wait);
    },
  };
}

export function topicOps(kit: Kit): TopicOps {
  const read = async (id: string) => (await kit.client()).getTopic(id);
  const shown = async (t: s.Topic) => ({ item: t, columns: topicColumns(await kit.datastoreNames()), json: t, name: t.name, id: t.id });
  const label = (t: { name: string }, datastore: Datastore) => `topic "${t.name}" in datastore "${datastore.name}"`;
  const partitions = (n: number) => {
    if (!Number.isInteger(n) || n < 1 || n > 4000) throw usageError(`a topic has 1 to 4000 partitions, not ${n}`);
    return n;
  };
  const find = (datastore: Datastore, ref: string) => findIn(kit, (api, filter) => api.listTopics(filter), ref, 'topic', datastore);

  return {
    async list(given) {
      const filters = withApiStatus(given);
      const datastore = filters.datastore === undefined ? undefined : await kit.resolve.datastore(filters.datastore);
      const api = await kit.client();
      const items = (await api.listTopics({ datastore_id: datastore?.id, name: filters.name, status: filters.status }))
        .filter((t) => (datastore === undefined || t.datastore_id === datastore.id) && (filters.name === undefined || t.name === filters.name)
          && (filters.status === undefined || t.status === filters.status));
      return { items, columns: topicColumns(await kit.datastoreNames()), json: (t) => t };
    },
    async create(topic, options = {}) {
      const topicName = asUsage(() => checkTopicName(topic.name));
      const count = partitions(topic.partitions);
      const datastore = await kit.ready(topic.datastore, options.wait);
      await engineHas(kit, datastore, LIVES_IN.topics);
      const api = await kit.client();
      const found = async () => (await api.listTopics({ datastore_id: datastore.id, name: topicName })).find((t) => t.name === topicName && t.datastore_id === datastore.id);
      return shown(await kit.create(label({ name: topicName }, datastore), found, () => api.createTopic({ datastore_id: datastore.id, name: topicName, partitions: count }), read, options.wait));
    },
    async update(topic, count, options = {}) {
      partitions(count);
      const datastore = await kit.ready(topic.datastore, options.wait);
      const found = await find(datastore, topic.name);
      const current = await kit.active(`topic "${found.name}"`, found, read, options.wait);
      if (count < current.partitions) throw usageError(`topic "${current.name}" has ${current.partitions} partitions; Kafka can add partitions but never remove them`);
      const api = await kit.client();
      return shown(await kit.change(label(current, datastore), () => api.updateTopic(current.id, count), read, options.wait));
    },
    removal: (datastoreRef, refs, options = {}) => removeNamed(kit, datastoreRef, refs, options, { noun: 'topic', find, label, read }, (api, id) => api.deleteTopic(id)),
  };
}

export function extensionOps(kit: Kit): ExtensionOps {
  const read = async (id: string) => (await kit.client()).getExtension(id);
  /** Columns naming databases: `databases` when they were read already for this datastore. */
  const columns = async (datastoreId: string | undefined, databases?: s.Database[]) => {
    const [databaseList, datastores, available] = await Promise.all([databases ?? databasesIn(kit, datastoreId), kit.datastoreNames(), kit.resolve.availableExtensions()]);
    return extensionColumns(datastores, namesOf(databaseList), namesOf(available));
  };
  const shown = async (e: s.Extension, databases?: s.Database[]) => ({ item: e, columns: await columns(e.datastore_id, databases), json: e, name: e.id, id: e.id });
  /** The datastore and database of an extension; `creating`, the datastore's engine must have extensions. */
  const place = async (datastoreRef: string | undefined, databaseRef: string | undefined, wait: WaitOptions | undefined, creating = false) => {
    if (databaseRef === undefined) throw usageError('which database? pass --database NAME|ID');
    const datastore = await kit.ready(datastoreRef, wait);
    if (creating) await engineHas(kit, datastore, LIVES_IN.extensions);
    const databases = await databasesIn(kit, datastore.id);
    return { datastore, database: pick(databases, databaseRef, 'database', datastore), databases };
  };
  const label = (name: string, database: { name: string }) => `extension "${name}" in database "${database.name}"`;

  return {
    async list(given) {
      const filters = withApiStatus(given);
      const datastore = filters.datastore === undefined ? undefined : await kit.resolve.datastore(filters.datastore);
      let databaseId: string | undefined;
      let databases: s.Database[] | undefined;
      if (filters.database !== undefined) {
        if (!datastore) throw usageError('filtering by a database name needs --datastore');
        databases = await databasesIn(kit, datastore.id);
        databaseId = pick(databases, filters.database, 'database', datastore).id;
      }
      const api = await kit.client();
      const items = (await api.listExtensions({ datastore_id: datastore?.id, database_id: databaseId, status: filters.status }))
        .filter((e) => (datastore === undefined || e.datastore_id === datastore.id) && (databaseId === undefined || e.database_id === databaseId)
          && (filters.status === undefined || e.status === filters.status));
      return { items, columns: await columns(datastore?.id, databases), json: (e) => e };
    },
    async create(extension, options = {}) {
      const { datastore, database: named, databases } = await place(extension.datastore, extension.database, options.wait, true);
      const database = await activeDatabase(kit, named, options.wait);
      const available = await kit.resolve.availableExtension(extension.name, datastore.type_id ?? undefined);
      const api = await kit.client();
      const found = async () => (await api.listExtensions({ database_id: database.id, available_extension_id: available.id }))
        .find((e) => e.database_id === database.id && e.available_extension_id === available.id);
      return shown(await kit.create(label(available.name, database), found, () => api.createExtension({ datastore_id: datastore.id, database_id: database.id, available_extension_id: available.id }), read, options.wait), databases);
    },
    async removal(where, refs, options = {}) {
      const { datastore, database } = await place(where.datastore, where.database, options.wait);
      const api = await kit.client();
      const installed = await api.listExtensions({ database_id: database.id });
      const items = await kit.entries('extension', refs, options.missingAllowed, async (ref) => {
        const available = await kit.resolve.availableExtension(ref, datastore.type_id ?? undefined);
        const extension = installed.find((e) => e.available_extension_id === available.id && e.database_id === database.id);
        if (!extension) throw new CliError(`extension "${available.name}" is not installed in database "${database.name}"`, ExitCode.notFound);
        return { label: label(available.name, database), item: extension };
      });
      return kit.removal(items, (id) => api.deleteExtension(id), read, options.wait);
    },
  };
}

export function replicationSlotOps(kit: Kit): ReplicationSlotOps {
  const read = async (id: string) => (await kit.client()).getReplicationSlot(id);
  /** Columns naming databases: `databases` when they were read already for this datastore. */
  const columns = async (datastoreId: string | undefined, databases?: s.Database[]) => {
    const [databaseList, datastores] = await Promise.all([databases ?? databasesIn(kit, datastoreId), kit.datastoreNames()]);
    return slotColumns(datastores, namesOf(databaseList));
  };
  const shown = async (r: s.ReplicationSlot, databases?: s.Database[]) => ({ item: r, columns: await columns(r.datastore_id, databases), json: r, name: r.name, id: r.id });
  const label = (r: { name: string }, datastore: Datastore) => `replication slot "${r.name}" in datastore "${datastore.name}"`;
  const find = (datastore: Datastore, ref: string) => findIn(kit, (api, filter) => api.listReplicationSlots(filter), ref, 'replication slot', datastore);

  return {
    async list(given) {
      const filters = withApiStatus(given);
      const datastore = filters.datastore === undefined ? undefined : await kit.resolve.datastore(filters.datastore);
      let databaseId: string | undefined;
      let databases: s.Database[] | undefined;
      if (filters.database !== undefined) {
        if (!datastore) throw usageError('filtering by a database name needs --datastore');
        databases = await databasesIn(kit, datastore.id);
        databaseId = pick(databases, filters.database, 'database', datastore).id;
      }
      const api = await kit.client();
      const items = (await api.listReplicationSlots({ datastore_id: datastore?.id, database_id: databaseId, name: filters.name, status: filters.status }))
        .filter((r) => (datastore === undefined || r.datastore_id === datastore.id) && (databaseId === undefined || r.database_id === databaseId)
          && (filters.name === undefined || r.name === filters.name) && (filters.status === undefined || r.status === filters.status));
      return { items, columns: await columns(datastore?.id, databases), json: (r) => r };
    },
    async create(slot, options = {}) {
      const slotName = asUsage(() => checkLabel(slot.name, 'replication slot name'));
      const datastore = await kit.ready(slot.datastore, options.wait);
      await engineHas(kit, datastore, LIVES_IN.slots);
      const databases = await databasesIn(kit, datastore.id);
      const database = await activeDatabase(kit, pick(databases, slot.database, 'database', datastore), options.wait);
      const api = await kit.client();
      const found = async () => (await api.listReplicationSlots({ datastore_id: datastore.id, name: slotName })).find((r) => r.name === slotName && r.datastore_id === datastore.id);
      return shown(await kit.create(label({ name: slotName }, datastore), found, () => api.createReplicationSlot({ datastore_id: datastore.id, database_id: database.id, name: slotName }), read, options.wait), databases);
    },
    removal: (datastoreRef, refs, options = {}) => removeNamed(kit, datastoreRef, refs, options, { noun: 'replication slot', find, label, read }, (api, id) => api.deleteReplicationSlot(id)),
  };
}
