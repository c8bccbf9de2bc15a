import { Command } from '../../line/command.js';
import { printListing } from '../../format/records.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';

export function listCommand(): Command {
  return verb(new Command('list')
    .alias('ls')
    .description('list the tables of a database')
    .argument('<database>', 'database name')
    .option('--show-deleted', 'include soft-deleted tables (renamed to NAME-YYYYMMDDTHHMMSS until hard deletion)')
    .action(run(async (ctx, opts: { showDeleted?: boolean }, database: string) => {
      const tables = await ops(ctx, 'table list', 'tables');
      await printListing(ctx, await tables.list!(database, { showDeleted: opts.showDeleted === true }), 'tables');
    })), 'table list', [
    'influxadm table list sensors',
    'influxadm table ls sensors --show-deleted --format csv',
  ]);
}
