import { Command } from 'commander';
import { asUsage, usageError } from '../../errors.js';
import { parseHardDelete } from '../../input/influxdb3.js';
import { isManagement } from '../../products.js';
import type { Context } from '../../context.js';
import { deleteEach } from '../delete-each.js';
import { givenFlags } from '../options.js';
import { run } from '../run.js';
import { databaseName, HARD_DELETE_HELP } from './shared.js';
import { influxDb3Client, managementClient } from '../clients.js';

export interface DeleteFlags {
  hardDelete?: string;
  dataOnly?: boolean;
  removeTables?: boolean;
}

/** Shared with `delete database` (the influxdb3 shape). */
export async function deleteDatabases(ctx: Context, names: string[], opts: DeleteFlags): Promise<void> {
  const flags = givenFlags(opts, { hardDelete: '--hard-delete', dataOnly: '--data-only', removeTables: '--remove-tables' });
  const target = await ctx.check('database delete', flags);
  const unique = [...new Set(names.map((n) => databaseName(target.product, n)))];
  const hardDeleteAt = opts.hardDelete === undefined ? undefined : asUsage(() => parseHardDelete(opts.hardDelete!));
  if (opts.removeTables && !opts.dataOnly) throw usageError('--remove-tables goes with --data-only');
  const conn = await ctx.connect('database delete', flags);
  const remove = isManagement(target.product)
    ? await managementClient(conn).then((client) => (name: string) => client.deleteDatabase(name))
    : await influxDb3Client(conn).then((client) => (name: string) => client.deleteDatabase(name, { hardDeleteAt, dataOnly: opts.dataOnly, removeTables: opts.removeTables }));
  const what = opts.dataOnly ? 'the data of ' : '';
  const when = hardDeleteAt === 'now' ? ' for good, now' : '';
  await deleteEach(ctx, {
    names: unique,
    label: (name) => `${opts.dataOnly ? 'the data of ' : ''}database "${name}"${hardDeleteAt === 'now' ? ' for good' : ''}`,
    question: `Delete ${what}${unique.length === 1 ? 'database' : 'databases'} ${unique.map((n) => `"${n}"`).join(', ')}${when}?`,
    remove,
  });
}

export function deleteCommand(): Command {
  return new Command('delete')
    .alias('rm')
    .description('delete one or more databases (goes on past a failure; asks first unless --yes)')
    .argument('<name...>', 'database names')
    .option('--hard-delete <when>', HARD_DELETE_HELP)
    .option('--data-only', 'enterprise: delete the data but keep the schema and resources')
    .option('--remove-tables', 'enterprise: with --data-only, also remove table resources')
    .action(run(async (ctx, opts: DeleteFlags, names: string[]) => deleteDatabases(ctx, names, opts)));
}
