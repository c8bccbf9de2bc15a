import { Command } from '../../line/command.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import type { TokenListFilters } from '../../products/types.js';
import { listOptions, listTokens } from '../token/list.js';

export function showTokensCommand(): Command {
  return verb(listOptions(new Command('tokens').description('list tokens (same as `token list`; --format pretty is the table)'))
    .action(run(async (ctx, opts: TokenListFilters) => listTokens(ctx, opts))), 'token list', [
    'influxadm show tokens --format csv',
  ]);
}
