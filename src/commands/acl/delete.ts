import { Command } from '../../line/command.js';
import { deleteEach, IGNORE_NOT_FOUND, ignoringNotFound } from '../delete-each.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { waitOptions, withWait, type WaitFlags } from '../wait.js';

export function deleteCommand(): Command {
  return verb(waitOptions(new Command('delete')
    .alias('rm')
    .description('delete Kafka ACLs by ID (asks first unless --yes)')
    .argument('<id...>', 'ACL IDs'))
    .option(...IGNORE_NOT_FOUND)
    .action(run(async (ctx, opts: WaitFlags, ids: string[]) => {
      const acls = await ops(ctx, 'acl delete', 'acls');
      await withWait(ctx, opts, async (options) => {
        const removal = await acls.removal(ids, { ...options, missingAllowed: ignoringNotFound(ctx) });
        await deleteEach(ctx, { ...removal, question: `Delete ${removal.names.map(removal.label).join(', ')}?` });
      });
    })), 'acl delete', [
    'influxadm acl delete 3f0c9a4e-… --yes',
  ]);
}
