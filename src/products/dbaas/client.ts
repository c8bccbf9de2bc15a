// Client for Selectel Managed Databases API v1 (reference/selectel-dbaas.md): one method per operation a
// project-scoped token can call. Paths are relative to the server root the user gives; the API lives
// under /v1. Bodies go out in their envelope (`{"user": {…}}`) and answers are unwrapped from theirs.
// The API has no 409: a clash is a 400 whose message says so, which is turned into a conflict here.

import * as z from '../../api/shape.js';
import { ApiError, type HttpClient, type RequestSpec } from '../../api/http.js';
import { fetchValid, sameId, validate } from '../../api/validate.js';
import { ExitCode } from '../../errors.js';
import * as s from './schemas.js';

type Value = string | number | boolean | undefined;

export interface DatastoreFilter {
  id?: string;
  project_id?: string;
  name?: string;
  status?: string;
  enabled?: boolean;
  type_id?: string;
  flavor_id?: string;
  subnet_id?: string;
  allow_restore?: boolean;
  is_maintenance?: boolean;
  is_protected?: boolean;
  deleted?: boolean;
}

export interface DatabaseFilter { id?: string; project_id?: string; name?: string; datastore_id?: string; status?: string }
export type UserFilter = DatabaseFilter;
export type TopicFilter = DatabaseFilter;
export interface GrantFilter { id?: string; project_id?: string; datastore_id?: string; database_id?: string; user_id?: string; status?: string }
export interface AclFilter { id?: string; project_id?: string; datastore_id?: string; pattern?: string; pattern_type?: string; status?: string; user_id?: string }
export interface ExtensionFilter { id?: string; project_id?: string; available_extension_id?: string; datastore_id?: string; database_id?: string; status?: string }
export interface ReplicationSlotFilter { id?: string; project_id?: string; name?: string; datastore_id?: string; database_id?: string; status?: string; in_use?: boolean }
export interface MetricsTokenFilter { id?: string; project_id?: string; name?: string; value?: string }
export interface FlavorFilter { id?: string; name?: string; fl_size?: string }
export interface ConfigurationParameterFilter { id?: string; datastore_type_id?: string; name?: string; ram?: number; vcpus?: number; disk?: number }
export interface AvailableExtensionFilter { id?: string; name?: string; datastore_type_id?: string }

export interface FlavorSize { vcpus: number; ram: number; disk: number }
export interface PoolerSettings { mode?: 'session' | 'transaction' | 'statement'; size?: number }
export type ConfigValue = string | number | boolean;

export interface DatastoreCreate {
  name: string;
  type_id: string;
  subnet_id: string;
  node_count: number;
  /** Exactly one of flavor_id and flavor. */
  flavor_id?: string;
  flavor?: FlavorSize & { disk_type?: 'local' | 'network-ultra' };
  disk?: { type?: string; size: number };
  floating_ips?: { master?: number; replica?: number };
  pooler?: PoolerSettings;
  restore?: { datastore_id: string; target_time?: string };
  redis_password?: string;
  backup_retention_days?: number;
  config?: Record<string, ConfigValue>;
}

export interface DatastoreResize { node_count?: number; flavor_id?: string; flavor?: FlavorSize; disk?: { size: number } }
export interface DatabaseCreate { datastore_id: string; name: string; owner_id?: string; lc_collate?: string; lc_ctype?: string }
export interface UserCreate { datastore_id: string; name: string; password: string }
export interface GrantCreate { datastore_id: string; database_id: string; user_id: string }
export interface AclCreate { datastore_id: string; user_id: string; pattern_type: 'literal' | 'prefixed' | 'all'; pattern?: string; allow_read: boolean; allow_write: boolean }
export interface AclUpdate { allow_read?: boolean; allow_write?: boolean }
export interface TopicCreate { datastore_id: string; name: string; partitions: number }
export interface ExtensionCreate { datastore_id: string; database_id: string; available_extension_id: string }
export interface ReplicationSlotCreate { datastore_id: string; database_id: string; name: string }

interface Resource<S extends z.Shape<unknown>> {
  /** `/v1/{plural}`. */
  path: string;
  /** For messages: `reading user 123`, `listing users`. */
  noun: string;
  /** The envelope of one object (`{"user": {…}}`); its plural, of a listing. */
  singular: string;
  plural: string;
  item: S;
  one: z.Shape<unknown>;
  many: z.Shape<unknown>;
}

/** A resource of the API by its envelope name; the noun of messages is that name in words unless given. */
function resource<S extends z.Shape<unknown>>(singular: string, item: S, noun = singular.replace(/-/g, ' ')): Resource<S> {
  const plural = `${singular}s`;
  return { path: `/v1/${plural}`, noun, singular, plural, item, one: z.looseObject({ [singular]: item }), many: z.looseObject({ [plural]: z.array(item) }) };
}

const DATASTORES = resource('datastore', s.datastore);
const DATABASES = resource('database', s.database);
const USERS = resource('user', s.user);
const GRANTS = resource('grant', s.grant);
const ACLS = resource('acl', s.acl, 'ACL');
const TOPICS = resource('topic', s.topic);
const EXTENSIONS = resource('extension', s.extension);
const SLOTS = resource('logical-replication-slot', s.replicationSlot, 'replication slot');
const METRICS_TOKENS = resource('prometheus-metrics-token', s.metricsToken, 'metrics token');
const DATASTORE_TYPES = resource('datastore-type', s.datastoreType);
const FLAVORS = resource('flavor', s.flavor);
const PARAMETERS = resource('configuration-parameter', s.configurationParameter);
const AVAILABLE_EXTENSIONS = resource('available-extension', s.availableExtension);

const seg = encodeURIComponent;
const HINTS = {
  401: 'the token was refused or has expired; get a new one with `influxadm auth login --product dbaas`',
  403: 'the token is not scoped to this project, or the service user has no role in it',
};
/** A 400 that names a clash: the API has no 409 and says "… already exists" in its validation message. */
const CONFLICT = /already exists|is taken|already in use/i;

/** `http`, with a 400 that names a clash turned into a conflict. */
function withConflicts(http: HttpClient): Pick<HttpClient, 'send' | 'json'> {
  return {
    async send(spec) {
      try {
        return await http.send(spec);
      } catch (error) {
        if (error instanceof ApiError && error.status === 400 && CONFLICT.test(error.serverMessage ?? '')) {
          throw new ApiError(error.message, ExitCode.conflict, error.hint, error.status, error.serverMessage);
        }
        throw error;
      }
    },
    json: (spec, response) => http.json(spec, response),
  };
}

export class DbaasClient {
  private readonly http: Pick<HttpClient, 'send' | 'json'>;

  constructor(http: HttpClient) {
    this.http = withConflicts(http);
  }

  // Datastores

  listDatastores(filter: DatastoreFilter = {}): Promise<s.Datastore[]> {
    return this.list(DATASTORES, filter);
  }

  getDatastore(id: string): Promise<s.Datastore> {
    return this.get(DATASTORES, id);
  }

  createDatastore(body: DatastoreCreate): Promise<s.Datastore> {
    return this.create(DATASTORES, body, `creating datastore "${body.name}"`);
  }

  renameDatastore(id: string, name: string): Promise<s.Datastore> {
    return this.datastoreUpdate('PUT', id, '', 'datastore', { name }, `renaming datastore ${id} to "${name}"`);
  }

  deleteDatastore(id: string): Promise<void> {
    return this.delete(DATASTORES, id);
  }

  resizeDatastore(id: string, resize: DatastoreResize): Promise<s.Datastore> {
    return this.datastoreUpdate('POST', id, '/resize', 'resize', resize, `resizing datastore ${id}`);
  }

  /** Changes the given parameters; a null resets one to its default. */
  configureDatastore(id: string, config: Record<string, ConfigValue | null>): Promise<s.Datastore> {
    return this.datastoreUpdate('PUT', id, '/config', 'config', config, `changing the configuration of datastore ${id}`);
  }

  setDatastoreFirewall(id: string, ips: string[]): Promise<s.Datastore> {
    return this.datastoreUpdate('PUT', id, '/firewall', 'firewall', { ips }, `setting the firewall of datastore ${id}`);
  }

  setDatastorePooler(id: string, pooler: PoolerSettings): Promise<s.Datastore> {
    return this.datastoreUpdate('PUT', id, '/pooler', 'pooler', pooler, `setting the pooler of datastore ${id}`);
  }

  setDatastoreBackups(id: string, backupRetentionDays: number): Promise<s.Datastore> {
    return this.datastoreUpdate('PUT', id, '/backups', 'backups', { backup_retention_days: backupRetentionDays }, `setting the backup retention of datastore ${id}`);
  }

  setRedisPassword(id: string, password: string): Promise<s.Datastore> {
    return this.datastoreUpdate('PUT', id, '/password', 'password', { redis_password: password }, `setting the Redis password of datastore ${id}`);
  }

  // Databases (PostgreSQL, MySQL)

  listDatabases(filter: DatabaseFilter = {}): Promise<s.Database[]> {
    return this.list(DATABASES, filter);
  }

  getDatabase(id: string): Promise<s.Database> {
    return this.get(DATABASES, id);
  }

  createDatabase(body: DatabaseCreate): Promise<s.Database> {
    return this.create(DATABASES, body, `creating database "${body.name}" in datastore ${body.datastore_id}`);
  }

  /** Changes the owner, the only thing about a database that can change (PostgreSQL). */
  updateDatabase(id: string, ownerId: string): Promise<s.Database> {
    return this.update(DATABASES, id, { owner_id: ownerId }, `changing the owner of database ${id}`);
  }

  deleteDatabase(id: string): Promise<void> {
    return this.delete(DATABASES, id);
  }

  // Users (PostgreSQL, MySQL, Kafka)

  listUsers(filter: UserFilter = {}): Promise<s.User[]> {
    return this.list(USERS, filter);
  }

  getUser(id: string): Promise<s.User> {
    return this.get(USERS, id);
  }

  createUser(body: UserCreate): Promise<s.User> {
    return this.create(USERS, body, `creating user "${body.name}" in datastore ${body.datastore_id}`);
  }

  /** Sets a new password, the only thing about a user that can change. */
  updateUser(id: string, password: string): Promise<s.User> {
    return this.update(USERS, id, { password }, `changing the password of user ${id}`);
  }

  deleteUser(id: string): Promise<void> {
    return this.delete(USERS, id);
  }

  // Grants (PostgreSQL, MySQL): no update

  listGrants(filter: GrantFilter = {}): Promise<s.Grant[]> {
    return this.list(GRANTS, filter);
  }

  getGrant(id: string): Promise<s.Grant> {
    return this.get(GRANTS, id);
  }

  createGrant(body: GrantCreate): Promise<s.Grant> {
    return this.create(GRANTS, body, `granting user ${body.user_id} access to database ${body.database_id}`);
  }

  deleteGrant(id: string): Promise<void> {
    return this.delete(GRANTS, id);
  }

  // ACLs (Kafka)

  listAcls(filter: AclFilter = {}): Promise<s.Acl[]> {
    return this.list(ACLS, filter);
  }

  getAcl(id: string): Promise<s.Acl> {
    return this.get(ACLS, id);
  }

  createAcl(body: AclCreate): Promise<s.Acl> {
    const target = body.pattern_type === 'all' ? 'all topics' : `${body.pattern_type} "${body.pattern ?? ''}"`;
    return this.create(ACLS, body, `creating an ACL for user ${body.user_id} on ${target}`);
  }

  updateAcl(id: string, flags: AclUpdate): Promise<s.Acl> {
    return this.update(ACLS, id, flags, `updating ACL ${id}`);
  }

  deleteAcl(id: string): Promise<void> {
    return this.delete(ACLS, id);
  }

  // Topics (Kafka)

  listTopics(filter: TopicFilter = {}): Promise<s.Topic[]> {
    return this.list(TOPICS, filter);
  }

  getTopic(id: string): Promise<s.Topic> {
    return this.get(TOPICS, id);
  }

  createTopic(body: TopicCreate): Promise<s.Topic> {
    return this.create(TOPICS, body, `creating topic "${body.name}" in datastore ${body.datastore_id}`);
  }

  /** Sets the number of partitions, the only thing about a topic that can change. */
  updateTopic(id: string, partitions: number): Promise<s.Topic> {
    return this.update(TOPICS, id, { partitions }, `changing the partitions of topic ${id} to ${partitions}`);
  }

  deleteTopic(id: string): Promise<void> {
    return this.delete(TOPICS, id);
  }

  // Extensions (PostgreSQL): no update

  listExtensions(filter: ExtensionFilter = {}): Promise<s.Extension[]> {
    return this.list(EXTENSIONS, filter);
  }

  getExtension(id: string): Promise<s.Extension> {
    return this.get(EXTENSIONS, id);
  }

  createExtension(body: ExtensionCreate): Promise<s.Extension> {
    return this.create(EXTENSIONS, body, `creating extension ${body.available_extension_id} in database ${body.database_id}`);
  }

  deleteExtension(id: string): Promise<void> {
    return this.delete(EXTENSIONS, id);
  }

  // Logical replication slots (PostgreSQL): no update

  listReplicationSlots(filter: ReplicationSlotFilter = {}): Promise<s.ReplicationSlot[]> {
    return this.list(SLOTS, filter);
  }

  getReplicationSlot(id: string): Promise<s.ReplicationSlot> {
    return this.get(SLOTS, id);
  }

  createReplicationSlot(body: ReplicationSlotCreate): Promise<s.ReplicationSlot> {
    return this.create(SLOTS, body, `creating replication slot "${body.name}" in database ${body.database_id}`);
  }

  deleteReplicationSlot(id: string): Promise<void> {
    return this.delete(SLOTS, id);
  }

  // Prometheus metrics tokens: synchronous; every answer carries the secret `value`

  async listMetricsTokens(filter: MetricsTokenFilter = {}): Promise<s.MetricsToken[]> {
    // The value is a secret: filtering by it here keeps it out of the URL, which --debug and proxies log.
    const { value, ...rest } = filter;
    const tokens = await this.list(METRICS_TOKENS, rest);
    return value === undefined ? tokens : tokens.filter((t) => t.value === value);
  }

  getMetricsToken(id: string): Promise<s.MetricsToken> {
    return this.get(METRICS_TOKENS, id);
  }

  createMetricsToken(name: string): Promise<s.MetricsToken> {
    return this.create(METRICS_TOKENS, { name }, `creating metrics token "${name}"`);
  }

  async renameMetricsToken(id: string, name: string): Promise<s.MetricsToken> {
    const spec: RequestSpec = { method: 'PUT', path: `${METRICS_TOKENS.path}/${seg(id)}`, body: { [METRICS_TOKENS.singular]: { name } }, what: `renaming metrics token ${id} to "${name}"`, hints: HINTS };
    const answer = this.http.json(spec, await this.http.send(spec));
    // The published docs wrap this answer; the official SDK reads it bare. Take either.
    const wrapped = typeof answer === 'object' && answer !== null && METRICS_TOKENS.singular in answer;
    return sameId(id, validate(s.metricsToken, wrapped ? (answer as Record<string, unknown>)[METRICS_TOKENS.singular] : answer, spec.what, true), spec.what, true);
  }

  deleteMetricsToken(id: string): Promise<void> {
    return this.delete(METRICS_TOKENS, id);
  }

  // Read-only catalogs

  listDatastoreTypes(): Promise<s.DatastoreType[]> {
    return this.list(DATASTORE_TYPES, {});
  }

  getDatastoreType(id: string): Promise<s.DatastoreType> {
    return this.get(DATASTORE_TYPES, id);
  }

  listFlavors(filter: FlavorFilter = {}): Promise<s.Flavor[]> {
    return this.list(FLAVORS, filter);
  }

  getFlavor(id: string): Promise<s.Flavor> {
    return this.get(FLAVORS, id);
  }

  listConfigurationParameters(filter: ConfigurationParameterFilter = {}): Promise<s.ConfigurationParameter[]> {
    return this.list(PARAMETERS, filter);
  }

  getConfigurationParameter(id: string): Promise<s.ConfigurationParameter> {
    return this.get(PARAMETERS, id);
  }

  listAvailableExtensions(filter: AvailableExtensionFilter = {}): Promise<s.AvailableExtension[]> {
    return this.list(AVAILABLE_EXTENSIONS, filter);
  }

  getAvailableExtension(id: string): Promise<s.AvailableExtension> {
    return this.get(AVAILABLE_EXTENSIONS, id);
  }

  // The shapes every operation shares

  private async list<S extends z.Shape<unknown>>(res: Resource<S>, filter: object): Promise<Array<z.Infer<S>>> {
    const spec: RequestSpec = { method: 'GET', path: res.path, query: query(filter as Record<string, Value>), what: `listing ${res.noun}s`, hints: HINTS };
    return (await fetchValid(this.http, res.many, spec) as Record<string, Array<z.Infer<S>>>)[res.plural] as Array<z.Infer<S>>;
  }

  /** One object by ID, checked to be the one asked for (a delete or an update by ID acts on what this returns). */
  private async get<S extends z.Shape<unknown>>(res: Resource<S>, id: string): Promise<z.Infer<S>> {
    const what = `reading ${res.noun} ${id}`;
    return sameId(id, await this.one(res, { method: 'GET', path: `${res.path}/${seg(id)}`, what, hints: HINTS }) as z.Infer<S> & { id: string }, what);
  }

  private create<S extends z.Shape<unknown>>(res: Resource<S>, body: object, what: string): Promise<z.Infer<S>> {
    return this.one(res, { method: 'POST', path: res.path, body: { [res.singular]: body }, what, hints: HINTS });
  }

  /** The answer checked to be the object changed: it is what gets printed and waited on. */
  private async update<S extends z.Shape<unknown>>(res: Resource<S>, id: string, body: object, what: string): Promise<z.Infer<S>> {
    return sameId(id, await this.one(res, { method: 'PUT', path: `${res.path}/${seg(id)}`, body: { [res.singular]: body }, what, hints: HINTS }) as z.Infer<S> & { id: string }, what, true);
  }

  private async delete(res: Resource<z.Shape<unknown>>, id: string): Promise<void> {
    await this.http.send({ method: 'DELETE', path: `${res.path}/${seg(id)}`, what: `deleting ${res.noun} ${id}`, hints: HINTS });
  }

  /** A datastore sub-operation: its own envelope in, the datastore out. */
  private async datastoreUpdate(method: 'PUT' | 'POST', id: string, suffix: string, envelope: string, body: object, what: string): Promise<s.Datastore> {
    return sameId(id, await this.one(DATASTORES, { method, path: `${DATASTORES.path}/${seg(id)}${suffix}`, body: { [envelope]: body }, what, hints: HINTS }), what, true);
  }

  private async one<S extends z.Shape<unknown>>(res: Resource<S>, spec: RequestSpec): Promise<z.Infer<S>> {
    return (await fetchValid(this.http, res.one, spec) as Record<string, z.Infer<S>>)[res.singular] as z.Infer<S>;
  }
}

function query(filter: Record<string, Value>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(filter)) if (value !== undefined) out[name] = String(value);
  return out;
}
