import { Command } from '../../line/command.js';
import { printListing } from '../../format/records.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { DATASTORE } from './shared.js';

export function listCommand(): Command {
  return verb(new Command('list')
    .alias('ls')
    .description('list Kafka ACLs')
    .option(...DATASTORE)
    .option('--user <user>', 'only the ACLs of this user (with --datastore)')
    .option('--pattern <topic>', 'only ACLs with this pattern')
    .option('--pattern-type <type>', 'only ACLs of this pattern type: literal, prefixed or all')
    .option('--status <status>', 'only ACLs in this status')
    .action(run(async (ctx, opts: { datastore?: string; user?: string; pattern?: string; patternType?: string; status?: string }) => {
      const acls = await ops(ctx, 'acl list', 'acls');
      await printListing(ctx, await acls.list(opts), 'ACLs');
    })), 'acl list', [
    'influxadm acl list --datastore kafka-1',
  ]);
}
