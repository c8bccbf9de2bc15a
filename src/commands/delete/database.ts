import { Command } from '../../line/command.js';
import { deleteDatabases, type DeleteFlags } from '../database/delete.js';
import { HARD_DELETE_HELP } from '../database/shared.js';
import { databaseOrEnv } from '../database-env.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { IGNORE_NOT_FOUND } from '../delete-each.js';

export function deleteDatabaseCommand(): Command {
  return verb(new Command('database')
    .description('delete a database (same as `database delete`; asks first unless -y)')
    .argument('[name]', 'database name (core, enterprise: or INFLUXDB3_DATABASE_NAME)')
    .option('--hard-delete <when>', HARD_DELETE_HELP)
    .option('--data-only', 'delete the data but keep the schema and resources')
    .option('--remove-tables', 'with --data-only, also remove table resources')
    .option(...IGNORE_NOT_FOUND)
    .action(run(async (ctx, opts: DeleteFlags, name?: string) => deleteDatabases(ctx, [await databaseOrEnv(ctx, 'database delete', name, 'which database? give its name')], opts))), 'database delete', [
    'influxadm delete database scratch --hard-delete now -y',
  ]);
}
