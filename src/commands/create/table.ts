import { Command } from '../../line/command.js';
import { databaseOrEnv } from '../database-env.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { columnOptions, createTable, type CreateTableFlags } from '../table/create.js';
import { IF_NOT_EXISTS } from '../if-not-exists.js';

export function createTableCommand(): Command {
  return verb(columnOptions(new Command('table')
    .description('create a table (same as `table create DATABASE TABLE`)')
    .argument('<table>', 'table name')
    .option('-d, --database <name>', 'database the table goes in (core, enterprise: else INFLUXDB3_DATABASE_NAME)'), '-f, --fields <fields>')
    .option(...IF_NOT_EXISTS)
    .action(run(async (ctx, opts: CreateTableFlags & { database?: string }, table: string) => {
      await createTable(ctx, await databaseOrEnv(ctx, 'table create', opts.database, 'which database? pass -d/--database NAME'), table, opts);
    })), 'table create', [
    'influxadm create table -d sensors --tags host -f usage:float64 cpu',
  ]);
}
