// How the DBaaS API's objects look: table columns over the API's own objects, which --format json gives
// as they came (snake_case, unknown fields kept). Secrets (metrics token values) appear in a table only
// when asked for.

import { flagColumn, type Column } from '../../format/output.js';
import { typeLabel } from './resolve.js';
import type * as s from './schemas.js';

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** Names for IDs in a listing, read once per command: a table says `pg-main`, JSON keeps the ID. */
export type Names = ReadonlyMap<string, string>;
/** ID → name of `items`. */
export const namesOf = (items: ReadonlyArray<{ id: string; name: string }>): Names => new Map(items.map((i) => [i.id, i.name]));
const named = (names: Names | undefined, id: string | null | undefined) => (id ? names?.get(id) ?? id : '');

export function datastoreColumns(types: Names): ReadonlyArray<Column<s.Datastore>> {
  return [
    { header: 'NAME', value: (d) => d.name },
    { header: 'STATUS', value: (d) => d.status },
    { header: 'TYPE', value: (d) => named(types, d.type_id) },
    { header: 'NODES', value: (d) => text(d.node_count) },
    { header: 'FLAVOR', value: (d) => (d.flavor ? `${text(d.flavor.vcpus)} vCPU / ${text(d.flavor.ram)} MB / ${text(d.flavor.disk)} GB` : '') },
    { header: 'HOST', value: (d) => text(d.connection?.master ?? d.connection?.MASTER ?? Object.values(d.connection ?? {})[0]) },
    { header: 'ID', value: (d) => d.id },
  ];
}

export function databaseColumns(datastores: Names, users: Names): ReadonlyArray<Column<s.Database>> {
  return [
    { header: 'NAME', value: (d) => d.name },
    { header: 'STATUS', value: (d) => d.status },
    { header: 'DATASTORE', value: (d) => named(datastores, d.datastore_id) },
    { header: 'OWNER', value: (d) => named(users, d.owner_id) },
    { header: 'ID', value: (d) => d.id },
  ];
}

export function userColumns(datastores: Names): ReadonlyArray<Column<s.User>> {
  return [
    { header: 'NAME', value: (u) => u.name },
    { header: 'STATUS', value: (u) => u.status },
    { header: 'DATASTORE', value: (u) => named(datastores, u.datastore_id) },
    { header: 'ID', value: (u) => u.id },
  ];
}

export function metricsTokenColumns(showValue: boolean): ReadonlyArray<Column<s.MetricsToken>> {
  const columns: Array<Column<s.MetricsToken>> = [
    { header: 'NAME', value: (t) => t.name },
    { header: 'ID', value: (t) => t.id },
    { header: 'CREATED', value: (t) => text(t.created_at) },
  ];
  if (showValue) columns.push({ header: 'VALUE', value: (t) => t.value });
  return columns;
}

export const DATASTORE_TYPE_COLUMNS: ReadonlyArray<Column<s.DatastoreType>> = [
  { header: 'TYPE', value: typeLabel },
  { header: 'ENGINE', value: (t) => t.engine },
  { header: 'VERSION', value: (t) => t.version },
  { header: 'ID', value: (t) => t.id },
];

export function flavorColumns(types: Names): ReadonlyArray<Column<s.Flavor>> {
  return [
    { header: 'NAME', value: (f) => text(f.name) },
    { header: 'VCPUS', value: (f) => text(f.vcpus) },
    { header: 'RAM (MB)', value: (f) => text(f.ram) },
    { header: 'DISK (GB)', value: (f) => text(f.disk) },
    { header: 'TYPES', value: (f) => f.datastore_type_ids.map((id) => named(types, id)).join(' ') },
    { header: 'ID', value: (f) => f.id },
  ];
}

export function parameterColumns(types: Names): ReadonlyArray<Column<s.ConfigurationParameter>> {
  return [
    { header: 'NAME', value: (p) => p.name },
    { header: 'TYPE', value: (p) => p.type },
    { header: 'DEFAULT', value: (p) => text(p.default_value) },
    { header: 'RANGE', value: (p) => (p.choices?.length ? p.choices.join('|') : p.min != null || p.max != null ? `${text(p.min)}..${text(p.max)}` : '') },
    flagColumn('RESTART', (p) => p.is_restart_required),
    { header: 'DATASTORE TYPE', value: (p) => named(types, p.datastore_type_id) },
    { header: 'ID', value: (p) => p.id },
  ];
}

export function availableExtensionColumns(types: Names): ReadonlyArray<Column<s.AvailableExtension>> {
  return [
    { header: 'NAME', value: (e) => e.name },
    { header: 'TYPES', value: (e) => e.datastore_type_ids.map((id) => named(types, id)).join(' ') },
    { header: 'ID', value: (e) => e.id },
  ];
}

export function grantColumns(datastores: Names, users: Names, databases: Names): ReadonlyArray<Column<s.Grant>> {
  return [
    { header: 'USER', value: (g) => named(users, g.user_id) },
    { header: 'DATABASE', value: (g) => named(databases, g.database_id) },
    { header: 'STATUS', value: (g) => g.status },
    { header: 'DATASTORE', value: (g) => named(datastores, g.datastore_id) },
    { header: 'ID', value: (g) => g.id },
  ];
}

export function aclColumns(datastores: Names, users: Names): ReadonlyArray<Column<s.Acl>> {
  return [
    { header: 'USER', value: (a) => named(users, a.user_id) },
    { header: 'TOPICS', value: (a) => (a.pattern_type === 'all' ? '*' : `${a.pattern_type === 'prefixed' ? `${text(a.pattern)}*` : text(a.pattern)}`) },
    flagColumn('READ', (a) => a.allow_read),
    flagColumn('WRITE', (a) => a.allow_write),
    { header: 'STATUS', value: (a) => a.status },
    { header: 'DATASTORE', value: (a) => named(datastores, a.datastore_id) },
    { header: 'ID', value: (a) => a.id },
  ];
}

export function topicColumns(datastores: Names): ReadonlyArray<Column<s.Topic>> {
  return [
    { header: 'NAME', value: (t) => t.name },
    { header: 'PARTITIONS', value: (t) => text(t.partitions) },
    { header: 'STATUS', value: (t) => t.status },
    { header: 'DATASTORE', value: (t) => named(datastores, t.datastore_id) },
    { header: 'ID', value: (t) => t.id },
  ];
}

export function extensionColumns(datastores: Names, databases: Names, available: Names): ReadonlyArray<Column<s.Extension>> {
  return [
    { header: 'NAME', value: (e) => named(available, e.available_extension_id) },
    { header: 'DATABASE', value: (e) => named(databases, e.database_id) },
    { header: 'STATUS', value: (e) => e.status },
    { header: 'DATASTORE', value: (e) => named(datastores, e.datastore_id) },
    { header: 'ID', value: (e) => e.id },
  ];
}

export function slotColumns(datastores: Names, databases: Names): ReadonlyArray<Column<s.ReplicationSlot>> {
  return [
    { header: 'NAME', value: (r) => r.name },
    { header: 'DATABASE', value: (r) => named(databases, r.database_id) },
    flagColumn('IN USE', (r) => r.in_use),
    { header: 'STATUS', value: (r) => r.status },
    { header: 'DATASTORE', value: (r) => named(datastores, r.datastore_id) },
    { header: 'ID', value: (r) => r.id },
  ];
}
