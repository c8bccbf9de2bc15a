// Flag grammar the database verbs share: retention (the one duration grammar, at least an hour) and table
// and column limits. Which product takes which is the backend's business.

import { asUsage } from '../../errors.js';
import { MIN_RETENTION_NS, parseDuration } from '../../input/duration.js';
import { INT32_MAX, parseWholeNumber } from '../../input/numbers.js';
import type { DatabaseChanges } from '../../products/types.js';

export interface SettingsFlags {
  retentionPeriod?: string;
  maxTables?: string;
  maxColumns?: string;
}

export const RETENTION_HELP = 'retention period, e.g. 30d, 1y, 12h, 1mo; 0, none or infinite for no limit';
export const HARD_DELETE_HELP = 'when to remove the data for good: never, now, default or an RFC 3339 time';

/** Parses --retention-period: nanoseconds, 0 for "no limit"; at least 1h otherwise. */
export function parseRetention(text: string): bigint {
  return asUsage(() => {
    const ns = parseDuration(text, { allowUnlimited: true });
    if (ns !== 0n && ns < MIN_RETENTION_NS) throw new Error(`--retention-period ${text} is shorter than the minimum of 1h`);
    return ns;
  });
}

/**
 * The settings flags in the common vocabulary. On create, influxctl treats a limit of 0 as "use the server
 * default", so 0 leaves the field out; on update 0 is an error.
 */
export function parseSettings(flags: SettingsFlags, mode: 'create' | 'update'): DatabaseChanges {
  const settings: DatabaseChanges = {};
  if (flags.retentionPeriod !== undefined) settings.retentionPeriod = parseRetention(flags.retentionPeriod);
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
