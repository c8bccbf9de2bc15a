import { Command } from '../../line/command.js';
import { printListing } from '../../format/records.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { DATABASE, DATASTORE, type Place } from './shared.js';

export function listCommand(): Command {
  return verb(new Command('list')
    .alias('ls')
    .description('list installed PostgreSQL extensions')
    .option(...DATASTORE)
    .option(...DATABASE)
    .option('--status <status>', 'only extensions in this status')
    .action(run(async (ctx, opts: Place & { status?: string }) => {
      const extensions = await ops(ctx, 'extension list', 'extensions');
      await printListing(ctx, await extensions.list(opts), 'extensions');
    })), 'extension list', [
    'influxadm extension list --datastore pg-main --database app',
  ]);
}
