import { Command } from '../../line/command.js';
import { deleteEach, IGNORE_NOT_FOUND, ignoringNotFound } from '../delete-each.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { waitOptions, withWait, type WaitFlags } from '../wait.js';
import { DATABASE, DATASTORE, type Place } from './shared.js';

export function deleteCommand(): Command {
  return verb(waitOptions(new Command('delete')
    .alias('rm')
    .description('remove PostgreSQL extensions from a database (asks first unless --yes)')
    .argument('<name...>', 'extension names')
    .option(...DATASTORE)
    .option(...DATABASE))
    .option(...IGNORE_NOT_FOUND)
    .action(run(async (ctx, opts: Place & WaitFlags, names: string[]) => {
      const extensions = await ops(ctx, 'extension delete', 'extensions');
      await withWait(ctx, opts, async (options) => {
        const removal = await extensions.removal(opts, names, { ...options, missingAllowed: ignoringNotFound(ctx) });
        await deleteEach(ctx, { ...removal, question: `Remove ${removal.names.map(removal.label).join(', ')}?` });
      });
    })), 'extension delete', [
    'influxadm extension delete pgcrypto --datastore pg-main --database app --yes',
  ]);
}
