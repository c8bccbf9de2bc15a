import { Command } from '../../line/command.js';
import { deleteEach, IGNORE_NOT_FOUND, ignoringNotFound } from '../delete-each.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { waitOptions, withWait, type WaitFlags } from '../wait.js';

export function deleteCommand(): Command {
  return verb(waitOptions(new Command('delete')
    .alias('rm')
    .description('delete datastores with everything in them (asks first unless --yes; with --wait, until they are gone)')
    .argument('<datastore...>', 'datastore names or IDs'))
    .option(...IGNORE_NOT_FOUND)
    .action(run(async (ctx, opts: WaitFlags, refs: string[]) => {
      const datastores = await ops(ctx, 'datastore delete', 'datastores');
      await withWait(ctx, opts, async (options) => {
        const removal = await datastores.removal(refs, { ...options, missingAllowed: ignoringNotFound(ctx) });
        await deleteEach(ctx, { ...removal, question: `Delete ${removal.names.map(removal.label).join(', ')} with all their databases, users and data?` });
      });
    })), 'datastore delete', [
    'influxadm datastore delete pg-test --yes',
    'influxadm datastore rm old-1 old-2 --yes --no-wait',
  ]);
}
