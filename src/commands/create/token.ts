import { Command } from '../../line/command.js';
import { usageError } from '../../errors.js';
import { hasPermissionFlags } from '../../input/permission.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { createOptions, createToken, type CreateTokenFlags } from '../token/create.js';
import { regenerateOperatorToken } from '../token/regenerate.js';
import { IF_NOT_EXISTS } from '../if-not-exists.js';

export function createTokenCommand(): Command {
  return verb(createOptions(new Command('token')
    .description('create a token (same as `token create`; --admin --regenerate is `token regenerate`)'))
    .option('--regenerate', 'with --admin: replace the operator token (asks first unless -y)')
    .option(...IF_NOT_EXISTS)
    .action(run(async (ctx, opts: CreateTokenFlags & { regenerate?: boolean }) => {
      if (!opts.regenerate) return createToken(ctx, undefined, opts);
      if (opts.name !== undefined) throw usageError('--regenerate cannot be used with --name: it applies to the operator token only');
      if (!opts.admin) throw usageError('--regenerate goes with --admin');
      if (hasPermissionFlags(opts) || opts.expiry !== undefined || opts.expiresAt !== undefined) {
        throw usageError('--regenerate takes no permissions or expiry: the operator token has every permission and never expires');
      }
      await regenerateOperatorToken(ctx, opts);
    })), 'token create', [
    'influxadm create token --admin',
    'influxadm create token --name ci --permission db:sales:read --expiry 30d',
    'influxadm create token --admin --regenerate -y',
  ]);
}
