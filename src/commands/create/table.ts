import { Command } from 'commander';
import { usageError } from '../../errors.js';
import { collect } from '../options.js';
import { run } from '../run.js';
import { createTable, type CreateTableFlags } from '../table/create.js';

export function createTableCommand(): Command {
  return new Command('table')
    .description('create a table (same as `table create DATABASE TABLE`)')
    .argument('<table>', 'table name')
    .option('-d, --database <name>', 'database the table goes in')
    .option('--tags <tags>', 'tag columns, comma-separated (repeatable)', collect)
    .option('-f, --fields <fields>', 'field columns as name:type (repeatable)', collect)
    .option('--retention-period <duration>', 'enterprise: retention period of the table')
    .action(run(async (ctx, opts: CreateTableFlags & { database?: string }, table: string) => {
      if (!opts.database) throw usageError('which database? pass -d/--database NAME');
      await createTable(ctx, opts.database, table, opts);
    }));
}
