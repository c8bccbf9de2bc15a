import { Command } from '../../line/command.js';
import { asUsage, usageError } from '../../errors.js';
import { printShown } from '../../format/records.js';
import { parseWholeNumber } from '../../input/numbers.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { waitOptions, withWait, type WaitFlags } from '../wait.js';
import { DATASTORE } from './shared.js';

export function updateCommand(): Command {
  return verb(waitOptions(new Command('update')
    .description('give a Kafka topic more partitions (Kafka never takes partitions away)')
    .argument('<name>', 'topic name or ID')
    .option(...DATASTORE)
    .option('--partitions <n>', 'the new number of partitions, 1–4000'))
    .action(run(async (ctx, opts: WaitFlags & { datastore?: string; partitions?: string }, name: string) => {
      const topics = await ops(ctx, 'topic update', 'topics');
      if (opts.partitions === undefined) throw usageError('nothing to update', 'pass --partitions N');
      const partitions = asUsage(() => parseWholeNumber('--partitions', opts.partitions!, { min: 1, max: 4000 }));
      const shown = await withWait(ctx, opts, (options) => topics.update({ datastore: opts.datastore, name }, partitions, options));
      ctx.done(`topic "${shown.name}" has ${partitions} partitions`);
      await printShown(ctx, shown);
    })), 'topic update', [
    'influxadm topic update events --datastore kafka-1 --partitions 24',
  ]);
}
