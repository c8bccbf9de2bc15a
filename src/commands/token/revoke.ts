import { Command } from 'commander';
import type { Context } from '../../context.js';
import { asUsage, usageError } from '../../errors.js';
import { checkInfluxDb3Identifier } from '../../input/influxdb3.js';
import { checkUuid } from '../../input/names.js';
import { isManagement } from '../../products.js';
import { influxDb3Client, managementClient } from '../clients.js';
import { deleteEach } from '../delete-each.js';
import { run } from '../run.js';

/** Shared with `delete token` (the influxdb3 shape). IDs on dedicated/clustered, names on core/enterprise. */
export async function revokeTokens(ctx: Context, ids: string[]): Promise<void> {
  const target = await ctx.check('token revoke');
  const unique = [...new Set(ids)];
  if (isManagement(target.product)) {
    const checked = unique.map((id) => asUsage(() => checkUuid(id, 'token ID')));
    const client = await managementClient(await ctx.connect('token revoke'));
    await deleteEach(ctx, {
      names: checked,
      label: (id) => `token ${id}`,
      verb: 'revoked',
      question: `Revoke ${checked.length === 1 ? 'token' : 'tokens'} ${checked.join(', ')}? This cannot be undone.`,
      remove: (id) => client.revokeToken(id),
    });
    return;
  }
  const names = unique.map((n) => asUsage(() => checkInfluxDb3Identifier(n, 'token name')));
  if (names.includes('_admin')) {
    throw usageError('the operator token "_admin" cannot be deleted', 'to replace it, run: influxadm token regenerate');
  }
  const client = await influxDb3Client(await ctx.connect('token revoke'));
  await deleteEach(ctx, {
    names,
    label: (name) => `token "${name}"`,
    question: `Delete ${names.length === 1 ? 'token' : 'tokens'} ${names.map((n) => `"${n}"`).join(', ')}? This cannot be undone.`,
    remove: (name) => client.deleteToken(name),
  });
}

export function revokeCommand(): Command {
  return new Command('revoke')
    .alias('delete')
    .description('revoke tokens by ID (dedicated/clustered) or delete them by name (core/enterprise); asks first unless --yes')
    .argument('<id-or-name...>', 'token IDs or names')
    .action(run(async (ctx, _opts, ids: string[]) => revokeTokens(ctx, ids)));
}
