import { Command } from '../../line/command.js';
import { deleteEach, IGNORE_NOT_FOUND, ignoringNotFound } from '../delete-each.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { waitOptions, withWait, type WaitFlags } from '../wait.js';
import { DATASTORE } from './shared.js';

export function deleteCommand(): Command {
  return verb(waitOptions(new Command('delete')
    .alias('rm')
    .description('delete Kafka topics and their messages (asks first unless --yes)')
    .argument('<name...>', 'topic names or IDs')
    .option(...DATASTORE))
    .option(...IGNORE_NOT_FOUND)
    .action(run(async (ctx, opts: WaitFlags & { datastore?: string }, names: string[]) => {
      const topics = await ops(ctx, 'topic delete', 'topics');
      await withWait(ctx, opts, async (options) => {
        const removal = await topics.removal(opts.datastore, names, { ...options, missingAllowed: ignoringNotFound(ctx) });
        await deleteEach(ctx, { ...removal, question: `Delete ${removal.names.map(removal.label).join(', ')} with all their messages?` });
      });
    })), 'topic delete', [
    'influxadm topic delete events-old --datastore kafka-1 --yes',
  ]);
}
