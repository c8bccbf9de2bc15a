import { Command } from 'commander';
import { asUsage, CliError, ExitCode } from '../../errors.js';
import { printRecord } from '../../format/output.js';
import { checkUuid } from '../../input/names.js';
import { managementClient } from '../clients.js';
import { run } from '../run.js';
import { MANAGEMENT_TOKEN_COLUMNS, REVOKED_COLUMN } from './shared.js';

export function getCommand(): Command {
  return new Command('get')
    .description('show one token (never its secret)')
    .argument('<id>', 'token ID')
    .option('--include-revoked', 'show it even if it is revoked')
    .action(run(async (ctx, opts: { includeRevoked?: boolean }, id: string) => {
      await ctx.check('token get');
      const checked = asUsage(() => checkUuid(id, 'token ID'));
      const token = await (await managementClient(await ctx.connect('token get'))).getToken(checked);
      if (token.revokedAt && !opts.includeRevoked) {
        throw new CliError(`token ${checked} was revoked at ${token.revokedAt}`, ExitCode.notFound, 'pass --include-revoked to show it anyway');
      }
      await printRecord(ctx, token, [...MANAGEMENT_TOKEN_COLUMNS, REVOKED_COLUMN], token);
    }));
}
