import { Command } from 'commander';
import { asUsage } from '../../errors.js';
import { checkV2Id } from '../../input/v1-auth.js';
import { deleteEach } from '../delete-each.js';
import { run } from '../run.js';
import { v2Client } from './shared.js';

export function deleteCommand(): Command {
  return new Command('delete')
    .alias('rm')
    .description('delete legacy authorizations by ID (asks first unless --yes)')
    .argument('<id...>', 'authorization IDs')
    .action(run(async (ctx, _opts, ids: string[]) => {
      await ctx.check('v1-auth delete');
      const checked = [...new Set(ids.map((id) => asUsage(() => checkV2Id(id, 'authorization ID'))))];
      const client = await v2Client(ctx, 'v1-auth delete');
      await deleteEach(ctx, {
        names: checked,
        label: (id) => `legacy authorization ${id}`,
        question: `Delete legacy ${checked.length === 1 ? 'authorization' : 'authorizations'} ${checked.join(', ')}? Clients using ${checked.length === 1 ? 'it' : 'them'} stop working.`,
        remove: (id) => client.delete(id),
      });
    }));
}
