import { Command } from 'commander';
import { usageError } from '../../errors.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { columnOptions, createTable, type CreateTableFlags } from '../table/create.js';
import { IF_NOT_EXISTS } from '../if-not-exists.js';

export function createTableCommand(): Command {
  return verb(columnOptions(new Command('table')
    .description('create a table (same as `table create DATABASE TABLE`)')
    .argument('<table>', 'table name')
    .option('-d, --database <name>', 'database the table goes in'), '-f, --fields <fields>')
    .option(...IF_NOT_EXISTS)
    .action(run(async (ctx, opts: CreateTableFlags & { database?: string }, table: string) => {
      if (!opts.database) throw usageError('which database? pass -d/--database NAME');
      await createTable(ctx, opts.database, table, opts);
    })), 'table create', [
    'influxadm create table -d sensors --tags host -f usage:float64 cpu',
  ]);
}
