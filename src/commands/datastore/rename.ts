import { Command } from '../../line/command.js';
import { printShown } from '../../format/records.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { waitOptions, withWait, type WaitFlags } from '../wait.js';

export function renameCommand(): Command {
  return verb(waitOptions(new Command('rename')
    .description('rename a datastore')
    .argument('<datastore>', 'datastore name or ID')
    .argument('<new-name>', 'new name'))
    .action(run(async (ctx, opts: WaitFlags, ref: string, newName: string) => {
      const datastores = await ops(ctx, 'datastore rename', 'datastores');
      const shown = await withWait(ctx, opts, (options) => datastores.rename(ref, newName, options));
      ctx.done(`renamed datastore "${ref}" to "${shown.name}"`);
      await printShown(ctx, shown);
    })), 'datastore rename', [
    'influxadm datastore rename pg-main pg-primary',
  ]);
}
