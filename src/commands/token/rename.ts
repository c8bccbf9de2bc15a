import { Command } from '../../line/command.js';
import { printShown } from '../../format/records.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';

export function renameCommand(): Command {
  return verb(new Command('rename')
    .description('rename a token')
    .argument('<token>', 'token name or ID')
    .argument('<new-name>', 'new name')
    .option('--show-value', 'show its value in the table too')
    .action(run(async (ctx, opts: { showValue?: boolean }, ref: string, newName: string) => {
      const tokens = await ops(ctx, 'token rename', 'tokens');
      const shown = await tokens.rename!(ref, newName, opts);
      ctx.done(`renamed token "${ref}" to "${shown.name}"`);
      await printShown(ctx, shown);
    })), 'token rename', [
    'influxadm token rename prometheus-old prometheus',
  ]);
}
