import { Command } from '../../line/command.js';
import type { Context } from '../../context.js';
import { asUsage, usageError } from '../../errors.js';
import { checkOutputFile, deliverSecret, type SecretOptions } from '../../format/secret.js';
import { parseExpiry, type ExpiryFlags } from '../../input/expiry.js';
import { hasPermissionFlags, parsePermissionFlags, type PermissionFlags } from '../../input/permission.js';
import { collect } from '../options.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { PERMISSION_HELP } from './shared.js';
import { IF_NOT_EXISTS } from '../if-not-exists.js';

export interface CreateTokenFlags extends PermissionFlags, ExpiryFlags, SecretOptions {
  admin?: boolean;
  name?: string;
}

/** Shared with `create token` (the influxdb3 shape). */
export async function createToken(ctx: Context, description: string | undefined, opts: CreateTokenFlags): Promise<void> {
  const tokens = await ops(ctx, 'token create', 'tokens');
  const permissions = asUsage(() => parsePermissionFlags(opts));
  const expiry = asUsage(() => parseExpiry(opts));
  await checkOutputFile(opts.outputFile, ctx.globals.force === true);
  const created = await tokens.create({
    ...(description !== undefined ? { description } : {}),
    ...(opts.name !== undefined ? { name: opts.name } : {}),
    ...(opts.admin ? { admin: true } : {}),
    permissions,
    permissionsGiven: hasPermissionFlags(opts),
    ...(expiry ? { expiry } : {}),
  });
  await deliverSecret(ctx, created, opts);
}

export function createOptions(cmd: Command): Command {
  return cmd
    .option('--admin', 'an admin token (the operator token _admin without --name)')
    .option('--name <name>', 'the token name (where tokens have descriptions: the description)')
    .option('--permission <perm>', PERMISSION_HELP, collect)
    .option('--read-database <db>', 'shorthand for --permission db:DB:read (repeatable, * for all)', collect)
    .option('--write-database <db>', 'shorthand for --permission db:DB:write (repeatable, * for all)', collect)
    .option('--expiry <duration>', 'expire after this long, e.g. 7d, 1y, 1h30m')
    .option('--expires-at <time>', 'expire at this RFC 3339 time')
    .option('--output-file <path>', 'write the token to this file (0600) instead of stdout; --force replaces an existing file');
}

export function createCommand(): Command {
  return verb(createOptions(new Command('create')
    .description('create a token; its secret is shown once')
    .argument('[description]', 'what the token is for, where tokens have descriptions'))
    // influxctl's spelling on management create and token update; here the same as the argument.
    .option('--description <text>', 'what the token is for (the same as the argument)')
    .option(...IF_NOT_EXISTS)
    .action(run(async (ctx, opts: CreateTokenFlags & { description?: string }, description?: string) => {
      if (description !== undefined && opts.description !== undefined) throw usageError('give the description once: as the argument or with --description');
      await createToken(ctx, description ?? opts.description, opts);
    })), 'token create', [
    'influxadm token create "grafana read" --read-database sensors --expiry 1y',
    'influxadm token create --name ci --permission db:sales:read --permission system:health:read -q',
    'influxadm token create --admin --json | jq -r .token > operator.token',
  ]);
}
