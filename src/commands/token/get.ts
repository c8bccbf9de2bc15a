import { Command } from '../../line/command.js';
import { printShown } from '../../format/records.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';

export function getCommand(): Command {
  return verb(new Command('get')
    .description('show one token (its secret only where the API returns it on every read, and then in a table only with --show-value)')
    .argument('<id>', 'token ID (or name, where tokens have names)')
    .option('--include-revoked', 'show it even if it is revoked')
    .option('--show-value', 'show its value in the table too (where the API returns it on every read)')
    .action(run(async (ctx, opts: { includeRevoked?: boolean; showValue?: boolean }, id: string) => {
      const tokens = await ops(ctx, 'token get', 'tokens');
      await printShown(ctx, await tokens.get!(id, opts));
    })), 'token get', [
    'influxadm token get 5f3c6a2e-…',
  ]);
}
