import { Command } from '../../line/command.js';
import type { Context } from '../../context.js';
import { usageError } from '../../errors.js';
import { printShown } from '../../format/records.js';
import { parseRetention } from '../database/shared.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';

export const TABLE_RETENTION_HELP = "the table's own retention period, e.g. 30d, 1y, 12h; none for the database's";

export interface UpdateTableFlags {
  retentionPeriod?: string;
}

/** Shared with `update table` (the influxdb3 shape). */
export async function updateTable(ctx: Context, database: string, table: string, opts: UpdateTableFlags): Promise<void> {
  const tables = await ops(ctx, 'table update', 'tables');
  if (opts.retentionPeriod === undefined) throw usageError('nothing to update', 'pass --retention-period D (or none)');
  const shown = await tables.update!(database, table, { retentionPeriod: parseRetention(opts.retentionPeriod) });
  ctx.done(`updated table "${shown.name}" in database "${database}"`);
  await printShown(ctx, shown);
}

export function updateCommand(): Command {
  return verb(new Command('update')
    .description("change a table's retention period")
    .argument('<database>', 'database name')
    .argument('<table>', 'table name')
    .option('--retention-period <duration>', TABLE_RETENTION_HELP)
    .action(run(async (ctx, opts: UpdateTableFlags, database: string, table: string) => updateTable(ctx, database, table, opts))), 'table update', [
    'influxadm table update sensors cpu --retention-period 30d',
    'influxadm table update sensors cpu --retention-period none',
  ]);
}
