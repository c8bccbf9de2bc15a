// How the Management API's objects look: table columns and JSON (the API's own object, plus the retention
// as a human string, design §6).

import type { Column } from '../../format/output.js';
import { summarizePartitionTemplate } from '../../format/partition-template.js';
import { formatRetention } from '../../input/duration.js';
import { formatPermissions } from '../../input/permission.js';
import { fromWire } from './permissions.js';
import type { ManagementDatabase, ManagementTable, ManagementToken } from './schemas.js';

const text = (value: number | undefined) => (value === undefined ? '' : String(value));

const DATABASE_COLUMNS: ReadonlyArray<Column<ManagementDatabase>> = [
  { header: 'NAME', value: (d) => d.name },
  { header: 'RETENTION', value: (d) => (d.retentionPeriod === undefined ? '' : formatRetention(d.retentionPeriod)) },
  { header: 'MAX TABLES', value: (d) => text(d.maxTables) },
  { header: 'MAX COLUMNS/TABLE', value: (d) => text(d.maxColumnsPerTable) },
  { header: 'PARTITION TEMPLATE', value: (d) => summarizePartitionTemplate(d.partitionTemplate) },
];

const ID_COLUMN: Column<ManagementDatabase> = { header: 'ID', value: (d) => text(d.id) };

/** The ID column only when the server gave IDs (listings per the spec carry none). */
export function databaseColumns(rows: readonly ManagementDatabase[]): ReadonlyArray<Column<ManagementDatabase>> {
  const [name, ...rest] = DATABASE_COLUMNS;
  return rows.some((d) => d.id !== undefined) ? [name!, ID_COLUMN, ...rest] : DATABASE_COLUMNS;
}

export function databaseJson(d: ManagementDatabase): unknown {
  return d.retentionPeriod === undefined ? d : { ...d, retentionPeriodHuman: formatRetention(d.retentionPeriod) };
}

export const TABLE_COLUMNS: ReadonlyArray<Column<ManagementTable>> = [
  { header: 'NAME', value: (t) => t.name },
  { header: 'ID', value: (t) => (t.id === undefined ? '' : String(t.id)) },
  { header: 'DATABASE', value: (t) => t.databaseName ?? '' },
  { header: 'PARTITION TEMPLATE', value: (t) => summarizePartitionTemplate(t.partitionTemplate) },
];

function permissionText(token: ManagementToken): string {
  return formatPermissions(fromWire(token.permissions)).join(' ') || '(none)';
}

export const TOKEN_COLUMNS: ReadonlyArray<Column<ManagementToken>> = [
  { header: 'ID', value: (t) => t.id },
  { header: 'DESCRIPTION', value: (t) => t.description },
  { header: 'PERMISSIONS', value: permissionText },
  { header: 'CREATED', value: (t) => t.createdAt ?? '' },
  { header: 'EXPIRES', value: (t) => t.expiresAt ?? 'never' },
];

export const TOKEN_COLUMNS_WITH_REVOKED: ReadonlyArray<Column<ManagementToken>> = [
  ...TOKEN_COLUMNS,
  { header: 'REVOKED', value: (t) => t.revokedAt ?? '' },
];
