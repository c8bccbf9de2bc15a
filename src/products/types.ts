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
  /** The server root when none is given; absent when the user must give one. */
  defaultHost?: string;
  /** The official environment variables honoured for this product, below influxadm's own. */
  env?: { host?: string; token?: string; tlsCa?: string; tlsNoVerify?: string };
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
  remove(name: string): Promise<void>;
}

/** Whether a server accepts the credential, by its cheapest authenticated read. */
export type Verdict = 'accepted' | 'rejected' | 'unreachable' | 'not checked';

export interface Backend {
  databases?: DatabaseOps;
  tables?: TableOps;
  tokens?: TokenOps;
  legacyAuths?: LegacyAuthOps;
  probe(): Promise<{ verdict: Verdict; detail?: string }>;
  /** The kinds `plan`, `apply` and `export` manage on this product (loaded only by those commands). */
  resources?(): Promise<readonly ResourceKind[]>;
}

// --- databases -------------------------------------------------------------------------------------

export interface DatabaseSpec {
  name: string;
  /** Nanoseconds; 0n means keep forever. */
  retentionPeriod?: bigint;
  maxTables?: number;
  maxColumnsPerTable?: number;
  partitionTemplate?: PartitionTemplatePart[];
}

export type DatabaseChanges = Omit<DatabaseSpec, 'name' | 'partitionTemplate'>;

export interface DatabaseDeleteOptions {
  hardDelete?: string;
  dataOnly?: boolean;
  removeTables?: boolean;
}

export interface DatabaseOps {
  checkName(name: string, what?: string): string;
  list(options: { showDeleted?: boolean }): Promise<Listing>;
  create(spec: DatabaseSpec): Promise<Shown>;
  update(name: string, changes: DatabaseChanges): Promise<Shown>;
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
}

// --- tokens ----------------------------------------------------------------------------------------

export interface TokenRequest {
  /** The positional argument (a description where the product has them). */
  description?: string;
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
  get?(id: string, options: { includeRevoked?: boolean }): Promise<Shown>;
  update?(id: string, changes: TokenChanges): Promise<Shown>;
  removal(idsOrNames: readonly string[]): Promise<Removal>;
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
  list(filter: { username?: string; id?: string; org?: string; orgId?: string }): Promise<Listing>;
  get(choice: AuthChoice): Promise<Shown>;
  /**
   * Checks the request now (before any password is read); the returned step asks for the password only
   * once the username is known to be free, and deletes the authorization again if the password fails.
   */
  create(request: LegacyAuthRequest): (password: () => Promise<string | undefined>) => Promise<Shown>;
  update(choice: AuthChoice, changes: { description?: string; status?: 'active' | 'inactive' }): Promise<Shown>;
  /** Returns the ID whose password was set. */
  setPassword(choice: AuthChoice, password: () => Promise<string>): Promise<string>;
  removal(ids: readonly string[]): Promise<Removal>;
}

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
  /** An object that is to be created needs it (one that exists may leave it out: it is then not managed). */
  requiredToCreate?: boolean;
  /** The value in canonical form (`720h` → `30d`), checked by the product's rules; throws a one-line reason. */
  canonical?(value: any): unknown;
  /**
   * How a difference is brought about: `update` in place; `replace` only by deleting and creating again;
   * `create` is sent on create and never compared, because the server does not report it.
   */
  change: 'update' | 'replace' | 'create';
  /** Whether the server's value satisfies the file's (default: the same JSON); `now` in ms, for expiries. */
  satisfied?(wanted: unknown, current: unknown, now: number): boolean;
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
  /** What was read of a kind declared before this one (the databases), when it was read. */
  known(kind: string): readonly ExistingResource[] | undefined;
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
  /** Rules across fields, by the product; throws a one-line reason. */
  check?(item: ResourceItem): void;
  /** Every object of the kind that the scope asks for; absent exactly when the kind is unlisted. */
  read?(scope: ReadScope): Promise<ExistingResource[]>;
  create(item: ResourceItem): Promise<{ secret?: string }>;
  /** Present when some field changes in place. */
  update?(existing: ExistingResource, item: ResourceItem, fields: readonly string[]): Promise<void>;
  /** Absent for an unlisted kind: what cannot be listed is never deleted by plan. */
  remove?(existing: ExistingResource): Promise<void>;
}
