import { Command } from '../../line/command.js';
import type { Context } from '../../context.js';
import { deleteEach, IGNORE_NOT_FOUND, ignoringNotFound } from '../delete-each.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';

/** Shared with `delete token` (the influxdb3 shape). IDs or names, as the product knows its tokens. */
export async function revokeTokens(ctx: Context, ids: string[]): Promise<void> {
  const tokens = await ops(ctx, 'token revoke', 'tokens');
  const removal = await tokens.removal(ids, { missingAllowed: ignoringNotFound(ctx) });
  await deleteEach(ctx, { ...removal, question: removal.question ?? `Delete ${removal.names.map(removal.label).join(', ')}?` });
}

export function revokeCommand(): Command {
  return verb(new Command('revoke')
    .alias('delete')
    .description('revoke tokens by ID, or delete them by name, as the product knows them; asks first unless --yes')
    .argument('<id-or-name...>', 'token IDs or names')
    .option(...IGNORE_NOT_FOUND)
    .action(run(async (ctx, _opts, ids: string[]) => revokeTokens(ctx, ids))), 'token revoke', [
    'influxadm token revoke 5f3c6a2e-… 9a1b77d0-… --yes',
    'influxadm token delete ci-reader --yes',
  ]);
}
