import { Command } from '../../line/command.js';
import { run } from '../run.js';

export function tokenCommand(): Command {
  return new Command('token')
    .description('print the token the current profile would use, for scripts')
    .action(run(async (ctx) => {
      // The token a command would send to this target, found as a command finds it: a stored token only
      // for its profile's own host, renewed or refused when it has expired.
      const target = await ctx.target();
      const token = (await ctx.tokenFor(target))!;
      ctx.debug(`token: from ${token.source} (${token.detail})`);
      ctx.io.out(`${token.value}\n`);
    }));
}
