import { Command } from '../../line/command.js';
import { printShown } from '../../format/records.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { DEFAULT_TIMEOUT, withWait } from '../wait.js';

export function waitCommand(): Command {
  return verb(new Command('wait')
    .description('wait until a datastore is ACTIVE (exit 1 if it ends in another status or the time runs out)')
    .argument('<datastore>', 'datastore name or ID')
    .option('--wait-timeout <duration>', `give up after this long (default ${DEFAULT_TIMEOUT})`)
    .action(run(async (ctx, opts: { waitTimeout?: string }, ref: string) => {
      const datastores = await ops(ctx, 'datastore wait', 'datastores');
      // Waiting is the whole verb, on a terminal or not.
      const shown = await withWait(ctx, { wait: true, waitTimeout: opts.waitTimeout }, (options) => datastores.wait(ref, options.wait!));
      ctx.done(`datastore "${shown.name}" is ACTIVE`);
      await printShown(ctx, shown);
    })), 'datastore wait', [
    'influxadm datastore create pg-main --type postgresql-16 --flavor PRC10.2-4096-32 --subnet "$SUBNET" --no-wait && influxadm datastore wait pg-main',
  ]);
}
