import { Command } from '../../line/command.js';
import { printShown } from '../../format/records.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';

export function undeleteCommand(): Command {
  return verb(new Command('undelete')
    .description('restore a deleted table by its numeric ID (shown by table rename and undelete)')
    .argument('<database>', 'database name')
    .argument('<table-id>', 'table ID')
    .action(run(async (ctx, _opts, database: string, tableId: string) => {
      const tables = await ops(ctx, 'table undelete', 'tables');
      const shown = await tables.undelete!(database, tableId);
      ctx.done(`restored table "${shown.name}" (ID ${shown.id}) in database "${database}"`);
      await printShown(ctx, shown);
    })), 'table undelete', [
    'influxadm table undelete sensors 7',
  ]);
}
