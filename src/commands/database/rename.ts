import { Command } from 'commander';
import { printRecord } from '../../format/output.js';
import { run } from '../run.js';
import { databaseJson, databaseName, listColumns } from './shared.js';
import { managementClient } from '../clients.js';

export function renameCommand(): Command {
  return new Command('rename')
    .description('rename a database (keeps its ID and data; tokens naming the old name stop working)')
    .argument('<old-name>', 'current name')
    .argument('<new-name>', 'new name')
    .action(run(async (ctx, _opts, oldName: string, newName: string) => {
      const target = await ctx.check('database rename');
      const from = databaseName(target.product, oldName);
      const to = databaseName(target.product, newName, 'new database name');
      const client = await managementClient(await ctx.connect('database rename'));
      const renamed = await client.renameDatabase(from, to);
      ctx.io.err(`renamed database "${from}" to "${renamed.name}"${renamed.id !== undefined ? ` (ID ${renamed.id})` : ''}; tokens that name "${from}" no longer grant access\n`);
      await printRecord(ctx, renamed, listColumns([renamed]), databaseJson(renamed));
    }));
}
