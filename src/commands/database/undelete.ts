import { Command } from '../../line/command.js';
import { printShown } from '../../format/records.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';

export function undeleteCommand(): Command {
  return verb(new Command('undelete')
    .description('restore a deleted database by its numeric ID (or by name when the server lists IDs)')
    .argument('<id-or-name>', 'database ID (shown by rename and undelete), or name')
    .action(run(async (ctx, _opts, idOrName: string) => {
      const databases = await ops(ctx, 'database undelete', 'databases');
      const shown = await databases.undelete!(idOrName);
      // It warns that the tokens are not back, so --quiet keeps it.
      ctx.io.err(`restored database "${shown.name}" (ID ${shown.id}); its old tokens were not restored\n`);
      await printShown(ctx, shown);
    })), 'database undelete', [
    'influxadm database undelete 42',
  ]);
}
