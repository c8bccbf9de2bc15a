import { Command } from '../../line/command.js';
import { usageError } from '../../errors.js';
import { printShown } from '../../format/records.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { waitOptions, withWait, type WaitFlags } from '../wait.js';
import { DATABASE, DATASTORE } from './shared.js';
import { IF_NOT_EXISTS } from '../if-not-exists.js';

export function createCommand(): Command {
  return verb(waitOptions(new Command('create')
    .description('create a PostgreSQL logical replication slot on a database')
    .argument('<name>', 'slot name')
    .option(...DATASTORE)
    .option(...DATABASE))
    .option(...IF_NOT_EXISTS)
    .action(run(async (ctx, opts: WaitFlags & { datastore?: string; database?: string }, name: string) => {
      const slots = await ops(ctx, 'replication-slot create', 'replicationSlots');
      if (opts.database === undefined) throw usageError('which database? pass --database NAME|ID');
      const shown = await withWait(ctx, opts, (options) => slots.create({ datastore: opts.datastore, database: opts.database!, name }, options));
      ctx.done(`created replication slot "${shown.name}"`);
      await printShown(ctx, shown);
    })), 'replication-slot create', [
    'influxadm replication-slot create cdc_app --datastore pg-main --database app',
  ]);
}
