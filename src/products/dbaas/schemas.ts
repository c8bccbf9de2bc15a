// The shapes of Selectel Managed Databases API v1 answers. Objects are loose (unknown fields are kept
// and passed through to --format json); only what the tool relies on is required: `id`, `name` where
// the object has one, and `status` on everything asynchronous. Field names are the API's (snake_case).

import * as z from '../../api/shape.js';

const text = z.string();
const maybe = <T>(schema: z.Shape<T>) => z.optional(z.nullable(schema));
/** The API's timestamps have no zone suffix (`2025-01-31T12:00:00`, UTC); kept as sent. */
const time = maybe(text);
const count = z.number();

const tracked = {
  id: text,
  status: text,
  project_id: z.optional(text),
  created_at: time,
  updated_at: time,
};

export const datastore = z.looseObject({
  ...tracked,
  name: text,
  creation_finished_at: time,
  enabled: z.optional(z.boolean()),
  type_id: z.optional(text),
  subnet_id: z.optional(text),
  flavor_id: maybe(text),
  node_count: z.optional(count),
  flavor: maybe(z.looseObject({ vcpus: z.optional(count), ram: z.optional(count), disk: z.optional(count), disk_type: maybe(text) })),
  disk: maybe(z.looseObject({ type: maybe(text), size: z.optional(count) })),
  instances: z.optional(z.array(z.looseObject({
    id: text,
    ip: maybe(text),
    floating_ip: maybe(text),
    role: maybe(text),
    role_name: maybe(text),
    status: maybe(text),
    hostname: maybe(text),
    availability_zone: maybe(text),
  }))),
  connection: maybe(z.record(text)),
  pooler: maybe(z.looseObject({ mode: maybe(text), size: maybe(count) })),
  firewall: maybe(z.array(z.looseObject({ ip: text }))),
  config: maybe(z.record(z.unknown())),
  backup_retention_days: maybe(count),
  databases_count: maybe(count),
  topics_count: maybe(count),
  disk_used: maybe(count),
  allow_restore: maybe(z.boolean()),
  is_maintenance: maybe(z.boolean()),
  is_protected: maybe(z.boolean()),
});

export const database = z.looseObject({
  ...tracked,
  datastore_id: text,
  name: text,
  owner_id: maybe(text),
  lc_collate: maybe(text),
  lc_ctype: maybe(text),
});

export const user = z.looseObject({ ...tracked, datastore_id: text, name: text });

export const grant = z.looseObject({ ...tracked, datastore_id: text, database_id: text, user_id: text });

export const acl = z.looseObject({
  ...tracked,
  datastore_id: text,
  user_id: text,
  pattern: maybe(text),
  pattern_type: text,
  allow_read: z.boolean(),
  allow_write: z.boolean(),
});

export const topic = z.looseObject({ ...tracked, datastore_id: text, name: text, partitions: count });

export const extension = z.looseObject({ ...tracked, datastore_id: text, database_id: text, available_extension_id: text });

export const replicationSlot = z.looseObject({
  ...tracked,
  datastore_id: text,
  database_id: z.optional(text),
  name: text,
  in_use: maybe(z.boolean()),
});

/** A Prometheus metrics token: synchronous (no status); `value` is the secret, sent on every read. */
export const metricsToken = z.looseObject({
  id: text,
  name: text,
  value: text,
  project_id: z.optional(text),
  created_at: time,
  updated_at: time,
});

export const datastoreType = z.looseObject({ id: text, engine: text, version: text });

export const flavor = z.looseObject({
  id: text,
  name: maybe(text),
  description: maybe(text),
  fl_size: maybe(text),
  datastore_type_ids: z.array(text),
  vcpus: count,
  ram: count,
  disk: count,
});

const scalar = z.union([z.number(), z.string(), z.boolean()]);

export const configurationParameter = z.looseObject({
  id: text,
  datastore_type_id: text,
  name: text,
  type: text,
  unit: maybe(text),
  min: maybe(z.number()),
  max: maybe(z.number()),
  default_value: maybe(scalar),
  choices: maybe(z.array(scalar)),
  invalid_values: maybe(z.array(scalar)),
  is_restart_required: maybe(z.boolean()),
  is_changeable: maybe(z.boolean()),
});

export const availableExtension = z.looseObject({
  id: text,
  name: text,
  datastore_type_ids: z.array(text),
  dependency_ids: maybe(z.array(text)),
});

export type Datastore = z.Infer<typeof datastore>;
export type Database = z.Infer<typeof database>;
export type User = z.Infer<typeof user>;
export type Grant = z.Infer<typeof grant>;
export type Acl = z.Infer<typeof acl>;
export type Topic = z.Infer<typeof topic>;
export type Extension = z.Infer<typeof extension>;
export type ReplicationSlot = z.Infer<typeof replicationSlot>;
export type MetricsToken = z.Infer<typeof metricsToken>;
export type DatastoreType = z.Infer<typeof datastoreType>;
export type Flavor = z.Infer<typeof flavor>;
export type ConfigurationParameter = z.Infer<typeof configurationParameter>;
export type AvailableExtension = z.Infer<typeof availableExtension>;

/** The answer of the identity endpoint; the token itself is in the X-Subject-Token header. */
export const identityToken = z.looseObject({
  token: z.looseObject({
    expires_at: text,
    project: z.optional(z.looseObject({ id: text })),
  }),
});
