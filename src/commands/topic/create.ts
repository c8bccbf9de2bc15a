import { Command } from '../../line/command.js';
import { asUsage } from '../../errors.js';
import { printShown } from '../../format/records.js';
import { parseWholeNumber } from '../../input/numbers.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { waitOptions, withWait, type WaitFlags } from '../wait.js';
import { DATASTORE } from './shared.js';
import { IF_NOT_EXISTS } from '../if-not-exists.js';

export function createCommand(): Command {
  return verb(waitOptions(new Command('create')
    .description('create a Kafka topic')
    .argument('<name>', 'topic name')
    .option(...DATASTORE)
    .option('--partitions <n>', 'number of partitions, 1–4000 (default 1)'))
    .option(...IF_NOT_EXISTS)
    .action(run(async (ctx, opts: WaitFlags & { datastore?: string; partitions?: string }, name: string) => {
      const topics = await ops(ctx, 'topic create', 'topics');
      const partitions = opts.partitions === undefined ? 1 : asUsage(() => parseWholeNumber('--partitions', opts.partitions!, { min: 1, max: 4000 }));
      const shown = await withWait(ctx, opts, (options) => topics.create({ datastore: opts.datastore, name, partitions }, options));
      ctx.done(`created topic "${shown.name}"`);
      await printShown(ctx, shown);
    })), 'topic create', [
    'influxadm topic create events --datastore kafka-1 --partitions 12',
  ]);
}
