import { Command } from '../../line/command.js';
import type { Context } from '../../context.js';
import { HARD_DELETE_HELP } from '../database/shared.js';
import { deleteEach, IGNORE_NOT_FOUND } from '../delete-each.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';

export interface DeleteTableFlags {
  hardDelete?: string;
  dataOnly?: boolean;
}

/** Shared with `delete table` (the influxdb3 shape). */
export async function deleteTable(ctx: Context, database: string, table: string, opts: DeleteTableFlags): Promise<void> {
  const tables = await ops(ctx, 'table delete', 'tables');
  const removal = await tables.removal(database, [table], opts);
  const forGood = opts.hardDelete?.trim().toLowerCase() === 'now' ? ' for good, now' : '';
  await deleteEach(ctx, {
    ...removal,
    question: `Delete ${opts.dataOnly ? 'the data of ' : ''}table "${removal.names[0]}" from database "${database}"${forGood}? Pause writes to it first, or they recreate it.`,
    extra: { database },
  });
}

export function deleteCommand(): Command {
  return verb(new Command('delete')
    .alias('rm')
    .description('delete a table (asks first unless --yes)')
    .argument('<database>', 'database name')
    .argument('<table>', 'table name')
    .option('--hard-delete <when>', HARD_DELETE_HELP)
    .option('--data-only', 'delete the data but keep the schema')
    .option(...IGNORE_NOT_FOUND)
    .action(run(async (ctx, opts: DeleteTableFlags, database: string, table: string) => deleteTable(ctx, database, table, opts))), 'table delete', [
    'influxadm table delete sensors cpu',
    'influxadm table rm sensors cpu --hard-delete now --yes',
  ]);
}
