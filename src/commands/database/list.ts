import { Command } from '../../line/command.js';
import type { Context } from '../../context.js';
import { printListing } from '../../format/records.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';

export interface ListFlags {
  showDeleted?: boolean;
  datastore?: string;
  status?: string;
}

/** Shared with `show databases` (the influxdb3 shape). */
export async function listDatabases(ctx: Context, opts: ListFlags): Promise<void> {
  const databases = await ops(ctx, 'database list', 'databases');
  await printListing(ctx, await databases.list({ ...opts, showDeleted: opts.showDeleted === true }), 'databases');
}

export function listCommand(): Command {
  return verb(new Command('list')
    .alias('ls')
    .description('list databases')
    .option('--show-deleted', 'include soft-deleted databases')
    .option('--datastore <datastore>', 'only the databases of this datastore (name or ID)')
    .option('--status <status>', 'only databases in this status, e.g. ACTIVE')
    .action(run(async (ctx, opts: ListFlags) => listDatabases(ctx, opts))), 'database list', [
    'influxadm database list',
    "influxadm db ls --json | jq -r '.[].name'",
  ]);
}
