import { Command } from '../../line/command.js';
import { printListing } from '../../format/records.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { DATABASE, DATASTORE } from './shared.js';

export function listCommand(): Command {
  return verb(new Command('list')
    .alias('ls')
    .description('list PostgreSQL logical replication slots')
    .option(...DATASTORE)
    .option(...DATABASE)
    .option('--name <name>', 'only the slot of this name')
    .option('--status <status>', 'only slots in this status')
    .action(run(async (ctx, opts: { datastore?: string; database?: string; name?: string; status?: string }) => {
      const slots = await ops(ctx, 'replication-slot list', 'replicationSlots');
      await printListing(ctx, await slots.list(opts), 'replication slots');
    })), 'replication-slot list', [
    'influxadm replication-slot list --datastore pg-main',
  ]);
}
