// The contract between verbs and products. A verb parses the command line into the tool's common
// vocabulary (names, durations, permission sets, partition templates), asks the target's backend for the
// operation through one of the noun interfaces below, and renders what comes back. A backend turns the
// common vocabulary into its API's wire format, checks its own rules before anything is sent, and says how
// its objects look in tables and JSON. Types only: nothing here costs start-up.

import type { HttpClient } from '../api/http.js';
import type { Target } from '../config/resolve.js';
import type { Column } from '../format/output.js';
import type { CreatedSecret } from '../format/secret.js';
import type { PartitionTemplatePart } from '../input/partition-template.js';
import type { PermissionSet } from '../input/permission.js';
import type { Expiry } from '../input/expiry.js';
import type { ZodMiniType } from 'zod/mini';

/** What one product is, and which verbs and flags it has (static: read by --help, completion and checks). */
export interface ProductInfo {
  title: string;
  /** The server root when none is given; absent when the user must give one (or pick a region). */
  defaultHost?: string;
  /** Where the server is picked by region: the regions, and each one's server root. */
  regions?: readonly string[];
  hostOf?(region: string): string;
  /** Where service users get tokens (`auth login --user`): the identity service's default URL. */
  identityUrl?: string;
  /** The official environment variables honoured for this product, below influxadm's own. */
  env?: { host?: string; token?: string; tlsCa?: string; tlsNoVerify?: string; database?: string };
  /** The header that carries a credential. */
  authHeader(token: string): [name: string, value: string];
  /** verb → every command-line flag of that verb this product understands. */
  verbs: Readonly<Record<string, readonly string[]>>;
  /** Why a verb is missing, where there is something better to do instead. */
  advice?: Readonly<Record<string, string>>;
}

/** One folder under src/products: the products it serves and its backend, loaded only when used. */
export interface Family<P extends string = string> {
  products: Readonly<Record<P, ProductInfo>>;
  load(): Promise<{ createBackend(session: Session): Backend }>;
  /** How to tell, from the server itself, which of these products a host is (when none was given). */
  detection?: {
    /** The product whose credentials and header the question is asked with. */
    as: P;
    detect(http: HttpClient, debug: (line: string) => void): Promise<P | undefined>;
  };
}

/** What a backend gets: where to go, and an HTTP client that is opened (token found) on first use only. */
export interface Session {
  target: Target;
  env: NodeJS.ProcessEnv;
  /** Resolves the token and opens the client the first time; nothing is sent before a request is made. */
  http(options?: { tokenOptional?: boolean }): Promise<HttpClient>;
  /** A client for another server of the product (an identity service), with no credential of its own. */
  httpFor(baseUrl: string, options: { secrets: string[] }): Promise<HttpClient>;
  debug(line: string): void;
  /** A remark for the user on stderr (never data). */
  notice(line: string): void;
}

/** A list ready to print: the items, the columns a table shows, and each item's JSON. */
export interface Listing<R = any> {
  items: R[];
  columns: ReadonlyArray<Column<R>>;
  json(item: R): unknown;
}

/** One object ready to print, with its name (and ID, when the server gave one) for messages. */
export interface Shown<R = any> {
  item: R;
  columns: ReadonlyArray<Column<R>>;
  json: unknown;
  name: string;
  id?: string;
}

/**
 * A destructive batch. Backends check every name and open their client (find the token) before they hand
 * it out, so bad input and a missing token fail before anyone is asked to confirm.
 */
export interface Removal {
  /** The names or IDs, checked and without duplicates. */
  names: string[];
  /** How one item is named in messages: `token 5f3c…`, `token "ci"`. */
  label(name: string): string;
  /** The verb of the success line: `deleted`, `revoked`. */
  verb?: string;
  /** The confirmation question when it differs from the verb's own. */
  question?: string;
  /**
   * The question with the objects named as people know them (a token's description, not only its ID),
   * where that takes a request: asked for only when there is someone to ask.
   */
  describe?(): Promise<string>;
  remove(name: string): Promise<void>;
}

/** Whether a server accepts the credential, by its cheapest authenticated read. */
export type Verdict = 'accepted' | 'rejected' | 'unreachable' | 'not checked';

export interface Backend {
  databases?: DatabaseOps;
  tables?: TableOps;
  tokens?: TokenOps;
  legacyAuths?: LegacyAuthOps;
  datastores?: DatastoreOps;
  users?: UserOps;
  grants?: GrantOps;
  acls?: AclOps;
  topics?: TopicOps;
  extensions?: ExtensionOps;
  replicationSlots?: ReplicationSlotOps;
  catalogs?: CatalogOps;
  /** Where the product has one: a token for a service user, from its identity service (`auth login`). */
  login?(user: ServiceUser): Promise<{ token: string; expiresAt: string }>;
  probe(): Promise<{ verdict: Verdict; detail?: string }>;
  /** The kinds `plan`, `apply` and `export` manage on this product (loaded only by those commands). */
  resources?(): Promise<readonly ResourceKind[]>;
}

// --- asynchronous work -----------------------------------------------------------------------------

export interface WaitOptions {
  timeoutMs: number;
  /** Hears each polled status: what a terminal's status line shows. */
  progress?(status: string, elapsedMs: number): void;
}

/**
 * For a product whose changes finish later: with `wait`, the operation waits for the object (and first for
 * the datastore it belongs to) to be ready; without, it sends and returns at once, refusing to send a
 * child operation the server would reject because its datastore is not ready.
 */
export interface AsyncOptions {
  wait?: WaitOptions;
  /** A delete of names that are not there (--ignore-not-found): they stay in the batch, to be passed over as not found. */
  missingAllowed?: boolean;
}

export interface ServiceUser {
  accountId: string;
  userName: string;
  password: string;
  projectId: string;
  identityUrl: string;
}

// --- databases -------------------------------------------------------------------------------------

export interface DatabaseSpec {
  name: string;
  /** Nanoseconds; 0n means keep forever. */
  retentionPeriod?: bigint;
  maxTables?: number;
  maxColumnsPerTable?: number;
  partitionTemplate?: PartitionTemplatePart[];
  /** Where the database lives, where a product has several clusters per target (name or ID). */
  datastore?: string;
  /** The owning user (name or ID), and the locale, where the product has them. */
  owner?: string;
  lcCollate?: string;
  lcCtype?: string;
}

export interface DatabaseChanges {
  retentionPeriod?: bigint;
  maxTables?: number;
  maxColumnsPerTable?: number;
  owner?: string;
}

export interface DatabaseDeleteOptions extends AsyncOptions {
  hardDelete?: string;
  dataOnly?: boolean;
  removeTables?: boolean;
  datastore?: string;
}

export interface DatabaseOps {
  checkName(name: string, what?: string): string;
  list(options: { showDeleted?: boolean; datastore?: string; status?: string }): Promise<Listing>;
  create(spec: DatabaseSpec, options?: AsyncOptions): Promise<Shown>;
  update(name: string, changes: DatabaseChanges, options?: AsyncOptions & { datastore?: string }): Promise<Shown>;
  removal(names: readonly string[], options: DatabaseDeleteOptions): Promise<Removal>;
  rename?(from: string, to: string): Promise<Shown>;
  undelete?(idOrName: string): Promise<Shown>;
}

// --- tables ----------------------------------------------------------------------------------------

export interface TableSpec {
  database: string;
  name: string;
  partitionTemplate?: PartitionTemplatePart[];
  tags?: readonly string[];
  fields?: readonly string[];
  retentionPeriod?: bigint;
}

export interface TableOps {
  checkName(name: string, what?: string): string;
  create(spec: TableSpec): Promise<Shown>;
  list?(database: string, options: { showDeleted?: boolean }): Promise<Listing>;
  removal(database: string, names: readonly string[], options: { hardDelete?: string; dataOnly?: boolean }): Promise<Removal>;
  rename?(database: string, from: string, to: string): Promise<Shown>;
  undelete?(database: string, id: string): Promise<Shown>;
  /** A table's own retention period; 0 clears it (the database's applies again). */
  update?(database: string, name: string, changes: { retentionPeriod: bigint }): Promise<Shown>;
}

// --- tokens ----------------------------------------------------------------------------------------

export interface TokenRequest {
  /** The positional argument (a description where the product has them). */
  description?: string;
  /**
   * A blank description is meant: a file's, where it names a token the server may hold (the command line
   * refuses one, most likely an unset variable).
   */
  blankDescription?: boolean;
  name?: string;
  admin?: boolean;
  permissions: PermissionSet;
  /** Whether any permission flag was given at all (an empty set may still have been asked for). */
  permissionsGiven: boolean;
  expiry?: Expiry;
}

export interface TokenListFilters {
  includeRevoked?: boolean;
  sort?: string;
  adminOnly?: boolean;
  expired?: boolean;
  nameLike?: string;
  /** Where the API returns secrets on every read: show them in tables too. */
  showValue?: boolean;
}

export interface TokenChanges {
  description?: string;
  /** Replaces the token's permissions. */
  permissions?: PermissionSet;
  add?: PermissionSet;
  remove?: PermissionSet;
}

export interface TokenOps {
  /** Checks the request by the product's rules, then creates; the answer carries the secret. */
  create(request: TokenRequest): Promise<CreatedSecret<any>>;
  list(filters: TokenListFilters): Promise<Listing>;
  get?(id: string, options: { includeRevoked?: boolean; showValue?: boolean }): Promise<Shown>;
  update?(id: string, changes: TokenChanges): Promise<Shown>;
  rename?(idOrName: string, newName: string, options: { showValue?: boolean }): Promise<Shown>;
  /** `missingAllowed` (--ignore-not-found): for a product that looks names up first, a missing one stays in the batch. */
  removal(idsOrNames: readonly string[], options?: { missingAllowed?: boolean }): Promise<Removal>;
  regenerate?(): Promise<CreatedSecret<any>>;
}

// --- legacy authorizations (username/password) ------------------------------------------------------

export type AuthChoice = { id: string } | { username: string };

export interface LegacyAuthRequest {
  username: string;
  description?: string;
  permissions: PermissionSet;
  org?: string;
  orgId?: string;
}

export interface LegacyAuthOps {
  /** The server's password rule, checked before anything is sent. */
  checkPassword(password: string): string;
  /** Checks an ID (argument or --id) or a username before anything is sent. */
  choose(positional: string | undefined, flags: { id?: string; username?: string }): AuthChoice;
  /** Checks the filters (and reads the org defaults) before anything is sent. */
  list(filter: { username?: string; id?: string; user?: string; userId?: string; org?: string; orgId?: string }): Promise<Listing>;
  get(choice: AuthChoice): Promise<Shown>;
  /**
   * Checks the request now (before any password is read); the returned step asks for the password only
   * once the username is known to be free, and deletes the authorization again if the password fails.
   */
  create(request: LegacyAuthRequest): (password: () => Promise<string | undefined>) => Promise<Shown>;
  update(choice: AuthChoice, changes: { description?: string; status?: 'active' | 'inactive' }): Promise<Shown>;
  /** Returns the ID whose password was set. */
  setPassword(choice: AuthChoice, password: () => Promise<string>): Promise<string>;
  /** By ID, and by username (each looked up when its turn comes, so one not there is that one's failure). */
  removal(ids: readonly string[], usernames?: readonly string[]): Promise<Removal>;
  /** The buckets of the org (given as to `create`, else INFLUX_ORG or the profile's), for plan to read a file's bucket names as `create` does. */
  buckets(flags: { org?: string; orgId?: string }): Promise<ReadonlyArray<{ id: string; name: string }>>;
}

// --- managed-database services: datastores and what lives in them ---------------------------------------

export interface DatastoreFilters {
  name?: string;
  status?: string;
  /** ID or `engine-version`. */
  type?: string;
  /** ID or name. */
  flavor?: string;
  subnet?: string;
  deleted?: boolean;
}

export interface FlavorChoice {
  /** ID or name. */
  flavor?: string;
  vcpus?: number;
  ram?: number;
  disk?: number;
}

export interface DatastoreSpec extends FlavorChoice {
  name: string;
  /** ID or `engine-version` (`postgresql-16`), or the engine alone when it has one version. */
  type: string;
  nodes: number;
  subnet: string;
  config?: Record<string, string>;
  pooler?: { mode?: string; size?: number };
  backupRetentionDays?: number;
  /** Redis: asked for only once everything else is known to be right. */
  password?: () => Promise<string>;
}

export interface DatastoreOps {
  checkPassword(password: string): string;
  list(filters: DatastoreFilters): Promise<Listing>;
  get(ref: string): Promise<Shown>;
  /** What create checks against the catalogs (type, flavor, configuration) before it sends anything; reads only. */
  check(spec: DatastoreSpec): Promise<void>;
  create(spec: DatastoreSpec, options?: AsyncOptions): Promise<Shown>;
  rename(ref: string, name: string, options?: AsyncOptions): Promise<Shown>;
  removal(refs: readonly string[], options?: AsyncOptions): Promise<Removal>;
  resize(ref: string, change: FlavorChoice & { nodes?: number; diskSize?: number }, options?: AsyncOptions): Promise<Shown>;
  configure(ref: string, change: { set: Record<string, string>; reset: readonly string[] }, options?: AsyncOptions): Promise<Shown>;
  firewall(ref: string, change: { ips?: readonly string[]; add?: readonly string[]; remove?: readonly string[] }, options?: AsyncOptions): Promise<Shown>;
  pooler(ref: string, change: { mode?: string; size?: number }, options?: AsyncOptions): Promise<Shown>;
  backups(ref: string, days: number, options?: AsyncOptions): Promise<Shown>;
  password(ref: string, password: () => Promise<string>, options?: AsyncOptions): Promise<Shown>;
  wait(ref: string, wait: WaitOptions): Promise<Shown>;
}

/** A thing inside a datastore, by name (or ID) within it. */
export interface InDatastore {
  datastore?: string;
  name: string;
}

export interface UserOps {
  checkPassword(password: string): string;
  list(filters: { datastore?: string; name?: string; status?: string }): Promise<Listing>;
  /** The password is asked for only once the datastore is found and the name is free. */
  create(user: InDatastore, password: () => Promise<string>, options?: AsyncOptions): Promise<Shown>;
  update(user: InDatastore, password: () => Promise<string>, options?: AsyncOptions): Promise<Shown>;
  removal(datastore: string | undefined, names: readonly string[], options?: AsyncOptions): Promise<Removal>;
}

export interface GrantRef {
  datastore?: string;
  user: string;
  database: string;
}

export interface GrantOps {
  list(filters: { datastore?: string; user?: string; database?: string; status?: string }): Promise<Listing>;
  create(grant: GrantRef, options?: AsyncOptions): Promise<Shown>;
  /** Each entry an ID, or the grant of `user` on `database` (with the datastore). */
  /** `options.datastore`: the datastore grants given by ID must be in (--datastore). */
  removal(refs: readonly (string | GrantRef)[], options?: AsyncOptions & { datastore?: string }): Promise<Removal>;
}

export interface AclSpec {
  datastore?: string;
  user: string;
  patternType: string;
  pattern?: string;
  read: boolean;
  write: boolean;
}

export interface AclOps {
  list(filters: { datastore?: string; user?: string; pattern?: string; patternType?: string; status?: string }): Promise<Listing>;
  create(acl: AclSpec, options?: AsyncOptions): Promise<Shown>;
  update(ref: string, change: { read?: boolean; write?: boolean }, options?: AsyncOptions): Promise<Shown>;
  removal(refs: readonly string[], options?: AsyncOptions): Promise<Removal>;
}

export interface TopicOps {
  list(filters: { datastore?: string; name?: string; status?: string }): Promise<Listing>;
  create(topic: InDatastore & { partitions: number }, options?: AsyncOptions): Promise<Shown>;
  update(topic: InDatastore, partitions: number, options?: AsyncOptions): Promise<Shown>;
  removal(datastore: string | undefined, names: readonly string[], options?: AsyncOptions): Promise<Removal>;
}

export interface ExtensionOps {
  list(filters: { datastore?: string; database?: string; status?: string }): Promise<Listing>;
  /** `name` is the available extension's name (or ID). */
  create(extension: InDatastore & { database: string }, options?: AsyncOptions): Promise<Shown>;
  removal(place: { datastore?: string; database?: string }, names: readonly string[], options?: AsyncOptions): Promise<Removal>;
}

export interface ReplicationSlotOps {
  list(filters: { datastore?: string; database?: string; name?: string; status?: string }): Promise<Listing>;
  create(slot: InDatastore & { database: string }, options?: AsyncOptions): Promise<Shown>;
  removal(datastore: string | undefined, names: readonly string[], options?: AsyncOptions): Promise<Removal>;
}

/** Read-only catalogs of a service, by kind, with the filters each takes. */
export interface CatalogOps {
  list(kind: CatalogKind, filters: Record<string, string | undefined>): Promise<Listing>;
  /** By ID, or by name among those of `filters.type` when given. */
  get(kind: CatalogKind, ref: string, filters?: { type?: string }): Promise<Shown>;
}

export type CatalogKind = 'datastore-types' | 'flavors' | 'available-extensions' | 'configuration-parameters';

// --- declarative resources (influxadm plan, apply, export) -------------------------------------------
// A product declares each kind it can manage: its fields in the file's words, which of them change in
// place and which force a replace, how to read what exists and how to create, update and delete one. The
// engine (src/apply) knows nothing of any product: whether a product has a kind, and which fields, is
// what the product declares here.

/** One object of a kind in the file's words: field → value, as export writes it and plan compares it. */
export type ResourceItem = Record<string, unknown>;

export interface ResourceField {
  /** The value as the file writes it; `influxadm schema` generates the JSON Schema from it. */
  schema: ZodMiniType;
  /** One line for the JSON Schema (editors show it) and the docs. */
  description: string;
  /** Every object in the file names it. */
  required?: boolean;
  /**
   * An object that is to be created needs it (one that exists may leave it out: it is then not managed);
   * a function says so of one object (a Redis datastore's password).
   */
  requiredToCreate?: boolean | ((item: ResourceItem) => boolean);
  /** The value in canonical form (`720h` → `30d`), checked by the product's rules; throws a one-line reason. */
  canonical?(value: any): unknown;
  /**
   * Rules a value must meet to be sent (checked after the plan, for what is to be created and for what an
   * update changes); throws a one-line reason. An object that exists may hold what the server once took
   * but the flags no longer make (an older tool's partition template, a retention under an hour), and its
   * file must plan as unchanged.
   */
  checkToSend?(value: any): void;
  /**
   * Whether `schema` takes this value as it is, told without running the schema. For fields whose values
   * are mostly distinct (names), where remembering the values already checked cannot help.
   */
  plain?(value: unknown): boolean;
  /**
   * How a difference is brought about: `update` in place; `replace` only by deleting and creating again;
   * `create` is sent on create and never compared, because the server does not report it.
   */
  change: 'update' | 'replace' | 'create';
  /** Whether the server's value satisfies the file's (default: the same JSON); `now` in ms, for expiries. */
  satisfied?(wanted: unknown, current: unknown, now: number): boolean;
  /**
   * Other fields that settle this one when the file gives them, so that a replace does not carry it over
   * from the old object: a token given permissions is not an admin token, whatever the one it replaces was.
   */
  settledBy?: readonly string[];
}

/** An object on the server: its fields in the file's words, and its handle when the identity is not one. */
export interface ExistingResource {
  item: ResourceItem;
  /** The server's ID, where the operations need it (a token's ID). */
  ref?: string;
  /** Left out of export (an expired token): it is kept only so that --prune can remove it. */
  stale?: boolean;
}

export interface ReadScope {
  /** The objects of this kind the file asks for. */
  wanted: readonly ResourceItem[];
  /** Whether every object of the kind matters (objects the file does not list will be deleted, or exported). */
  all: boolean;
  /** Reading to export (nothing will be written), rather than to plan. */
  exporting: boolean;
  /** The read of a kind declared before this one (the databases), when the same run reads it. */
  known(kind: string): Promise<readonly ExistingResource[]> | undefined;
  /** Runs `fn` over `items` within the run's concurrency bound. */
  each<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]>;
}

export interface ResourceKind {
  /** The file's section: `databases`, `tables`, `tokens`, `legacyAuths`. */
  kind: string;
  /** One of them in messages: `database`. */
  noun: string;
  /** The fields that name one object, in order (`database`, `name`). */
  identity: readonly string[];
  /** Every field, in the order export writes them. */
  fields: Readonly<Record<string, ResourceField>>;
  /** Why, when the API cannot list this kind (then it has no read): plan cannot tell what exists, and apply takes "exists" (409) as unchanged. */
  unlisted?: string;
  /** Creating one hands back a secret (a token's), which must go to --secrets-out or the keychain. */
  secret?: boolean;
  /** A replace creates the new object before deleting the old one (identities may repeat), not after. */
  replaceCreatesFirst?: boolean;
  /** The objects of other kinds this one needs first, by kind and identity values. */
  dependsOn?(item: ResourceItem): Array<{ kind: string; identity: readonly unknown[] }>;
  /**
   * The objects this one lives in, of those it depends on: removing one of them removes it too (a table
   * with its database; a datastore's users, and a user's grants). When one is replaced, this one is gone
   * afterwards and is created again; a token that only names a database is not.
   */
  livesIn?(item: ResourceItem): Array<{ kind: string; identity: readonly unknown[] }>;
  /** Rules across fields, by the product; throws a one-line reason. */
  check?(item: ResourceItem): void;
  /** Every object of the kind that the scope asks for; absent exactly when the kind is unlisted. */
  read?(scope: ReadScope): Promise<ExistingResource[]>;
  create(item: ResourceItem): Promise<{ secret?: string }>;
  /**
   * What create would refuse before sending, where that needs the server's catalogs (a datastore's type,
   * flavor and configuration keys): plan and apply ask it of every object they would create, after the
   * reads, so that a file naming what the server has not is refused with its place and nothing is sent.
   * Throws a usage error with a one-line reason; any other error is a failed read.
   */
  checkCreate?(item: ResourceItem): Promise<void>;
  /** Present when some field changes in place. */
  update?(existing: ExistingResource, item: ResourceItem, fields: readonly string[]): Promise<void>;
  /** Absent for an unlisted kind: what cannot be listed is never deleted by plan. */
  remove?(existing: ExistingResource): Promise<void>;
}
