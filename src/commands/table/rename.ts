import { Command } from 'commander';
import { printRecord } from '../../format/output.js';
import { databaseName } from '../database/shared.js';
import { managementClient } from '../clients.js';
import { run } from '../run.js';
import { MANAGEMENT_TABLE_COLUMNS, tableName } from './shared.js';

export function renameCommand(): Command {
  return new Command('rename')
    .description('rename a table (keeps its ID; writes and queries to the old name reach it too)')
    .argument('<database>', 'database name')
    .argument('<old-name>', 'current table name')
    .argument('<new-name>', 'new table name')
    .action(run(async (ctx, _opts, database: string, oldName: string, newName: string) => {
      const target = await ctx.check('table rename');
      const db = databaseName(target.product, database);
      const from = tableName(target.product, oldName);
      const to = tableName(target.product, newName, 'new table name');
      const client = await managementClient(await ctx.connect('table rename'));
      const renamed = await client.renameTable(db, from, to);
      ctx.io.err(`renamed table "${from}" in database "${db}" to "${renamed.name}"${renamed.id !== undefined ? ` (ID ${renamed.id})` : ''}\n`);
      await printRecord(ctx, renamed, MANAGEMENT_TABLE_COLUMNS, renamed);
    }));
}
