import { Command } from '../../line/command.js';
import type { Context } from '../../context.js';
import { asUsage } from '../../errors.js';
import { printShown } from '../../format/records.js';
import { parsePartitionTemplate, type TemplateFlags } from '../../input/partition-template.js';
import { parseRetention } from '../database/shared.js';
import { collect } from '../options.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { IF_NOT_EXISTS } from '../if-not-exists.js';

export interface CreateTableFlags extends TemplateFlags {
  tags?: string[];
  fields?: string[];
  retentionPeriod?: string;
}

/** Shared with `create table` (the influxdb3 shape). */
export async function createTable(ctx: Context, database: string, table: string, opts: CreateTableFlags): Promise<void> {
  const tables = await ops(ctx, 'table create', 'tables');
  const partitionTemplate = asUsage(() => parsePartitionTemplate(opts));
  // The backend checks both names by its product's rules before anything is sent.
  const shown = await tables.create({
    database,
    name: table,
    ...(partitionTemplate ? { partitionTemplate } : {}),
    ...(opts.tags ? { tags: opts.tags } : {}),
    ...(opts.fields ? { fields: opts.fields } : {}),
    ...(opts.retentionPeriod !== undefined ? { retentionPeriod: parseRetention(opts.retentionPeriod) } : {}),
  });
  ctx.done(`created table "${shown.name}" in database "${database}"`);
  await printShown(ctx, shown);
}

/** The column options, shared with `create table` (the influxdb3 shape). */
/** `fieldsFlag`: the influxdb3-shaped `create table` spells it `-f, --fields`, as `influxdb3` does. */
export function columnOptions(cmd: Command, fieldsFlag = '--fields <fields>'): Command {
  return cmd
    .option('--tags <tags>', 'tag columns, comma-separated (repeatable)', collect)
    .option(fieldsFlag, 'field columns as name:type, types int64 uint64 float64 utf8 bool (repeatable)', collect)
    .option('--retention-period <duration>', 'retention period of the table');
}

export function createCommand(): Command {
  return verb(columnOptions(new Command('create')
    .description('create a table: with a partition template, or with its columns')
    .argument('<database>', 'database name')
    .argument('<table>', 'table name')
    .option('--template-tag <tag>', 'partition by this tag (repeatable)', collect)
    .option('--template-tag-bucket <tag,n>', 'partition by a hash of this tag into n buckets (repeatable)', collect)
    .option('--template-timeformat <format>', 'time part: %Y-%m-%d, %Y-%m or %Y'))
    .option(...IF_NOT_EXISTS)
    .action(run(async (ctx, opts: CreateTableFlags, database: string, table: string) => createTable(ctx, database, table, opts))), 'table create', [
    'influxadm table create sensors cpu --tags host,region --fields usage:float64,count:int64',
    'influxadm table create iot readings --template-tag room --template-timeformat %Y-%m-%d',
  ]);
}
