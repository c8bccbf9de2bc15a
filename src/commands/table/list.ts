import { Command } from 'commander';
import { SOFT_DELETED_SUFFIX } from '../../input/influxdb3.js';
import { printList, type Column } from '../../format/output.js';
import { databaseName } from '../database/shared.js';
import { influxDb3Client } from '../clients.js';
import { givenFlags } from '../options.js';
import { run } from '../run.js';

interface TableRow {
  database: string;
  name: string;
  deleted: boolean;
}

export function listCommand(): Command {
  return new Command('list')
    .alias('ls')
    .description('list the tables of a database (core/enterprise, through information_schema)')
    .argument('<database>', 'database name')
    .option('--show-deleted', 'include soft-deleted tables (renamed to NAME-YYYYMMDDTHHMMSS until hard deletion)')
    .action(run(async (ctx, opts: { showDeleted?: boolean }, database: string) => {
      const flags = givenFlags(opts, { showDeleted: '--show-deleted' });
      const target = await ctx.check('table list', flags);
      const db = databaseName(target.product, database);
      const names = await (await influxDb3Client(await ctx.connect('table list', flags))).listTables(db);
      const rows: TableRow[] = names
        .map((name) => ({ database: db, name, deleted: SOFT_DELETED_SUFFIX.test(name) }))
        .filter((row) => opts.showDeleted || !row.deleted);
      const columns: Array<Column<TableRow>> = [{ header: 'NAME', value: (t) => t.name }];
      if (opts.showDeleted) columns.push({ header: 'DELETED', value: (t) => (t.deleted ? 'yes' : '') });
      await printList(ctx, rows, columns, (row) => row, 'tables');
    }));
}
