import { Command } from 'commander';
import { resolveToken } from '../../config/credentials.js';
import { run } from '../run.js';

export function tokenCommand(): Command {
  return new Command('token')
    .description('print the token the current profile would use, for scripts')
    .action(run(async (ctx) => {
      const target = await ctx.target();
      const token = await resolveToken({ product: target.product, profileName: target.profileName, profile: target.profile, globals: ctx.globals, env: ctx.env });
      ctx.debug(`token: from ${token.source} (${token.detail})`);
      ctx.io.out(`${token.value}\n`);
    }));
}
