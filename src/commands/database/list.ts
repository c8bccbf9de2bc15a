import { Command } from 'commander';
import { printList, type Column } from '../../format/output.js';
import type { InfluxDb3Database } from '../../api/influxdb3.js';
import { isManagement } from '../../products.js';
import type { Context } from '../../context.js';
import { givenFlags } from '../options.js';
import { run } from '../run.js';
import { databaseJson, listColumns } from './shared.js';
import { influxDb3Client, managementClient } from '../clients.js';

export interface ListFlags {
  showDeleted?: boolean;
}

const INFLUXDB3_COLUMNS: ReadonlyArray<Column<InfluxDb3Database>> = [
  { header: 'NAME', value: (d) => d.name },
  { header: 'DELETED', value: (d) => (d.deleted ? 'yes' : '') },
];

/** Shared with `show databases` (the influxdb3 shape). */
export async function listDatabases(ctx: Context, opts: ListFlags): Promise<void> {
  const conn = await ctx.connect('database list', givenFlags(opts, { showDeleted: '--show-deleted' }));
  if (isManagement(conn.target.product)) {
    const databases = await (await managementClient(conn)).listDatabases();
    await printList(ctx, databases, listColumns(databases), databaseJson, 'databases');
    return;
  }
  const databases = await (await influxDb3Client(conn)).listDatabases(opts.showDeleted === true);
  const columns = opts.showDeleted ? INFLUXDB3_COLUMNS : INFLUXDB3_COLUMNS.slice(0, 1);
  await printList(ctx, databases, columns, (d) => d, 'databases');
}

export function listCommand(): Command {
  return new Command('list')
    .alias('ls')
    .description('list databases')
    .option('--show-deleted', 'core/enterprise: include soft-deleted databases')
    .action(run(async (ctx, opts: ListFlags) => listDatabases(ctx, opts)));
}
