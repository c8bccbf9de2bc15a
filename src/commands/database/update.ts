import { Command } from 'commander';
import { usageError } from '../../errors.js';
import { printRecord } from '../../format/output.js';
import { isManagement } from '../../products.js';
import type { Context } from '../../context.js';
import { givenFlags } from '../options.js';
import { run } from '../run.js';
import { databaseJson, databaseName, INFLUXDB3_SETTINGS_COLUMNS, influxDb3Retention, influxDb3Settings, listColumns, parseRetention, parseSettings, RETENTION_HELP, type SettingsFlags } from './shared.js';
import { influxDb3Client, managementClient } from '../clients.js';

const NOTHING = 'pass --retention-period, --max-tables or --max-columns';

/** Shared with `update database` (the influxdb3 shape). */
export async function updateDatabase(ctx: Context, name: string, opts: SettingsFlags): Promise<void> {
  const flags = givenFlags(opts, { maxTables: '--max-tables', maxColumns: '--max-columns' });
  const target = await ctx.check('database update', flags);
  const checked = databaseName(target.product, name);
  if (isManagement(target.product)) {
    const settings = parseSettings(opts, 'update');
    if (Object.keys(settings).length === 0) throw usageError('nothing to update', NOTHING);
    const client = await managementClient(await ctx.connect('database update', flags));
    const updated = await client.updateDatabase(checked, settings);
    ctx.io.err(`updated database "${updated.name}"\n`);
    await printRecord(ctx, updated, listColumns([updated]), databaseJson(updated));
    return;
  }
  if (opts.retentionPeriod === undefined) throw usageError('nothing to update', 'pass --retention-period D (or none)');
  const retention = parseRetention(opts.retentionPeriod);
  const client = await influxDb3Client(await ctx.connect('database update', flags));
  await client.updateDatabase(checked, influxDb3Retention(retention));
  ctx.io.err(`updated database "${checked}"\n`);
  const settings = influxDb3Settings(checked, retention);
  await printRecord(ctx, settings, INFLUXDB3_SETTINGS_COLUMNS, settings);
}

export function updateCommand(): Command {
  return new Command('update')
    .description("change a database's retention period or limits (only what you pass)")
    .argument('<name>', 'database name')
    .option('--retention-period <duration>', RETENTION_HELP)
    .option('--max-tables <n>', 'dedicated/clustered: maximum tables')
    .option('--max-columns <n>', 'dedicated/clustered: maximum columns per table')
    .action(run(async (ctx, opts: SettingsFlags, name: string) => updateDatabase(ctx, name, opts)));
}
