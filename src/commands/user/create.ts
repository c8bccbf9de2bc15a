import { Command } from '../../line/command.js';
import { printShown } from '../../format/records.js';
import { ops } from '../ops.js';
import { passwordSource, type PasswordFlags } from '../password.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { waitOptions, withWait, type WaitFlags } from '../wait.js';
import { DATASTORE, type Where } from './shared.js';
import { IF_NOT_EXISTS } from '../if-not-exists.js';

export function createCommand(): Command {
  return verb(waitOptions(new Command('create')
    .description('create a database user; its password is asked twice on a terminal, or read with --password-stdin, never from the command line')
    .argument('<name>', 'user name')
    .option(...DATASTORE)
    .option('--password-stdin', 'read the password from standard input (first line)'))
    .option(...IF_NOT_EXISTS)
    .action(run(async (ctx, opts: Where & PasswordFlags & WaitFlags, name: string) => {
      const users = await ops(ctx, 'user create', 'users');
      const password = await passwordSource(ctx.io, opts, users.checkPassword);
      const shown = await withWait(ctx, opts, (options) => users.create({ datastore: opts.datastore, name }, password, options));
      ctx.done(`created user "${shown.name}"`);
      await printShown(ctx, shown);
    })), 'user create', [
    'printf \'%s\\n\' "$APP_PASSWORD" | influxadm user create app_rw --datastore pg-main --password-stdin',
  ]);
}
