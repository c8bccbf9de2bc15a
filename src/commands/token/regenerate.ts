import { Command } from '../../line/command.js';
import type { Context } from '../../context.js';
import { checkOutputFile, deliverSecret, type SecretOptions } from '../../format/secret.js';
import { confirmDestructive } from '../../input/confirm.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';

/** Shared with `create token --admin --regenerate` (the influxdb3 shape). */
export async function regenerateOperatorToken(ctx: Context, opts: SecretOptions): Promise<void> {
  const tokens = await ops(ctx, 'token regenerate', 'tokens');
  await checkOutputFile(opts.outputFile, ctx.globals.force === true);
  await confirmDestructive(ctx.io, ctx.yes, 'Regenerate the operator token _admin? The current one stops working at once.', { target: ctx.yes ? undefined : await ctx.target(), declined: 'nothing changed: the operator token is as it was' });
  await deliverSecret(ctx, await tokens.regenerate!(), opts);
}

export function regenerateCommand(): Command {
  return verb(new Command('regenerate')
    .description('replace the operator token _admin; asks first unless --yes')
    .option('--output-file <path>', 'write the new token to this file (0600) instead of stdout')
    .action(run(async (ctx, opts: SecretOptions) => regenerateOperatorToken(ctx, opts))), 'token regenerate', [
    'influxadm token regenerate --yes --output-file operator.token',
  ]);
}
