import { Command } from '../../line/command.js';
import { printShown } from '../../format/records.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';

export function renameCommand(): Command {
  return verb(new Command('rename')
    .description('rename a database (keeps its ID and data; tokens naming the old name stop working)')
    .argument('<old-name>', 'current name')
    .argument('<new-name>', 'new name')
    .action(run(async (ctx, _opts, oldName: string, newName: string) => {
      const databases = await ops(ctx, 'database rename', 'databases');
      const from = databases.checkName(oldName);
      const shown = await databases.rename!(from, newName);
      // Not a result line alone: it warns about tokens, so --quiet keeps it.
      ctx.io.err(`renamed database "${from}" to "${shown.name}"${shown.id !== undefined ? ` (ID ${shown.id})` : ''}; tokens that name "${from}" no longer grant access\n`);
      await printShown(ctx, shown);
    })), 'database rename', [
    'influxadm database rename iot iot-archive',
    'influxadm db rename iot iot-archive --json | jq .id',
  ]);
}
