import { Command } from '../../line/command.js';
import type { Context } from '../../context.js';
import { usageError } from '../../errors.js';
import { deleteEach, IGNORE_NOT_FOUND, ignoringNotFound } from '../delete-each.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { waitOptions, withWait, type WaitFlags } from '../wait.js';
import { HARD_DELETE_HELP } from './shared.js';

export interface DeleteFlags extends WaitFlags {
  hardDelete?: string;
  dataOnly?: boolean;
  removeTables?: boolean;
  datastore?: string;
}

/** Shared with `delete database` (the influxdb3 shape). */
export async function deleteDatabases(ctx: Context, names: string[], opts: DeleteFlags): Promise<void> {
  const databases = await ops(ctx, 'database delete', 'databases');
  if (opts.removeTables && !opts.dataOnly) throw usageError('--remove-tables goes with --data-only');
  await withWait(ctx, opts, async (options) => {
    const { hardDelete, dataOnly, removeTables, datastore } = opts;
    const removal = await databases.removal(names, { hardDelete, dataOnly, removeTables, datastore, ...options, missingAllowed: ignoringNotFound(ctx) });
    const what = opts.dataOnly ? 'the data of ' : '';
    const forGood = opts.hardDelete?.trim().toLowerCase() === 'now' ? ' for good, now' : '';
    const where = opts.datastore !== undefined ? ` in datastore "${opts.datastore}"` : '';
    const list = removal.names.map((n) => `"${n}"`).join(', ');
    await deleteEach(ctx, {
      ...removal,
      question: `Delete ${what}${removal.names.length === 1 ? 'database' : 'databases'} ${list}${where}${forGood}?`,
    });
  });
}

export function deleteCommand(): Command {
  return verb(waitOptions(new Command('delete')
    .alias('rm')
    .description('delete one or more databases (goes on past a failure; asks first unless --yes)')
    .argument('<name...>', 'database names')
    .option('--hard-delete <when>', HARD_DELETE_HELP)
    .option('--data-only', 'delete the data but keep the schema and resources')
    .option('--remove-tables', 'with --data-only, also remove table resources')
    .option('--datastore <datastore>', 'the datastore they are in (name or ID)'), 'they are gone')
    .option(...IGNORE_NOT_FOUND)
    .action(run(async (ctx, opts: DeleteFlags, names: string[]) => deleteDatabases(ctx, names, opts))), 'database delete', [
    'influxadm database delete scratch',
    'influxadm db rm old-a old-b --yes',
    'influxadm db delete iot --hard-delete now --yes',
  ]);
}
