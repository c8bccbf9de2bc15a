import { Command } from '../../line/command.js';
import { usageError } from '../../errors.js';
import { printShown } from '../../format/records.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { waitOptions, withWait, type WaitFlags } from '../wait.js';
import { DATASTORE, type GrantFlags } from './shared.js';
import { IF_NOT_EXISTS } from '../if-not-exists.js';

export function createCommand(): Command {
  return verb(waitOptions(new Command('create')
    .description('give a user access to a database (PostgreSQL, MySQL)')
    .option(...DATASTORE)
    .option('--user <user>', 'the user (name or ID)')
    .option('--database <database>', 'the database (name or ID)'))
    .option(...IF_NOT_EXISTS)
    .action(run(async (ctx, opts: GrantFlags & WaitFlags) => {
      const grants = await ops(ctx, 'grant create', 'grants');
      if (opts.user === undefined || opts.database === undefined) throw usageError('a grant needs --user and --database');
      const shown = await withWait(ctx, opts, (options) => grants.create({ datastore: opts.datastore, user: opts.user!, database: opts.database! }, options));
      ctx.done(`user "${opts.user}" may use database "${opts.database}" (grant ${shown.id})`);
      await printShown(ctx, shown);
    })), 'grant create', [
    'influxadm grant create --datastore pg-main --user app_rw --database app',
  ]);
}
