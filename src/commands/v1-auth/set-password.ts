import { Command } from '../../line/command.js';
import { confirmDestructive } from '../../input/confirm.js';
import { ops } from '../ops.js';
import { passwordSource, type PasswordFlags } from '../password.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { withTargetOptions, type TargetFlags } from './shared.js';

export function setPasswordCommand(): Command {
  return verb(withTargetOptions(new Command('set-password').description('set the password of a legacy authorization (asks twice on a terminal)'))
    .option('--password-stdin', 'read the password from standard input (first line)')
    .action(run(async (ctx, opts: TargetFlags & PasswordFlags, id?: string) => {
      const auths = await ops(ctx, 'v1-auth set-password', 'legacyAuths');
      // Never "the first one": an ID or a username is required.
      const choice = auths.choose(id, opts);
      // Destructive (design §7): whatever logs in with the old password is refused from now on. Asked
      // before the new password is read; a script passes --yes.
      const which = 'username' in choice ? `"${choice.username}"` : choice.id;
      await confirmDestructive(ctx.io, ctx.yes, `Set a new password for legacy authorization ${which}? What logs in with the old one will be refused.`, { target: ctx.io.canPrompt ? await ctx.target() : undefined, declined: 'nothing changed' });
      const password = await passwordSource(ctx.io, opts, auths.checkPassword, { label: 'New password' });
      const target = await auths.setPassword(choice, password);
      ctx.done(`password set for legacy authorization ${target}`);
    })), 'v1-auth set-password', [
    'printf \'%s\\n\' "$NEW_PASSWORD" | influxadm v1-auth set-password --username grafana --password-stdin --yes',
  ]);
}
