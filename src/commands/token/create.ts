import { Command } from 'commander';
import type { InfluxDb3CreatedToken } from '../../api/influxdb3.js';
import type { Context } from '../../context.js';
import { asUsage, CliError, ExitCode, usageError } from '../../errors.js';
import { checkOutputFile, deliverSecret, type SecretOptions } from '../../format/secret.js';
import { expirySeconds, parseExpiry, type ExpiryFlags } from '../../input/expiry.js';
import { checkInfluxDb3Identifier } from '../../input/influxdb3.js';
import { hasPermissionFlags, parsePermissionFlags, type PermissionFlags } from '../../input/permission.js';
import { isManagement } from '../../products.js';
import { influxDb3Client, managementClient } from '../clients.js';
import { collect, givenFlags } from '../options.js';
import { run } from '../run.js';
import { CREATED_V3_COLUMNS, enterprisePermissions, managementPermissions, MANAGEMENT_TOKEN_COLUMNS, PERMISSION_HELP } from './shared.js';

export interface CreateTokenFlags extends PermissionFlags, ExpiryFlags, SecretOptions {
  admin?: boolean;
  name?: string;
}

const PRODUCT_FLAGS = { admin: '--admin', permission: '--permission', readDatabase: '--read-database', writeDatabase: '--write-database' };

/** Shared with `create token` (the influxdb3 shape). */
export async function createToken(ctx: Context, description: string | undefined, opts: CreateTokenFlags): Promise<void> {
  const flags = givenFlags(opts, PRODUCT_FLAGS);
  const target = await ctx.check('token create', flags);
  const permissions = asUsage(() => parsePermissionFlags(opts));
  const expiresAt = asUsage(() => parseExpiry(opts));
  await checkOutputFile(opts.outputFile, ctx.yes);

  if (isManagement(target.product)) {
    // influxctl takes the description as the argument; the influxdb3 shape's --name serves as one too.
    const text = description ?? opts.name;
    if (text === undefined || text.trim() === '') throw usageError('a token needs a description', 'influxadm token create "what this token is for" --read-database DB');
    if (description !== undefined && opts.name !== undefined) throw usageError('give the description once: as the argument or with --name');
    const body = { description: text, permissions: managementPermissions(permissions), ...(expiresAt ? { expiresAt: expiresAt.at.toISOString() } : {}) };
    if (body.permissions.length === 0) ctx.io.err('note: this token grants nothing (no --permission, --read-database or --write-database)\n');
    const client = await managementClient(await ctx.connect('token create', flags));
    const created = await client.createToken(body);
    if (!created.accessToken) throw new CliError(`token ${created.id} was created but the server sent no accessToken`, ExitCode.failure, `revoke it with: influxadm token revoke ${created.id} --yes`);
    await deliverSecret(ctx, {
      secret: created.accessToken,
      label: `token ${created.id}`,
      revokeHint: `revoke it with: influxadm token revoke ${created.id} --yes`,
      row: created,
      fields: MANAGEMENT_TOKEN_COLUMNS,
      json: created,
      secretKey: 'accessToken',
    }, opts);
    return;
  }

  if (description !== undefined) throw usageError(`${target.product} tokens have names, not descriptions: use --name NAME`);
  const name = opts.name === undefined ? undefined : asUsage(() => checkInfluxDb3Identifier(opts.name!, 'token name'));
  let create: (client: Awaited<ReturnType<typeof influxDb3Client>>) => Promise<InfluxDb3CreatedToken>;
  if (opts.admin) {
    if (hasPermissionFlags(opts)) throw usageError('an admin token has every permission; drop --admin to create a token with --permission');
    if (name === undefined) {
      if (expiresAt) throw usageError('the operator token never expires; --expiry and --expires-at apply to named tokens (--name)');
      create = (client) => client.createOperatorToken();
    } else {
      if (name === '_admin') throw usageError('"_admin" is the operator token\'s name; create it with --admin alone');
      const secs = expiresAt ? expirySeconds(expiresAt) : undefined;
      create = (client) => client.createNamedAdminToken(name, secs);
    }
  } else {
    if (!hasPermissionFlags(opts)) throw usageError(`say what kind of token: --admin, or --permission (enterprise)`, 'influxadm token create --admin [--name N]   or   --name N --permission db:mydb:read');
    if (name === undefined) throw usageError('a token with --permission needs --name NAME');
    const body = enterprisePermissions(permissions);
    const secs = expiresAt ? expirySeconds(expiresAt) : undefined;
    create = (client) => client.createResourceToken(name, body, secs);
  }
  // Only the operator token can be minted without one (a fresh server has no token yet).
  const operator = opts.admin === true && name === undefined;
  const conn = await ctx.connect('token create', flags, { tokenOptional: operator });
  const created = await create(await influxDb3Client(conn));
  const label = created.name ?? name ?? '_admin';
  await deliverSecret(ctx, {
    secret: created.token,
    label: `token "${label}"`,
    revokeHint: label === '_admin' ? 'replace it with: influxadm token regenerate --yes' : `delete it with: influxadm token delete ${label} --yes`,
    row: created,
    fields: CREATED_V3_COLUMNS,
    json: { ...created },
    secretKey: 'token',
  }, opts);
}

export function createOptions(cmd: Command): Command {
  return cmd
    .option('--admin', 'core/enterprise: an admin token (the operator token _admin without --name)')
    .option('--name <name>', 'core/enterprise: the token name (dedicated/clustered: same as the description)')
    .option('--permission <perm>', PERMISSION_HELP, collect)
    .option('--read-database <db>', 'shorthand for --permission db:DB:read (repeatable, * for all)', collect)
    .option('--write-database <db>', 'shorthand for --permission db:DB:write (repeatable, * for all)', collect)
    .option('--expiry <duration>', 'expire after this long, e.g. 7d, 1y, 1h30m')
    .option('--expires-at <time>', 'expire at this RFC 3339 time')
    .option('--output-file <path>', 'write the token to this file (0600) instead of stdout; --force replaces an existing file')
    .option('-q, --quiet', 'print only the token string');
}

export function createCommand(): Command {
  return createOptions(new Command('create')
    .description('create a token; its secret is shown once')
    .argument('[description]', 'dedicated/clustered: what the token is for'))
    .action(run(async (ctx, opts: CreateTokenFlags, description?: string) => createToken(ctx, description, opts)));
}
