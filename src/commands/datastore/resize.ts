import { Command } from '../../line/command.js';
import { asUsage } from '../../errors.js';
import { printShown } from '../../format/records.js';
import { parseWholeNumber } from '../../input/numbers.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { waitOptions, withWait, type WaitFlags } from '../wait.js';
import { flavorChoice, flavorOptions, type FlavorFlags } from './shared.js';

interface ResizeFlags extends FlavorFlags, WaitFlags {
  nodes?: string;
  diskSize?: string;
}

export function resizeCommand(): Command {
  return verb(waitOptions(flavorOptions(new Command('resize')
    .description('change the number of nodes, the flavor or the disk size of a datastore')
    .argument('<datastore>', 'datastore name or ID')
    .option('--nodes <n>', 'the new number of nodes'))
    .option('--disk-size <gb>', 'the new disk size in GB'))
    .action(run(async (ctx, opts: ResizeFlags, ref: string) => {
      const datastores = await ops(ctx, 'datastore resize', 'datastores');
      const nodes = opts.nodes === undefined ? undefined : asUsage(() => parseWholeNumber('--nodes', opts.nodes!, { min: 1, max: 100 }));
      const diskSize = opts.diskSize === undefined ? undefined : asUsage(() => parseWholeNumber('--disk-size', opts.diskSize!, { min: 1, max: 1_048_576 }));
      const change = { ...flavorChoice(opts, false), ...(nodes !== undefined ? { nodes } : {}), ...(diskSize !== undefined ? { diskSize } : {}) };
      const shown = await withWait(ctx, opts, (options) => datastores.resize(ref, change, options));
      ctx.done(`resized datastore "${shown.name}"`);
      await printShown(ctx, shown);
    })), 'datastore resize', [
    'influxadm datastore resize pg-main --nodes 3 --wait',
    'influxadm datastore resize pg-main --vcpus 4 --ram 16384 --disk 128',
  ]);
}
