// Pieces the database verbs share: flag parsing into API settings, the table columns, the client.

import type { ManagementClient, DatabaseSettings } from '../../api/management.js';
import type { ManagementDatabase } from '../../api/schemas/management.js';
import type { Context } from '../../context.js';
import { asUsage } from '../../errors.js';
import { formatRetention, MAX_DURATION_NS, parseDuration } from '../../input/duration.js';
import { checkManagementDatabaseName } from '../../input/names.js';
import { INT32_MAX, parseWholeNumber } from '../../input/numbers.js';
import type { Verb } from '../../products.js';
import { summarizePartitionTemplate } from '../../format/partition-template.js';
import type { Column } from '../../format/output.js';

export interface SettingsFlags {
  retentionPeriod?: string;
  maxTables?: string;
  maxColumns?: string;
}

export const RETENTION_HELP = 'retention period, e.g. 30d, 1y, 12h, 1mo; 0, none or infinite for no limit';

/**
 * Flags → API settings, checked against the spec's rules. On create, influxctl treats a limit of 0 as
 * "use the server default", so 0 leaves the field out; on update 0 is an error (minimum 1).
 */
export function parseSettings(flags: SettingsFlags, mode: 'create' | 'update'): DatabaseSettings {
  return asUsage(() => {
    const settings: DatabaseSettings = {};
    if (flags.retentionPeriod !== undefined) {
      const ns = parseDuration(flags.retentionPeriod, { allowUnlimited: true });
      if (ns !== 0n && ns < 3_600_000_000_000n) throw new Error(`--retention-period ${flags.retentionPeriod} is shorter than the minimum of 1h`);
      settings.retentionPeriod = Number(ns > MAX_DURATION_NS ? MAX_DURATION_NS : ns);
    }
    const min = mode === 'create' ? 0 : 1;
    if (flags.maxTables !== undefined) {
      const value = parseWholeNumber('--max-tables', flags.maxTables, { min, max: INT32_MAX });
      if (value > 0) settings.maxTables = value;
    }
    if (flags.maxColumns !== undefined) {
      const value = parseWholeNumber('--max-columns', flags.maxColumns, { min, max: INT32_MAX });
      if (value > 0) settings.maxColumnsPerTable = value;
    }
    return settings;
  });
}

export function databaseName(name: string, what = 'database name'): string {
  return asUsage(() => checkManagementDatabaseName(name, what));
}

export async function managementClient(ctx: Context, verb: Verb): Promise<ManagementClient> {
  const { target, http } = await ctx.connect(verb);
  const { ManagementClient } = await import('../../api/management.js');
  return new ManagementClient(http, { product: target.product as 'dedicated' | 'clustered', account: target.account, cluster: target.cluster });
}

const text = (value: number | undefined) => (value === undefined ? '' : String(value));

export const DATABASE_COLUMNS: ReadonlyArray<Column<ManagementDatabase>> = [
  { header: 'NAME', value: (d) => d.name },
  { header: 'RETENTION', value: (d) => (d.retentionPeriod === undefined ? '' : formatRetention(d.retentionPeriod)) },
  { header: 'MAX TABLES', value: (d) => text(d.maxTables) },
  { header: 'MAX COLUMNS/TABLE', value: (d) => text(d.maxColumnsPerTable) },
  { header: 'PARTITION TEMPLATE', value: (d) => summarizePartitionTemplate(d.partitionTemplate) },
];

export const ID_COLUMN: Column<ManagementDatabase> = { header: 'ID', value: (d) => text(d.id) };

/** Columns for a list: the ID column only when the server gave IDs. */
export function listColumns(rows: readonly ManagementDatabase[]): ReadonlyArray<Column<ManagementDatabase>> {
  const [name, ...rest] = DATABASE_COLUMNS;
  return rows.some((d) => d.id !== undefined) ? [name!, ID_COLUMN, ...rest] : DATABASE_COLUMNS;
}

/** The JSON object: the API's own, plus the retention as a human string. */
export function databaseJson(d: ManagementDatabase): unknown {
  return d.retentionPeriod === undefined ? d : { ...d, retentionPeriodHuman: formatRetention(d.retentionPeriod) };
}
