import { Command } from '../../line/command.js';
import { printListing } from '../../format/records.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { ORG_HELP, type OrgFlags } from './shared.js';

interface ListFlags extends OrgFlags {
  username?: string;
  id?: string;
  user?: string;
  userId?: string;
}

export function listCommand(): Command {
  return verb(new Command('list')
    .aliases(['ls', 'find'])
    .description('list legacy authorizations (filters the server ignores are applied here)')
    .option('--username <name>', 'only this v1 username')
    .option('--id <id>', 'only this authorization ID')
    .option('-u, --user <name>', 'only those owned by this v2 user (by name)')
    .option('--user-id <id>', 'only those owned by this v2 user (by ID)')
    .option('--org <name>', ORG_HELP)
    .option('--org-id <id>', 'organization ID (env INFLUX_ORG_ID)')
    .action(run(async (ctx, opts: ListFlags) => {
      const auths = await ops(ctx, 'v1-auth list', 'legacyAuths');
      await printListing(ctx, await auths.list(opts), 'legacy authorizations');
    })), 'v1-auth list', [
    'influxadm v1-auth list',
    "influxadm v1-auth list --json | jq '.[] | {token, status}'",
  ]);
}
