import { Command } from '../../line/command.js';
import type { Context } from '../../context.js';
import { usageError } from '../../errors.js';
import { printShown } from '../../format/records.js';
import { declaredFlags, ops, orList } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { waitOptions, withWait, type WaitFlags } from '../wait.js';
import { parseSettings, RETENTION_HELP, type SettingsFlags } from './shared.js';

/** Shared with `update database` (the influxdb3 shape). */
export interface UpdateFlags extends SettingsFlags, WaitFlags {
  datastore?: string;
  owner?: string;
}

const WAIT_FLAGS = ['--wait', '--no-wait', '--wait-timeout'];

export async function updateDatabase(ctx: Context, name: string, opts: UpdateFlags): Promise<void> {
  const databases = await ops(ctx, 'database update', 'databases');
  const checked = databases.checkName(name);
  const changes = { ...parseSettings(opts, 'update'), ...(opts.owner !== undefined ? { owner: opts.owner } : {}) };
  if (Object.keys(changes).length === 0) throw usageError('nothing to update', `pass ${orList((await declaredFlags(ctx, 'database update')).filter((f) => !WAIT_FLAGS.includes(f) && f !== '--datastore'))}`);
  const shown = await withWait(ctx, opts, (options) => databases.update(checked, changes, { ...options, ...(opts.datastore !== undefined ? { datastore: opts.datastore } : {}) }));
  ctx.done(`updated database "${shown.name}"`);
  await printShown(ctx, shown);
}

export function updateCommand(): Command {
  return verb(waitOptions(new Command('update')
    .description("change a database's retention period or limits (only what you pass)")
    .argument('<name>', 'database name')
    .option('--retention-period <duration>', RETENTION_HELP)
    .option('--max-tables <n>', 'maximum tables')
    .option('--max-columns <n>', 'maximum columns per table')
    .option('--datastore <datastore>', 'the datastore it is in (name or ID)')
    .option('--owner <user>', 'the new owning user (name or ID)'))
    .action(run(async (ctx, opts: UpdateFlags, name: string) => updateDatabase(ctx, name, opts))), 'database update', [
    'influxadm database update sensors --retention-period 90d',
    'influxadm db update sensors --retention-period none',
    'influxadm db update iot --max-tables 1000',
  ]);
}
