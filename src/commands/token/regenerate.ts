import { Command } from 'commander';
import type { Context } from '../../context.js';
import { checkOutputFile, deliverSecret, type SecretOptions } from '../../format/secret.js';
import { confirmDestructive } from '../../io.js';
import { influxDb3Client } from '../clients.js';
import { run } from '../run.js';
import { CREATED_V3_COLUMNS } from './shared.js';

/** Shared with `create token --admin --regenerate` (the influxdb3 shape). */
export async function regenerateOperatorToken(ctx: Context, opts: SecretOptions): Promise<void> {
  await ctx.check('token regenerate');
  await checkOutputFile(opts.outputFile, ctx.yes);
  const client = await influxDb3Client(await ctx.connect('token regenerate'));
  await confirmDestructive(ctx.io, ctx.yes, 'Regenerate the operator token _admin? The current one stops working at once.');
  const created = await client.regenerateOperatorToken();
  await deliverSecret(ctx, {
    secret: created.token,
    label: 'the new operator token',
    revokeHint: 'regenerate it again with: influxadm token regenerate --yes',
    row: created,
    fields: CREATED_V3_COLUMNS,
    json: { ...created },
    secretKey: 'token',
  }, opts);
}

export function regenerateCommand(): Command {
  return new Command('regenerate')
    .description('replace the operator token _admin (core/enterprise); asks first unless --yes')
    .option('--output-file <path>', 'write the new token to this file (0600) instead of stdout')
    .option('-q, --quiet', 'print only the token string')
    .action(run(async (ctx, opts: SecretOptions) => regenerateOperatorToken(ctx, opts)));
}
