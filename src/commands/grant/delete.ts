import { Command } from '../../line/command.js';
import { usageError } from '../../errors.js';
import { deleteEach, IGNORE_NOT_FOUND, ignoringNotFound } from '../delete-each.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { waitOptions, withWait, type WaitFlags } from '../wait.js';
import { DATASTORE, type GrantFlags } from './shared.js';

export function deleteCommand(): Command {
  return verb(waitOptions(new Command('delete')
    .alias('rm')
    .description("take a user's access to a database away: by grant ID, or by --user and --database (asks first unless --yes)")
    .argument('[id...]', 'grant IDs')
    .option(...DATASTORE)
    .option('--user <user>', 'the user (name or ID)')
    .option('--database <database>', 'the database (name or ID)'))
    .option(...IGNORE_NOT_FOUND)
    .action(run(async (ctx, opts: GrantFlags & WaitFlags, ids: string[]) => {
      const grants = await ops(ctx, 'grant delete', 'grants');
      const pair = opts.user !== undefined || opts.database !== undefined;
      if (pair && (opts.user === undefined || opts.database === undefined)) throw usageError('name a grant by both --user and --database');
      if (!pair && ids.length === 0) throw usageError('which grant? give its ID, or --user and --database');
      const refs = [...ids, ...(pair ? [{ datastore: opts.datastore, user: opts.user!, database: opts.database! }] : [])];
      await withWait(ctx, opts, async (options) => {
        const removal = await grants.removal(refs, { ...options, datastore: opts.datastore, missingAllowed: ignoringNotFound(ctx) });
        await deleteEach(ctx, { ...removal, question: `Delete ${removal.names.map(removal.label).join(', ')}?` });
      });
    })), 'grant delete', [
    'influxadm grant delete --datastore pg-main --user app_old --database app --yes',
  ]);
}
