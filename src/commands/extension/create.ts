import { Command } from '../../line/command.js';
import { usageError } from '../../errors.js';
import { printShown } from '../../format/records.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { waitOptions, withWait, type WaitFlags } from '../wait.js';
import { DATABASE, DATASTORE, type Place } from './shared.js';
import { IF_NOT_EXISTS } from '../if-not-exists.js';

export function createCommand(): Command {
  return verb(waitOptions(new Command('create')
    .description('install a PostgreSQL extension in a database (by its name in available-extensions)')
    .argument('<name>', 'extension name, e.g. pgcrypto')
    .option(...DATASTORE)
    .option(...DATABASE))
    .option(...IF_NOT_EXISTS)
    .action(run(async (ctx, opts: Place & WaitFlags, name: string) => {
      const extensions = await ops(ctx, 'extension create', 'extensions');
      if (opts.database === undefined) throw usageError('which database? pass --database NAME|ID');
      const shown = await withWait(ctx, opts, (options) => extensions.create({ datastore: opts.datastore, database: opts.database!, name }, options));
      ctx.done(`installed extension "${name}" in database "${opts.database}"`);
      await printShown(ctx, shown);
    })), 'extension create', [
    'influxadm extension create pgcrypto --datastore pg-main --database app',
  ]);
}
