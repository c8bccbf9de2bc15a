import { Command } from 'commander';
import { deleteDatabases, type DeleteFlags } from '../database/delete.js';
import { HARD_DELETE_HELP } from '../database/shared.js';
import { run } from '../run.js';

export function deleteDatabaseCommand(): Command {
  return new Command('database')
    .description('delete a database (same as `database delete`; asks first unless -y)')
    .argument('<name>', 'database name')
    .option('--hard-delete <when>', HARD_DELETE_HELP)
    .option('--data-only', 'enterprise: delete the data but keep the schema and resources')
    .option('--remove-tables', 'enterprise: with --data-only, also remove table resources')
    .action(run(async (ctx, opts: DeleteFlags, name: string) => deleteDatabases(ctx, [name], opts)));
}
