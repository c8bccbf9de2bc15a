import { Command } from '../../line/command.js';
import { printShown } from '../../format/records.js';
import { ops } from '../ops.js';
import { passwordSource, type PasswordFlags } from '../password.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { waitOptions, withWait, type WaitFlags } from '../wait.js';

export function passwordCommand(): Command {
  return verb(waitOptions(new Command('password')
    .description('set the password of a Redis datastore (asked twice on a terminal; never on the command line)')
    .argument('<datastore>', 'datastore name or ID')
    .option('--password-stdin', 'read the password from standard input (first line)'))
    .action(run(async (ctx, opts: WaitFlags & PasswordFlags, ref: string) => {
      const datastores = await ops(ctx, 'datastore password', 'datastores');
      const password = await passwordSource(ctx.io, opts, datastores.checkPassword, { label: 'New password' });
      const shown = await withWait(ctx, opts, (options) => datastores.password(ref, password, options));
      ctx.done(`set the password of datastore "${shown.name}"`);
      await printShown(ctx, shown);
    })), 'datastore password', [
    'printf \'%s\\n\' "$REDIS_PASSWORD" | influxadm datastore password cache-1 --password-stdin',
  ]);
}
