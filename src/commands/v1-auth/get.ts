import { Command } from 'commander';
import { printRecord } from '../../format/output.js';
import { run } from '../run.js';
import { AUTH_COLUMNS, resolveTarget, targetChoice, withTargetOptions, v2Client, type TargetFlags } from './shared.js';

export function getCommand(): Command {
  return withTargetOptions(new Command('get').description('show one legacy authorization'))
    .action(run(async (ctx, opts: TargetFlags, id?: string) => {
      await ctx.check('v1-auth get');
      const choice = targetChoice(id, opts);
      const client = await v2Client(ctx, 'v1-auth get');
      const auth = await client.get(await resolveTarget(client, choice));
      await printRecord(ctx, auth, AUTH_COLUMNS, auth);
    }));
}
