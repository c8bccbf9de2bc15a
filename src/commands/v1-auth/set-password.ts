import { Command } from 'commander';
import { run } from '../run.js';
import { passwordSource, resolvePassword, type PasswordFlags } from './password.js';
import { resolveTarget, targetChoice, withTargetOptions, v2Client, type TargetFlags } from './shared.js';

export function setPasswordCommand(): Command {
  return withTargetOptions(new Command('set-password').description('set the password of a legacy authorization (asks twice on a terminal)'))
    .option('--password-stdin', 'read the password from standard input (first line)')
    .action(run(async (ctx, opts: TargetFlags & PasswordFlags, id?: string) => {
      await ctx.check('v1-auth set-password');
      // Never "the first one": an ID or a username is required.
      const choice = targetChoice(id, opts);
      const source = await passwordSource(ctx.io, opts, false);
      const client = await v2Client(ctx, 'v1-auth set-password');
      const target = await resolveTarget(client, choice);
      const password = await resolvePassword(source, ctx.io, 'New password');
      await client.setPassword(target, password!);
      ctx.io.err(`password set for legacy authorization ${target}\n`);
    }));
}
