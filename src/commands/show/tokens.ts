import { Command } from 'commander';
import { run } from '../run.js';
import { listOptions, listTokens, type ListTokenFlags } from '../token/list.js';

export function showTokensCommand(): Command {
  return listOptions(new Command('tokens').description('list tokens (same as `token list`; --format pretty is the table)'))
    .action(run(async (ctx, opts: ListTokenFlags) => listTokens(ctx, opts)));
}
