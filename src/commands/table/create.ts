import { Command } from 'commander';
import { asUsage, usageError } from '../../errors.js';
import { printRecord, type Column } from '../../format/output.js';
import { formatRetention } from '../../input/duration.js';
import { parseFields, parseTags } from '../../input/influxdb3.js';
import { parsePartitionTemplate, type TemplateFlags } from '../../input/partition-template.js';
import { isManagement } from '../../products.js';
import type { Context } from '../../context.js';
import { databaseName, influxDb3Retention, parseRetention } from '../database/shared.js';
import { influxDb3Client, managementClient } from '../clients.js';
import { collect, givenFlags } from '../options.js';
import { run } from '../run.js';
import { MANAGEMENT_TABLE_COLUMNS, tableName } from './shared.js';

export interface CreateTableFlags extends TemplateFlags {
  tags?: string[];
  fields?: string[];
  retentionPeriod?: string;
}

interface InfluxDb3Table {
  database: string;
  name: string;
  tags: string[];
  fields: Array<{ name: string; type: string }>;
  retentionPeriod?: number;
  retentionPeriodHuman?: string;
}

const INFLUXDB3_COLUMNS: ReadonlyArray<Column<InfluxDb3Table>> = [
  { header: 'NAME', value: (t) => t.name },
  { header: 'DATABASE', value: (t) => t.database },
  { header: 'TAGS', value: (t) => t.tags.join(',') },
  { header: 'FIELDS', value: (t) => t.fields.map((f) => `${f.name}:${f.type}`).join(',') },
  { header: 'RETENTION', value: (t) => t.retentionPeriodHuman ?? '' },
];

const PRODUCT_FLAGS = {
  templateTag: '--template-tag',
  templateTagBucket: '--template-tag-bucket',
  templateTimeformat: '--template-timeformat',
  tags: '--tags',
  fields: '--fields',
  retentionPeriod: '--retention-period',
};

/** Shared with `create table` (the influxdb3 shape). */
export async function createTable(ctx: Context, database: string, table: string, opts: CreateTableFlags): Promise<void> {
  const flags = givenFlags(opts, PRODUCT_FLAGS);
  const target = await ctx.check('table create', flags);
  const db = databaseName(target.product, database);
  const name = tableName(target.product, table);
  if (isManagement(target.product)) {
    const template = asUsage(() => parsePartitionTemplate(opts));
    const client = await managementClient(await ctx.connect('table create', flags));
    const created = await client.createTable(db, name, template);
    ctx.io.err(`created table "${created.name}" in database "${db}"\n`);
    await printRecord(ctx, created, MANAGEMENT_TABLE_COLUMNS, created);
    return;
  }
  const tags = asUsage(() => parseTags(opts.tags ?? []));
  const fields = asUsage(() => parseFields(opts.fields ?? []));
  const clash = fields.find((f) => tags.includes(f.name));
  if (clash) throw usageError(`"${clash.name}" is given as both a tag and a field`);
  const retention = opts.retentionPeriod === undefined ? undefined : parseRetention(opts.retentionPeriod);
  const client = await influxDb3Client(await ctx.connect('table create', flags));
  const humantime = retention === undefined ? undefined : influxDb3Retention(retention) ?? undefined;
  await client.createTable(db, name, { tags, fields, retentionPeriod: humantime });
  ctx.io.err(`created table "${name}" in database "${db}"\n`);
  const created: InfluxDb3Table = { database: db, name, tags, fields };
  if (retention !== undefined) Object.assign(created, { retentionPeriod: Number(retention), retentionPeriodHuman: formatRetention(retention) });
  await printRecord(ctx, created, INFLUXDB3_COLUMNS, created);
}

/** The Core/Enterprise column options, shared with `create table` (the influxdb3 shape). */
export function columnOptions(cmd: Command): Command {
  return cmd
    .option('--tags <tags>', 'core/enterprise: tag columns, comma-separated (repeatable)', collect)
    .option('-f, --fields <fields>', 'core/enterprise: field columns as name:type, types int64 uint64 float64 utf8 bool (repeatable)', collect)
    .option('--retention-period <duration>', 'enterprise: retention period of the table');
}

export function createCommand(): Command {
  return columnOptions(new Command('create')
    .description('create a table (dedicated/clustered: with a partition template; core/enterprise: with its columns)')
    .argument('<database>', 'database name')
    .argument('<table>', 'table name')
    .option('--template-tag <tag>', 'dedicated/clustered: partition by this tag (repeatable)', collect)
    .option('--template-tag-bucket <tag,n>', 'dedicated/clustered: partition by a hash of this tag into n buckets (repeatable)', collect)
    .option('--template-timeformat <format>', 'dedicated/clustered: time part: %Y-%m-%d, %Y-%m or %Y'))
    .action(run(async (ctx, opts: CreateTableFlags, database: string, table: string) => createTable(ctx, database, table, opts)));
}
