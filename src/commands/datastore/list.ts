import { Command } from '../../line/command.js';
import { printListing } from '../../format/records.js';
import type { DatastoreFilters } from '../../products/types.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';

export function listCommand(): Command {
  return verb(new Command('list')
    .alias('ls')
    .description('list datastores, with the filters of the API')
    .option('--name <name>', 'only the datastore of this name')
    .option('--status <status>', 'only datastores in this status, e.g. ACTIVE, PENDING_CREATE, ERROR')
    .option('--type <type>', 'only datastores of this type: engine-version (postgresql-16) or ID')
    .option('--flavor <flavor>', 'only datastores of this flavor (name or ID)')
    .option('--subnet <id>', 'only datastores in this subnet')
    .option('--deleted', 'list deleted datastores')
    .action(run(async (ctx, opts: DatastoreFilters) => {
      const datastores = await ops(ctx, 'datastore list', 'datastores');
      // The API's statuses are upper case and compared exactly: `active` would match nothing, silently.
      const filters = opts.status === undefined ? opts : { ...opts, status: opts.status.toUpperCase() };
      await printListing(ctx, await datastores.list(filters), 'datastores');
    })), 'datastore list', [
    'influxadm datastore list',
    "influxadm datastore list --type postgresql-16 --json | jq -r '.[] | [.name, .status] | @tsv'",
  ]);
}
