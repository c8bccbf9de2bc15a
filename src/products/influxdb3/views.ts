// How InfluxDB 3 Core/Enterprise objects look. The server answers creates with empty bodies and lists in
// awkward shapes, so these are documented camelCase objects of our own (design §6).

import { flagColumn, type Column } from '../../format/output.js';
import { formatRetention } from '../../input/duration.js';
import type { InfluxDb3CreatedToken, InfluxDb3Database, InfluxDb3Token } from './client.js';

export const DATABASE_COLUMNS: ReadonlyArray<Column<InfluxDb3Database>> = [
  { header: 'NAME', value: (d) => d.name },
  flagColumn('DELETED', (d) => d.deleted),
];

/** What create and update report: what was set (the server answers with an empty body). */
export interface DatabaseSettings {
  name: string;
  /** int64 nanoseconds, kept exact: JSON writes a bigint's digits (format/exact-json.ts). */
  retentionPeriod?: bigint;
  retentionPeriodHuman?: string;
}

export function databaseSettings(name: string, retentionNs: bigint | undefined): DatabaseSettings {
  if (retentionNs === undefined) return { name };
  return { name, retentionPeriod: retentionNs, retentionPeriodHuman: formatRetention(retentionNs) };
}

export const SETTINGS_COLUMNS: ReadonlyArray<Column<DatabaseSettings>> = [
  { header: 'NAME', value: (d) => d.name },
  { header: 'RETENTION', value: (d) => d.retentionPeriodHuman ?? '' },
];

export interface CreatedTable {
  database: string;
  name: string;
  tags: string[];
  fields: Array<{ name: string; type: string }>;
  retentionPeriod?: bigint;
  retentionPeriodHuman?: string;
}

export const CREATED_TABLE_COLUMNS: ReadonlyArray<Column<CreatedTable>> = [
  { header: 'NAME', value: (t) => t.name },
  { header: 'DATABASE', value: (t) => t.database },
  { header: 'TAGS', value: (t) => t.tags.join(',') },
  { header: 'FIELDS', value: (t) => t.fields.map((f) => `${f.name}:${f.type}`).join(',') },
  { header: 'RETENTION', value: (t) => t.retentionPeriodHuman ?? '' },
];

/** What `table update` reports: what was set; `retentionPeriod` null when cleared (the database's applies). */
export interface TableSettings {
  database: string;
  name: string;
  retentionPeriod: bigint | null;
  retentionPeriodHuman?: string;
}

export const TABLE_SETTINGS_COLUMNS: ReadonlyArray<Column<TableSettings>> = [
  { header: 'NAME', value: (t) => t.name },
  { header: 'DATABASE', value: (t) => t.database },
  { header: 'RETENTION', value: (t) => t.retentionPeriodHuman ?? "the database's" },
];

export interface TableRow {
  database: string;
  name: string;
  deleted: boolean;
}

export const TABLE_COLUMNS: ReadonlyArray<Column<TableRow>> = [
  { header: 'NAME', value: (t) => t.name },
  flagColumn('DELETED', (t) => t.deleted),
];

/** One grant of a token, as every product's JSON has them: an array of objects with action and resource. */
export interface PermissionJson {
  type: string;
  resource: string;
  action: string;
}

/**
 * A token's JSON: its permissions (one string in system.tokens, `db:a,b:read,write system:health:read`)
 * as an array of grants, as on every other product. A part that is not TYPE:NAMES:ACTIONS is kept whole
 * as a resource.
 */
export function tokenJson(token: InfluxDb3Token): Omit<InfluxDb3Token, 'permissions'> & { permissions: PermissionJson[] } {
  const permissions = token.permissions.split(/[\s;]+/).filter(Boolean).flatMap((part) => {
    const fields = part.split(':');
    if (fields.length !== 3) return [{ type: '', resource: part, action: '' }];
    const [type, names, actions] = fields as [string, string, string];
    return names.split(',').flatMap((resource) => actions.split(',').map((action) => ({ type, resource, action })));
  });
  return { ...token, permissions };
}

export const TOKEN_COLUMNS: ReadonlyArray<Column<InfluxDb3Token>> = [
  { header: 'ID', value: (t) => String(t.id) },
  { header: 'NAME', value: (t) => t.name },
  { header: 'PERMISSIONS', value: (t) => t.permissions },
  { header: 'CREATED', value: (t) => t.createdAt ?? '' },
  { header: 'EXPIRES', value: (t) => t.expiresAt ?? 'never' },
  flagColumn('EXPIRED', (t) => t.expired),
];

export const CREATED_TOKEN_COLUMNS: ReadonlyArray<Column<InfluxDb3CreatedToken>> = [
  { header: 'NAME', value: (t) => t.name ?? '' },
  { header: 'ID', value: (t) => (t.id === undefined ? '' : String(t.id)) },
  { header: 'CREATED', value: (t) => t.createdAt ?? '' },
  { header: 'EXPIRES', value: (t) => t.expiresAt ?? 'never' },
];
