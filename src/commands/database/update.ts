import { Command } from 'commander';
import type { Context } from '../../context.js';
import { usageError } from '../../errors.js';
import { printShown } from '../../format/records.js';
import { declaredFlags, ops, orList } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { parseSettings, RETENTION_HELP, type SettingsFlags } from './shared.js';

/** Shared with `update database` (the influxdb3 shape). */
export async function updateDatabase(ctx: Context, name: string, opts: SettingsFlags): Promise<void> {
  const databases = await ops(ctx, 'database update', 'databases');
  const checked = databases.checkName(name);
  const changes = parseSettings(opts, 'update');
  if (Object.keys(changes).length === 0) throw usageError('nothing to update', `pass ${orList(await declaredFlags(ctx, 'database update'))}`);
  const shown = await databases.update(checked, changes);
  ctx.io.err(`updated database "${shown.name}"\n`);
  await printShown(ctx, shown);
}

export function updateCommand(): Command {
  return verb(new Command('update')
    .description("change a database's retention period or limits (only what you pass)")
    .argument('<name>', 'database name')
    .option('--retention-period <duration>', RETENTION_HELP)
    .option('--max-tables <n>', 'maximum tables')
    .option('--max-columns <n>', 'maximum columns per table')
    .action(run(async (ctx, opts: SettingsFlags, name: string) => updateDatabase(ctx, name, opts))), 'database update', [
    'influxadm database update sensors --retention-period 90d',
    'influxadm db update sensors --retention-period none',
    'influxadm db update iot --max-tables 1000',
  ]);
}
