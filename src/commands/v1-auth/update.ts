import { Command } from '../../line/command.js';
import { usageError } from '../../errors.js';
import { printShown } from '../../format/records.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { withTargetOptions, type TargetFlags } from './shared.js';

export function updateCommand(): Command {
  return verb(withTargetOptions(new Command('update').description('change the description of a legacy authorization'))
    .option('--description <text>', 'new description')
    .action(run(async (ctx, opts: TargetFlags & { description?: string }, id?: string) => {
      const auths = await ops(ctx, 'v1-auth update', 'legacyAuths');
      const choice = auths.choose(id, opts);
      if (opts.description === undefined) throw usageError('nothing to update', 'pass --description TEXT (status: set-active / set-inactive; password: set-password)');
      const shown = await auths.update(choice, { description: opts.description });
      ctx.done(`updated legacy authorization "${shown.name}"`);
      await printShown(ctx, shown);
    })), 'v1-auth update', [
    'influxadm v1-auth update --username grafana --description "grafana (read only)"',
  ]);
}
