import { Command } from 'commander';
import { asUsage } from '../../errors.js';
import { parseHardDelete } from '../../input/influxdb3.js';
import { isManagement } from '../../products.js';
import type { Context } from '../../context.js';
import { databaseName, HARD_DELETE_HELP } from '../database/shared.js';
import { influxDb3Client, managementClient } from '../clients.js';
import { deleteEach } from '../delete-each.js';
import { givenFlags } from '../options.js';
import { run } from '../run.js';
import { tableName } from './shared.js';

export interface DeleteTableFlags {
  hardDelete?: string;
  dataOnly?: boolean;
}

/** Shared with `delete table` (the influxdb3 shape). */
export async function deleteTable(ctx: Context, database: string, table: string, opts: DeleteTableFlags): Promise<void> {
  const flags = givenFlags(opts, { hardDelete: '--hard-delete', dataOnly: '--data-only' });
  const target = await ctx.check('table delete', flags);
  const db = databaseName(target.product, database);
  const name = tableName(target.product, table);
  const hardDeleteAt = opts.hardDelete === undefined ? undefined : asUsage(() => parseHardDelete(opts.hardDelete!));
  const conn = await ctx.connect('table delete', flags);
  const remove = isManagement(target.product)
    ? await managementClient(conn).then((client) => (t: string) => client.deleteTable(db, t))
    : await influxDb3Client(conn).then((client) => (t: string) => client.deleteTable(db, t, { hardDeleteAt, dataOnly: opts.dataOnly }));
  await deleteEach(ctx, {
    names: [name],
    label: (t) => `${opts.dataOnly ? 'the data of ' : ''}table "${t}" from database "${db}"${hardDeleteAt === 'now' ? ' for good' : ''}`,
    question: `Delete ${opts.dataOnly ? 'the data of ' : ''}table "${name}" from database "${db}"${hardDeleteAt === 'now' ? ' for good, now' : ''}? Pause writes to it first, or they recreate it.`,
    remove,
    extra: { database: db },
  });
}

export function deleteCommand(): Command {
  return new Command('delete')
    .alias('rm')
    .description('delete a table (asks first unless --yes)')
    .argument('<database>', 'database name')
    .argument('<table>', 'table name')
    .option('--hard-delete <when>', HARD_DELETE_HELP)
    .option('--data-only', 'enterprise: delete the data but keep the schema')
    .action(run(async (ctx, opts: DeleteTableFlags, database: string, table: string) => deleteTable(ctx, database, table, opts)));
}
