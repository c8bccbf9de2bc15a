import { Command } from 'commander';
import { usageError } from '../../errors.js';
import { printRecord } from '../../format/output.js';
import { run } from '../run.js';
import { AUTH_COLUMNS, resolveTarget, targetChoice, withTargetOptions, v2Client, type TargetFlags } from './shared.js';

export function updateCommand(): Command {
  return withTargetOptions(new Command('update').description('change the description of a legacy authorization'))
    .option('-d, --description <text>', 'new description')
    .action(run(async (ctx, opts: TargetFlags & { description?: string }, id?: string) => {
      await ctx.check('v1-auth update');
      const choice = targetChoice(id, opts);
      if (opts.description === undefined) throw usageError('nothing to update', 'pass --description TEXT (status: set-active / set-inactive; password: set-password)');
      const client = await v2Client(ctx, 'v1-auth update');
      const updated = await client.update(await resolveTarget(client, choice), { description: opts.description });
      ctx.io.err(`updated legacy authorization "${updated.token}"\n`);
      await printRecord(ctx, updated, AUTH_COLUMNS, updated);
    }));
}
