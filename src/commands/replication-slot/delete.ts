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
    .description('delete PostgreSQL logical replication slots (asks first unless --yes)')
    .argument('<name...>', 'slot names or IDs')
    .option(...DATASTORE))
    .option(...IGNORE_NOT_FOUND)
    .action(run(async (ctx, opts: WaitFlags & { datastore?: string }, names: string[]) => {
      const slots = await ops(ctx, 'replication-slot delete', 'replicationSlots');
      await withWait(ctx, opts, async (options) => {
        const removal = await slots.removal(opts.datastore, names, { ...options, missingAllowed: ignoringNotFound(ctx) });
        await deleteEach(ctx, { ...removal, question: `Delete ${removal.names.map(removal.label).join(', ')}? A consumer reading from it loses its place.` });
      });
    })), 'replication-slot delete', [
    'influxadm replication-slot delete cdc_old --datastore pg-main --yes',
  ]);
}
