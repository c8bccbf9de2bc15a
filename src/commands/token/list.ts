import { Command } from '../../line/command.js';
import type { Context } from '../../context.js';
import { printListing } from '../../format/records.js';
import type { TokenListFilters } from '../../products/types.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';

/** Shared with `show tokens` (the influxdb3 shape). */
export async function listTokens(ctx: Context, opts: TokenListFilters): Promise<void> {
  const tokens = await ops(ctx, 'token list', 'tokens');
  await printListing(ctx, await tokens.list(opts), 'tokens');
}

export function listOptions(cmd: Command): Command {
  return cmd
    .option('--include-revoked', 'include revoked tokens')
    .option('--sort <key>', 'sort by id, description or created (default id)')
    .option('--admin-only', 'only admin tokens (*:*:*)')
    .option('--expired', 'only expired tokens')
    .option('--name-like <pattern>', 'names matching a SQL LIKE pattern (% any, _ one character, \\ escapes)')
    .option('--show-value', 'show the token values in the table too (where the API returns them on every read; JSON always has them)');
}

export function listCommand(): Command {
  return verb(listOptions(new Command('list').alias('ls').description('list tokens (never their secrets)'))
    .action(run(async (ctx, opts: TokenListFilters) => listTokens(ctx, opts))), 'token list', [
    'influxadm token list',
    "influxadm token list --include-revoked --json | jq '.[] | select(.revokedAt)'",
    "influxadm token list --admin-only --name-like 'ci-%'",
  ]);
}
