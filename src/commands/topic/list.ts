import { Command } from '../../line/command.js';
import { printListing } from '../../format/records.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { DATASTORE } from './shared.js';

export function listCommand(): Command {
  return verb(new Command('list')
    .alias('ls')
    .description('list Kafka topics')
    .option(...DATASTORE)
    .option('--name <name>', 'only the topic of this name')
    .option('--status <status>', 'only topics in this status')
    .action(run(async (ctx, opts: { datastore?: string; name?: string; status?: string }) => {
      const topics = await ops(ctx, 'topic list', 'topics');
      await printListing(ctx, await topics.list(opts), 'topics');
    })), 'topic list', [
    'influxadm topic list --datastore kafka-1',
  ]);
}
