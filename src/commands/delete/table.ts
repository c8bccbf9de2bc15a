import { Command } from 'commander';
import { usageError } from '../../errors.js';
import { HARD_DELETE_HELP } from '../database/shared.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { deleteTable, type DeleteTableFlags } from '../table/delete.js';
import { IGNORE_NOT_FOUND } from '../delete-each.js';

export function deleteTableCommand(): Command {
  return verb(new Command('table')
    .description('delete a table (same as `table delete DATABASE TABLE`; asks first unless -y)')
    .argument('<table>', 'table name')
    .option('-d, --database <name>', 'database the table is in')
    .option('--hard-delete <when>', HARD_DELETE_HELP)
    .option('--data-only', 'delete the data but keep the schema')
    .option(...IGNORE_NOT_FOUND)
    .action(run(async (ctx, opts: DeleteTableFlags & { database?: string }, table: string) => {
      if (!opts.database) throw usageError('which database? pass -d/--database NAME');
      await deleteTable(ctx, opts.database, table, opts);
    })), 'table delete', [
    'influxadm delete table -d sensors cpu -y',
  ]);
}
