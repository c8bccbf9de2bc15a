import { Command } from 'commander';
import { asUsage } from '../../errors.js';
import { printList } from '../../format/output.js';
import { checkUsername, checkV2Id } from '../../input/v1-auth.js';
import { run } from '../run.js';
import { AUTH_COLUMNS, ORG_HELP, orgChoice, resolveOrg, v2Client, type OrgFlags } from './shared.js';

interface ListFlags extends OrgFlags {
  username?: string;
  id?: string;
}

export function listCommand(): Command {
  return new Command('list')
    .alias('ls')
    .description('list legacy authorizations (filters the server ignores are applied here)')
    .option('--username <name>', 'only this v1 username')
    .option('--id <id>', 'only this authorization ID')
    .option('-o, --org <name>', ORG_HELP)
    .option('--org-id <id>', 'organization ID')
    .action(run(async (ctx, opts: ListFlags) => {
      const target = await ctx.check('v1-auth list');
      const username = opts.username === undefined ? undefined : asUsage(() => checkUsername(opts.username!));
      const id = opts.id === undefined ? undefined : asUsage(() => checkV2Id(opts.id!, 'authorization ID'));
      const orgWanted = orgChoice(ctx, opts, target.profile?.org);
      const client = await v2Client(ctx, 'v1-auth list');
      const org = orgWanted ? await resolveOrg(client, orgWanted) : undefined;
      // The server filters by orgID and username, but ignores the ID filter the spec documents.
      const all = await client.list({ orgID: org?.id, token: username });
      const rows = all.filter((a) => (id === undefined || a.id === id) && (org === undefined || a.orgID === undefined || a.orgID === org.id));
      await printList(ctx, rows, AUTH_COLUMNS, (a) => a, 'legacy authorizations');
    }));
}
