import { Command } from '../../line/command.js';
import { HARD_DELETE_HELP } from '../database/shared.js';
import { databaseOrEnv } from '../database-env.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { deleteTable, type DeleteTableFlags } from '../table/delete.js';
import { IGNORE_NOT_FOUND } from '../delete-each.js';

export function deleteTableCommand(): Command {
  return verb(new Command('table')
    .description('delete a table (same as `table delete DATABASE TABLE`; asks first unless -y)')
    .argument('<table>', 'table name')
    .option('-d, --database <name>', 'database the table is in (core, enterprise: else INFLUXDB3_DATABASE_NAME)')
    .option('--hard-delete <when>', HARD_DELETE_HELP)
    .option('--data-only', 'delete the data but keep the schema')
    .option(...IGNORE_NOT_FOUND)
    .action(run(async (ctx, opts: DeleteTableFlags & { database?: string }, table: string) => {
      await deleteTable(ctx, await databaseOrEnv(ctx, 'table delete', opts.database, 'which database? pass -d/--database NAME'), table, opts);
    })), 'table delete', [
    'influxadm delete table -d sensors cpu -y',
  ]);
}
