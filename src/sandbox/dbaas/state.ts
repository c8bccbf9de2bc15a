// The DBaaS sandbox's state (plain JSON, so --state FILE keeps it) and the life cycle of its
// asynchronous objects. An operation records what it started and when (`pending`); the status is
// worked out from the clock when the state is next touched, never by a timer, so that a state file and
// a test with a fake clock behave the same on every run.

import type { ParameterValue } from './catalog.js';

export const STATUSES = ['ACTIVE', 'DELETED', 'DEGRADED', 'DISK_FULL', 'ERROR', 'PENDING_CREATE', 'PENDING_UPDATE', 'PENDING_DELETE', 'DOWN', 'RESIZING'] as const;
export type Status = (typeof STATUSES)[number];
export type PendingStatus = 'PENDING_CREATE' | 'PENDING_UPDATE' | 'PENDING_DELETE' | 'RESIZING';
export type Operation = 'create' | 'update' | 'delete';

/** The asynchronous kinds, as the test controls name them. */
export const KINDS = ['datastore', 'database', 'user', 'grant', 'acl', 'topic', 'extension', 'logical-replication-slot'] as const;
export type Kind = (typeof KINDS)[number];

export interface Pending {
  status: PendingStatus;
  /** When the operation started (ms); it ends `delayMs` later. */
  since: number;
  /** Where it ends: a status, or GONE (a finished delete). */
  then: Status | 'GONE';
}

export interface Tracked {
  id: string;
  project_id: string;
  created_at: number;
  updated_at: number;
  status: Status;
  pending?: Pending;
}

export interface StoredInstance {
  id: string;
  ip: string;
  floating_ip: string;
}

export interface StoredDatastore extends Tracked {
  name: string;
  type_id: string;
  subnet_id: string;
  flavor_id: string;
  flavor: { vcpus: number; ram: number; disk: number; disk_type?: string };
  node_count: number;
  disk: { type?: string; size: number } | null;
  instances: StoredInstance[];
  pooler: { mode: string; size: number } | null;
  firewall: string[];
  config: Record<string, ParameterValue>;
  backup_retention_days: number;
  floating_ips: { master?: number; replica?: number } | null;
  security_groups: string[];
  log_platform: { log_group?: string } | null;
  restore: { datastore_id: string; target_time?: string } | null;
  creation_finished_at: number | null;
}

export interface StoredDatabase extends Tracked {
  datastore_id: string;
  name: string;
  owner_id: string | null;
  lc_collate: string | null;
  lc_ctype: string | null;
}

export interface StoredUser extends Tracked {
  datastore_id: string;
  name: string;
}

export interface StoredGrant extends Tracked {
  datastore_id: string;
  database_id: string;
  user_id: string;
}

export interface StoredAcl extends Tracked {
  datastore_id: string;
  user_id: string;
  pattern: string | null;
  pattern_type: string;
  allow_read: boolean;
  allow_write: boolean;
}

export interface StoredTopic extends Tracked {
  datastore_id: string;
  name: string;
  partitions: number;
}

export interface StoredExtension extends Tracked {
  datastore_id: string;
  database_id: string;
  available_extension_id: string;
}

export interface StoredSlot extends Tracked {
  datastore_id: string;
  database_id: string;
  name: string;
  in_use: boolean;
}

/** Prometheus metrics tokens are synchronous: no status. */
export interface StoredMetricsToken {
  id: string;
  project_id: string;
  name: string;
  value: string;
  created_at: number;
  updated_at: number;
}

/** A token the identity endpoint issued; only its hash is kept. */
export interface IssuedToken {
  sha256: string;
  /** null for a token scoped to the account (domain), which the DBaaS API refuses. */
  project_id: string | null;
  expires_at: number;
}

/** A test control: the next `remaining` matching operations end in `status` instead of their usual end. */
export interface OutcomeRule {
  status: 'ERROR' | 'DEGRADED';
  kind?: Kind;
  name?: string;
  id?: string;
  operation?: Operation;
  remaining: number;
}

export interface DbaasState {
  datastores: StoredDatastore[];
  databases: StoredDatabase[];
  users: StoredUser[];
  grants: StoredGrant[];
  acls: StoredAcl[];
  topics: StoredTopic[];
  extensions: StoredExtension[];
  slots: StoredSlot[];
  metricsTokens: StoredMetricsToken[];
  identityTokens: IssuedToken[];
  controls: { hold: boolean; outcomes: OutcomeRule[] };
}

export function freshState(): DbaasState {
  return {
    datastores: [], databases: [], users: [], grants: [], acls: [], topics: [], extensions: [], slots: [],
    metricsTokens: [], identityTokens: [], controls: { hold: false, outcomes: [] },
  };
}

type TrackedCollection = 'datastores' | 'databases' | 'users' | 'grants' | 'acls' | 'topics' | 'extensions' | 'slots';

export const COLLECTION: Record<Kind, TrackedCollection> = {
  datastore: 'datastores',
  database: 'databases',
  user: 'users',
  grant: 'grants',
  acl: 'acls',
  topic: 'topics',
  extension: 'extensions',
  'logical-replication-slot': 'slots',
};

export function statusOf(object: Tracked): Status {
  return object.pending?.status ?? object.status;
}

/** Starts an asynchronous operation on an object; an outcome rule may change how it ends. */
export function begin(state: DbaasState, kind: Kind, object: Tracked & { name?: string }, operation: Operation, status: PendingStatus, now: number): void {
  const normal = operation === 'delete' ? 'GONE' : 'ACTIVE';
  const rule = state.controls.outcomes.find((r) =>
    r.remaining > 0 && (r.kind === undefined || r.kind === kind) && (r.name === undefined || r.name === object.name)
    && (r.id === undefined || r.id === object.id) && (r.operation === undefined || r.operation === operation));
  if (rule) {
    rule.remaining--;
    state.controls.outcomes = state.controls.outcomes.filter((r) => r.remaining > 0);
  }
  object.pending = { status, since: now, then: rule?.status ?? normal };
  object.updated_at = now;
}

/** Finishes every operation whose time has come, then drops what a finished delete took with it. */
export function settle(state: DbaasState, now: number, delayMs: number): void {
  if (!state.controls.hold) {
    for (const kind of KINDS) {
      const name = COLLECTION[kind];
      const list = state[name] as Tracked[];
      const kept = list.filter((object) => {
        const pending = object.pending;
        if (!pending || now < pending.since + delayMs) return true;
        if (pending.then === 'GONE') return false;
        const done = pending.since + delayMs;
        if (pending.status === 'PENDING_CREATE' && kind === 'datastore') (object as StoredDatastore).creation_finished_at = done;
        object.status = pending.then;
        object.updated_at = done;
        delete object.pending;
        return true;
      });
      if (kept.length !== list.length) (state as unknown as Record<string, Tracked[]>)[name] = kept;
    }
  }
  cascade(state);
}

/** Children of a datastore, database or user that is gone go with it, as in the engines. */
function cascade(state: DbaasState): void {
  const datastores = new Set(state.datastores.map((d) => d.id));
  const inDatastore = <T extends { datastore_id: string }>(list: T[]) => list.filter((o) => datastores.has(o.datastore_id));
  state.databases = inDatastore(state.databases);
  state.users = inDatastore(state.users);
  state.topics = inDatastore(state.topics);
  const databases = new Set(state.databases.map((d) => d.id));
  const users = new Set(state.users.map((u) => u.id));
  state.grants = state.grants.filter((g) => databases.has(g.database_id) && users.has(g.user_id));
  state.acls = state.acls.filter((a) => users.has(a.user_id));
  state.extensions = state.extensions.filter((e) => databases.has(e.database_id));
  state.slots = state.slots.filter((s) => databases.has(s.database_id));
  for (const database of state.databases) if (database.owner_id !== null && !users.has(database.owner_id)) database.owner_id = null;
}

/** Turning hold off restarts the clock of every pending operation, so each still takes its delay. */
export function setHold(state: DbaasState, hold: boolean, now: number): void {
  if (state.controls.hold && !hold) {
    for (const kind of KINDS) for (const object of state[COLLECTION[kind]] as Tracked[]) if (object.pending) object.pending.since = now;
  }
  state.controls.hold = hold;
}

/** The API's timestamps: ISO 8601 in UTC without a zone suffix, e.g. 2025-01-31T12:00:00. */
export function timestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}
