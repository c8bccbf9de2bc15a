import { Command } from '../../line/command.js';
import { printListing } from '../../format/records.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { DATASTORE, type GrantFlags } from './shared.js';

export function listCommand(): Command {
  return verb(new Command('list')
    .alias('ls')
    .description('list grants of users on databases')
    .option(...DATASTORE)
    .option('--user <user>', 'only the grants of this user (with --datastore)')
    .option('--database <database>', 'only the grants on this database (with --datastore)')
    .option('--status <status>', 'only grants in this status')
    .action(run(async (ctx, opts: GrantFlags & { status?: string }) => {
      const grants = await ops(ctx, 'grant list', 'grants');
      await printListing(ctx, await grants.list(opts), 'grants');
    })), 'grant list', [
    'influxadm grant list --datastore pg-main --user app_rw',
  ]);
}
