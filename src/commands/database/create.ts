import { Command } from 'commander';
import { asUsage } from '../../errors.js';
import { printRecord } from '../../format/output.js';
import { parsePartitionTemplate, type TemplateFlags } from '../../input/partition-template.js';
import { isManagement } from '../../products.js';
import type { Context } from '../../context.js';
import { collect, givenFlags } from '../options.js';
import { run } from '../run.js';
import { databaseJson, databaseName, INFLUXDB3_SETTINGS_COLUMNS, influxDb3Retention, influxDb3Settings, listColumns, parseRetention, parseSettings, RETENTION_HELP, type SettingsFlags } from './shared.js';
import { influxDb3Client, managementClient } from '../clients.js';

export type CreateFlags = SettingsFlags & TemplateFlags;

const PRODUCT_FLAGS = {
  maxTables: '--max-tables',
  maxColumns: '--max-columns',
  templateTag: '--template-tag',
  templateTagBucket: '--template-tag-bucket',
  templateTimeformat: '--template-timeformat',
};

/** Shared with `create database` (the influxdb3 shape). */
export async function createDatabase(ctx: Context, name: string, opts: CreateFlags): Promise<void> {
  const flags = givenFlags(opts, PRODUCT_FLAGS);
  const target = await ctx.check('database create', flags);
  const checked = databaseName(target.product, name);
  if (isManagement(target.product)) {
    const settings = parseSettings(opts, 'create');
    const partitionTemplate = asUsage(() => parsePartitionTemplate(opts));
    const client = await managementClient(await ctx.connect('database create', flags));
    const created = await client.createDatabase(checked, { ...settings, ...(partitionTemplate ? { partitionTemplate } : {}) });
    ctx.io.err(`created database "${created.name}"\n`);
    await printRecord(ctx, created, listColumns([created]), databaseJson(created));
    return;
  }
  const retention = opts.retentionPeriod === undefined ? undefined : parseRetention(opts.retentionPeriod);
  const client = await influxDb3Client(await ctx.connect('database create', flags));
  await client.createDatabase(checked, retention === undefined ? undefined : influxDb3Retention(retention) ?? undefined);
  ctx.io.err(`created database "${checked}"\n`);
  const settings = influxDb3Settings(checked, retention);
  await printRecord(ctx, settings, INFLUXDB3_SETTINGS_COLUMNS, settings);
}

export function createCommand(): Command {
  return new Command('create')
    .description('create a database')
    .argument('<name>', 'database name')
    .option('--retention-period <duration>', RETENTION_HELP)
    .option('--max-tables <n>', 'dedicated/clustered: maximum tables (server default 500; 0 = default)')
    .option('--max-columns <n>', 'dedicated/clustered: maximum columns per table (0 = server default)')
    .option('--template-tag <tag>', 'dedicated/clustered: partition by this tag (repeatable)', collect)
    .option('--template-tag-bucket <tag,n>', 'dedicated/clustered: partition by a hash of this tag into n buckets (repeatable)', collect)
    .option('--template-timeformat <format>', 'dedicated/clustered: time part of the partition template: %Y-%m-%d, %Y-%m or %Y')
    .action(run(async (ctx, opts: CreateFlags, name: string) => createDatabase(ctx, name, opts)));
}
