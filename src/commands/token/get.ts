import { Command } from 'commander';
import { printShown } from '../../format/records.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';

export function getCommand(): Command {
  return verb(new Command('get')
    .description('show one token (never its secret)')
    .argument('<id>', 'token ID')
    .option('--include-revoked', 'show it even if it is revoked')
    .action(run(async (ctx, opts: { includeRevoked?: boolean }, id: string) => {
      const tokens = await ops(ctx, 'token get', 'tokens');
      await printShown(ctx, await tokens.get!(id, opts));
    })), 'token get', [
    'influxadm token get 5f3c6a2e-…',
  ]);
}
