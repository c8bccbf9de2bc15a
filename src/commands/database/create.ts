import { Command } from '../../line/command.js';
import type { Context } from '../../context.js';
import { asUsage } from '../../errors.js';
import { printShown } from '../../format/records.js';
import { parsePartitionTemplate, type TemplateFlags } from '../../input/partition-template.js';
import { collect } from '../options.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { waitOptions, withWait, type WaitFlags } from '../wait.js';
import { parseSettings, RETENTION_HELP, type SettingsFlags } from './shared.js';
import { IF_NOT_EXISTS } from '../if-not-exists.js';

export interface CreateFlags extends SettingsFlags, TemplateFlags, WaitFlags {
  datastore?: string;
  owner?: string;
  lcCollate?: string;
  lcCtype?: string;
}

/** Shared with `create database` (the influxdb3 shape). */
export async function createDatabase(ctx: Context, name: string, opts: CreateFlags): Promise<void> {
  const databases = await ops(ctx, 'database create', 'databases');
  const checked = databases.checkName(name);
  const settings = parseSettings(opts, 'create');
  const partitionTemplate = asUsage(() => parsePartitionTemplate(opts));
  const { datastore, owner, lcCollate, lcCtype } = opts;
  const shown = await withWait(ctx, opts, (options) => databases.create({ name: checked, ...settings, ...(partitionTemplate ? { partitionTemplate } : {}), datastore, owner, lcCollate, lcCtype }, options));
  ctx.done(`created database "${shown.name}"`);
  await printShown(ctx, shown);
}

export function createCommand(): Command {
  return verb(waitOptions(new Command('create')
    .description('create a database')
    .argument('<name>', 'database name')
    .option('--retention-period <duration>', RETENTION_HELP)
    .option('--max-tables <n>', 'maximum tables (server default 500; 0 = default)')
    .option('--max-columns <n>', 'maximum columns per table (0 = server default)')
    .option('--template-tag <tag>', 'partition by this tag (repeatable)', collect)
    .option('--template-tag-bucket <tag,n>', 'partition by a hash of this tag into n buckets (repeatable)', collect)
    .option('--template-timeformat <format>', 'time part of the partition template: %Y-%m-%d, %Y-%m or %Y')
    .option('--datastore <datastore>', 'the datastore it goes in (name or ID)')
    .option('--owner <user>', 'the owning user (name or ID)')
    .option('--lc-collate <locale>', 'collation locale (fixed at creation)')
    .option('--lc-ctype <locale>', 'character classification locale (fixed at creation)'), 'the database is ready')
    .option(...IF_NOT_EXISTS)
    .action(run(async (ctx, opts: CreateFlags, name: string) => createDatabase(ctx, name, opts))), 'database create', [
    'influxadm database create sensors --retention-period 30d',
    'influxadm db create iot --retention-period 1y --max-tables 200 --max-columns 400',
    'influxadm db create app --datastore pg-main --owner app_rw --wait',
  ]);
}
