import { Command } from '../../line/command.js';
import { printShown } from '../../format/records.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';

export function renameCommand(): Command {
  return verb(new Command('rename')
    .description('rename a table (keeps its ID; writes and queries to the old name reach it too)')
    .argument('<database>', 'database name')
    .argument('<old-name>', 'current table name')
    .argument('<new-name>', 'new table name')
    .action(run(async (ctx, _opts, database: string, oldName: string, newName: string) => {
      const tables = await ops(ctx, 'table rename', 'tables');
      const shown = await tables.rename!(database, oldName, newName);
      ctx.done(`renamed table "${oldName}" in database "${database}" to "${shown.name}"${shown.id !== undefined ? ` (ID ${shown.id})` : ''}`);
      await printShown(ctx, shown);
    })), 'table rename', [
    'influxadm table rename sensors cpu cpu_v1',
  ]);
}
