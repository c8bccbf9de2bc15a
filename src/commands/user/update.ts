import { Command } from '../../line/command.js';
import { printShown } from '../../format/records.js';
import { ops } from '../ops.js';
import { passwordSource, type PasswordFlags } from '../password.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { waitOptions, withWait, type WaitFlags } from '../wait.js';
import { DATASTORE, type Where } from './shared.js';

export function updateCommand(): Command {
  return verb(waitOptions(new Command('update')
    .description("set a new password for a database user (the only thing about a user that changes)")
    .argument('<name>', 'user name or ID')
    .option(...DATASTORE)
    .option('--password-stdin', 'read the password from standard input (first line)'))
    .action(run(async (ctx, opts: Where & PasswordFlags & WaitFlags, name: string) => {
      const users = await ops(ctx, 'user update', 'users');
      const password = await passwordSource(ctx.io, opts, users.checkPassword, { label: 'New password' });
      const shown = await withWait(ctx, opts, (options) => users.update({ datastore: opts.datastore, name }, password, options));
      ctx.done(`set a new password for user "${shown.name}"`);
      await printShown(ctx, shown);
    })), 'user update', [
    'printf \'%s\\n\' "$NEW_PASSWORD" | influxadm user update app_rw --datastore pg-main --password-stdin',
  ]);
}
