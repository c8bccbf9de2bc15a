import { Command } from '../../line/command.js';
import { printListing } from '../../format/records.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { DATASTORE, type Where } from './shared.js';

export function listCommand(): Command {
  return verb(new Command('list')
    .alias('ls')
    .description('list database users')
    .option(...DATASTORE)
    .option('--name <name>', 'only the user of this name')
    .option('--status <status>', 'only users in this status')
    .action(run(async (ctx, opts: Where & { name?: string; status?: string }) => {
      const users = await ops(ctx, 'user list', 'users');
      await printListing(ctx, await users.list(opts), 'users');
    })), 'user list', [
    'influxadm user list --datastore pg-main',
  ]);
}
