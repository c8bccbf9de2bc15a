import { Command } from '../../line/command.js';
import { printShown } from '../../format/records.js';
import { collect } from '../options.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { waitOptions, withWait, type WaitFlags } from '../wait.js';
import { parseKeyValues } from './shared.js';

export function configCommand(): Command {
  return verb(waitOptions(new Command('config')
    .description("change a datastore's engine parameters (typed and checked against configuration-parameters)")
    .argument('<datastore>', 'datastore name or ID')
    .option('--set <key=value>', 'set a parameter (repeatable)', collect)
    .option('--reset <key>', 'reset a parameter to its default (repeatable)', collect))
    .action(run(async (ctx, opts: WaitFlags & { set?: string[]; reset?: string[] }, ref: string) => {
      const datastores = await ops(ctx, 'datastore config', 'datastores');
      const set = parseKeyValues(opts.set ?? [], '--set');
      const shown = await withWait(ctx, opts, (options) => datastores.configure(ref, { set, reset: opts.reset ?? [] }, options));
      ctx.done(`changed the configuration of datastore "${shown.name}"`);
      await printShown(ctx, shown);
    })), 'datastore config', [
    'influxadm datastore config pg-main --set max_connections=200 --set work_mem=8192',
    'influxadm datastore config pg-main --reset max_connections',
  ]);
}
