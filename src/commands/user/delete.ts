import { Command } from '../../line/command.js';
import { deleteEach, IGNORE_NOT_FOUND, ignoringNotFound } from '../delete-each.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { waitOptions, withWait, type WaitFlags } from '../wait.js';
import { DATASTORE, type Where } from './shared.js';

export function deleteCommand(): Command {
  return verb(waitOptions(new Command('delete')
    .alias('rm')
    .description('delete database users (asks first unless --yes)')
    .argument('<name...>', 'user names or IDs')
    .option(...DATASTORE))
    .option(...IGNORE_NOT_FOUND)
    .action(run(async (ctx, opts: Where & WaitFlags, names: string[]) => {
      const users = await ops(ctx, 'user delete', 'users');
      await withWait(ctx, opts, async (options) => {
        const removal = await users.removal(opts.datastore, names, { ...options, missingAllowed: ignoringNotFound(ctx) });
        await deleteEach(ctx, { ...removal, question: `Delete ${removal.names.map(removal.label).join(', ')}? Clients using them can no longer connect.` });
      });
    })), 'user delete', [
    'influxadm user delete app_old --datastore pg-main --yes',
  ]);
}
