import { Command } from '../../line/command.js';
import { asUsage, usageError } from '../../errors.js';
import { printShown } from '../../format/records.js';
import { parseWholeNumber } from '../../input/numbers.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { waitOptions, withWait, type WaitFlags } from '../wait.js';

export function backupsCommand(): Command {
  return verb(waitOptions(new Command('backups')
    .description('set how long the backups of a datastore are kept')
    .argument('<datastore>', 'datastore name or ID')
    .option('--retention-days <n>', 'days to keep backups'))
    .action(run(async (ctx, opts: WaitFlags & { retentionDays?: string }, ref: string) => {
      const datastores = await ops(ctx, 'datastore backups', 'datastores');
      if (opts.retentionDays === undefined) throw usageError('how long? pass --retention-days N');
      const days = asUsage(() => parseWholeNumber('--retention-days', opts.retentionDays!, { min: 1, max: 3650 }));
      const shown = await withWait(ctx, opts, (options) => datastores.backups(ref, days, options));
      ctx.done(`backups of datastore "${shown.name}" are kept ${days} days`);
      await printShown(ctx, shown);
    })), 'datastore backups', [
    'influxadm datastore backups pg-main --retention-days 14',
  ]);
}
