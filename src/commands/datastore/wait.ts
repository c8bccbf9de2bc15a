import { Command } from 'commander';
import { asUsage } from '../../errors.js';
import { statusLine } from '../../format/progress.js';
import { printShown } from '../../format/records.js';
import { durationToMs, parseDuration } from '../../input/duration.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';

export function waitCommand(): Command {
  return verb(new Command('wait')
    .description('wait until a datastore is ACTIVE (exit 1 if it ends in another status or the time runs out)')
    .argument('<datastore>', 'datastore name or ID')
    .option('--wait-timeout <duration>', 'give up after this long (default 60m)')
    .action(run(async (ctx, opts: { waitTimeout?: string }, ref: string) => {
      const datastores = await ops(ctx, 'datastore wait', 'datastores');
      const timeoutMs = asUsage(() => durationToMs(parseDuration(opts.waitTimeout ?? '60m')));
      const line = statusLine(ctx);
      try {
        const shown = await datastores.wait(ref, { timeoutMs, progress: (text, elapsed) => line.update(text, elapsed) });
        line.done();
        ctx.io.err(`datastore "${shown.name}" is ACTIVE\n`);
        await printShown(ctx, shown);
      } finally {
        line.done();
      }
    })), 'datastore wait', [
    'influxadm datastore create pg-main --type postgresql-16 --flavor PRC10.2-4096-32 --subnet "$SUBNET" --no-wait && influxadm datastore wait pg-main',
  ]);
}
