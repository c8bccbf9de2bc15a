import { Command } from 'commander';
import { printRecord } from '../../format/output.js';
import { databaseName } from '../database/shared.js';
import { managementClient } from '../clients.js';
import { checkedId } from '../database/undelete.js';
import { run } from '../run.js';
import { MANAGEMENT_TABLE_COLUMNS } from './shared.js';

export function undeleteCommand(): Command {
  return new Command('undelete')
    .description('restore a deleted table by its numeric ID (shown by table rename and undelete)')
    .argument('<database>', 'database name')
    .argument('<table-id>', 'table ID')
    .action(run(async (ctx, _opts, database: string, tableId: string) => {
      const target = await ctx.check('table undelete');
      const db = databaseName(target.product, database);
      const id = checkedId(tableId, 'table ID');
      const client = await managementClient(await ctx.connect('table undelete'));
      const restored = await client.undeleteTable(db, id);
      ctx.io.err(`restored table "${restored.name}" (ID ${restored.id ?? id}) in database "${db}"\n`);
      await printRecord(ctx, restored, MANAGEMENT_TABLE_COLUMNS, restored);
    }));
}
