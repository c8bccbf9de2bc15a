// Pieces the database verbs share: flag parsing into API settings, names per product, the output
// columns and JSON shapes, and the product clients.

import type { DatabaseSettings } from '../../api/management.js';
import type { ManagementDatabase } from '../../api/schemas/management.js';
import { asUsage } from '../../errors.js';
import { formatHumantime, formatRetention, parseDuration } from '../../input/duration.js';
import { checkInfluxDb3DatabaseName } from '../../input/influxdb3.js';
import { checkManagementDatabaseName } from '../../input/names.js';
import { INT32_MAX, parseWholeNumber } from '../../input/numbers.js';
import { isManagement, type Product } from '../../products.js';
import { summarizePartitionTemplate } from '../../format/partition-template.js';
import type { Column } from '../../format/output.js';

export interface SettingsFlags {
  retentionPeriod?: string;
  maxTables?: string;
  maxColumns?: string;
}

export const RETENTION_HELP = 'retention period, e.g. 30d, 1y, 12h, 1mo; 0, none or infinite for no limit';
export const HARD_DELETE_HELP = 'core/enterprise: when to remove the data for good: never, now, default or an RFC 3339 time';

const ONE_HOUR_NS = 3_600_000_000_000n;

/** Parses --retention-period: nanoseconds, 0 for "no limit"; at least 1h otherwise. */
export function parseRetention(text: string): bigint {
  return asUsage(() => {
    const ns = parseDuration(text, { allowUnlimited: true });
    if (ns !== 0n && ns < ONE_HOUR_NS) throw new Error(`--retention-period ${text} is shorter than the minimum of 1h`);
    return ns;
  });
}

/** Core/Enterprise take retention as a humantime string; `null` means none. */
export function influxDb3Retention(ns: bigint): string | null {
  return ns === 0n ? null : formatHumantime(ns);
}

/**
 * Flags → Management API settings, checked against the spec's rules. On create, influxctl treats a
 * limit of 0 as "use the server default", so 0 leaves the field out; on update 0 is an error.
 */
export function parseSettings(flags: SettingsFlags, mode: 'create' | 'update'): DatabaseSettings {
  const settings: DatabaseSettings = {};
  if (flags.retentionPeriod !== undefined) {
    settings.retentionPeriod = Number(parseRetention(flags.retentionPeriod));
  }
  return asUsage(() => {
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

/** Checks a database name by the rules of the product it goes to. */
export function databaseName(product: Product, name: string, what = 'database name'): string {
  return asUsage(() => (isManagement(product) ? checkManagementDatabaseName(name, what) : checkInfluxDb3DatabaseName(name, what)));
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

/** Core/Enterprise answer create and update with an empty body; this is what we report instead. */
export interface InfluxDb3DatabaseSettings {
  name: string;
  retentionPeriod?: number;
  retentionPeriodHuman?: string;
}

export function influxDb3Settings(name: string, retentionNs: bigint | undefined): InfluxDb3DatabaseSettings {
  if (retentionNs === undefined) return { name };
  return { name, retentionPeriod: Number(retentionNs), retentionPeriodHuman: formatRetention(retentionNs) };
}

export const INFLUXDB3_SETTINGS_COLUMNS: ReadonlyArray<Column<InfluxDb3DatabaseSettings>> = [
  { header: 'NAME', value: (d) => d.name },
  { header: 'RETENTION', value: (d) => d.retentionPeriodHuman ?? '' },
];
