import { Command } from '../../line/command.js';
import { usageError } from '../../errors.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { revokeTokens } from '../token/revoke.js';
import { IGNORE_NOT_FOUND } from '../delete-each.js';

export function deleteTokenCommand(): Command {
  return verb(new Command('token')
    .description('delete a token by name (same as `token delete NAME`; asks first unless -y)')
    .option('--token-name <name>', 'the token to delete')
    .option(...IGNORE_NOT_FOUND)
    .action(run(async (ctx, opts: { tokenName?: string }) => {
      if (!opts.tokenName) throw usageError('which token? pass --token-name NAME');
      await revokeTokens(ctx, [opts.tokenName]);
    })), 'token revoke', [
    'influxadm delete token --token-name ci -y',
  ]);
}
