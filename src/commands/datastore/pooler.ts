import { Command } from '../../line/command.js';
import { asUsage } from '../../errors.js';
import { printShown } from '../../format/records.js';
import { parseWholeNumber } from '../../input/numbers.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { waitOptions, withWait, type WaitFlags } from '../wait.js';

export function poolerCommand(): Command {
  return verb(waitOptions(new Command('pooler')
    .description("set a datastore's connection pooler (PostgreSQL)")
    .argument('<datastore>', 'datastore name or ID')
    .option('--mode <mode>', 'session, transaction or statement')
    .option('--size <n>', 'pool size (1–500)'))
    .action(run(async (ctx, opts: WaitFlags & { mode?: string; size?: string }, ref: string) => {
      const datastores = await ops(ctx, 'datastore pooler', 'datastores');
      const size = opts.size === undefined ? undefined : asUsage(() => parseWholeNumber('--size', opts.size!, { min: 1, max: 500 }));
      const shown = await withWait(ctx, opts, (options) => datastores.pooler(ref, { ...(opts.mode ? { mode: opts.mode } : {}), ...(size !== undefined ? { size } : {}) }, options));
      ctx.done(`set the pooler of datastore "${shown.name}"`);
      await printShown(ctx, shown);
    })), 'datastore pooler', [
    'influxadm datastore pooler pg-main --mode transaction --size 50',
  ]);
}
