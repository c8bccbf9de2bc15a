import { Command } from '../../line/command.js';
import { databaseOrEnv } from '../database-env.js';
import { run } from '../run.js';
import { TABLE_RETENTION_HELP, updateTable, type UpdateTableFlags } from '../table/update.js';
import { verb } from '../verb.js';

export function updateTableCommand(): Command {
  return verb(new Command('table')
    .description('change a table (same as `table update DATABASE TABLE`)')
    .argument('<table>', 'table name')
    .option('-d, --database <name>', 'database the table is in (core, enterprise: else INFLUXDB3_DATABASE_NAME)')
    .option('-r, --retention-period <duration>', TABLE_RETENTION_HELP)
    .action(run(async (ctx, opts: UpdateTableFlags & { database?: string }, table: string) => {
      await updateTable(ctx, await databaseOrEnv(ctx, 'table update', opts.database, 'which database? pass -d/--database NAME'), table, opts);
    })), 'table update', [
    'influxadm update table -d sensors -r 30d cpu',
  ]);
}
