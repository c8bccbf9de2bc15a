import { Command } from 'commander';
import type { InfluxDb3Token } from '../../api/influxdb3.js';
import type { Context } from '../../context.js';
import { usageError } from '../../errors.js';
import { printList } from '../../format/output.js';
import { likeMatcher } from '../../input/like.js';
import { isManagement } from '../../products.js';
import { influxDb3Client, managementClient } from '../clients.js';
import { givenFlags } from '../options.js';
import { run } from '../run.js';
import { INFLUXDB3_TOKEN_COLUMNS, MANAGEMENT_TOKEN_COLUMNS, REVOKED_COLUMN } from './shared.js';

export interface ListTokenFlags {
  includeRevoked?: boolean;
  sort?: string;
  adminOnly?: boolean;
  expired?: boolean;
  nameLike?: string;
}

const SORTS = ['id', 'description', 'created'] as const;
const PRODUCT_FLAGS = { includeRevoked: '--include-revoked', sort: '--sort', adminOnly: '--admin-only', expired: '--expired', nameLike: '--name-like' };

/** Shared with `show tokens` (the influxdb3 shape). */
export async function listTokens(ctx: Context, opts: ListTokenFlags): Promise<void> {
  const flags = givenFlags(opts, PRODUCT_FLAGS);
  const target = await ctx.check('token list', flags);
  if (isManagement(target.product)) {
    const sort = opts.sort ?? 'id';
    if (!(SORTS as readonly string[]).includes(sort)) throw usageError(`--sort ${sort}: sort by ${SORTS.join(', ')}`);
    const client = await managementClient(await ctx.connect('token list', flags));
    const key = { id: 'id', description: 'description', created: 'createdAt' }[sort] as 'id' | 'description' | 'createdAt';
    const tokens = (await client.listTokens())
      .filter((t) => opts.includeRevoked || !t.revokedAt)
      .sort((a, b) => (a[key] ?? '').localeCompare(b[key] ?? ''));
    const columns = opts.includeRevoked ? [...MANAGEMENT_TOKEN_COLUMNS, REVOKED_COLUMN] : MANAGEMENT_TOKEN_COLUMNS;
    await printList(ctx, tokens, columns, (t) => t, 'tokens');
    return;
  }
  // system.tokens is read whole and filtered here: no user text ever becomes SQL.
  const matches = opts.nameLike === undefined ? () => true : likeMatcher(opts.nameLike);
  const keep = (t: InfluxDb3Token) => (!opts.adminOnly || t.permissions === '*:*:*') && (!opts.expired || t.expired) && matches(t.name);
  const client = await influxDb3Client(await ctx.connect('token list', flags));
  const tokens = (await client.listTokens()).filter(keep);
  await printList(ctx, tokens, INFLUXDB3_TOKEN_COLUMNS, (t) => t, 'tokens');
}

export function listOptions(cmd: Command): Command {
  return cmd
    .option('--include-revoked', 'dedicated/clustered: include revoked tokens')
    .option('--sort <key>', 'dedicated/clustered: sort by id, description or created (default id)')
    .option('--admin-only', 'core/enterprise: only admin tokens (*:*:*)')
    .option('--expired', 'core/enterprise: only expired tokens')
    .option('--name-like <pattern>', "core/enterprise: names matching a SQL LIKE pattern (% any, _ one character, \\ escapes)");
}

export function listCommand(): Command {
  return listOptions(new Command('list').alias('ls').description('list tokens (never their secrets)'))
    .action(run(async (ctx, opts: ListTokenFlags) => listTokens(ctx, opts)));
}
