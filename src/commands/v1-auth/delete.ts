import { Command } from 'commander';
import { deleteEach, IGNORE_NOT_FOUND } from '../delete-each.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';

export function deleteCommand(): Command {
  return verb(new Command('delete')
    .alias('rm')
    .description('delete legacy authorizations by ID (asks first unless --yes)')
    .argument('<id...>', 'authorization IDs')
    .option(...IGNORE_NOT_FOUND)
    .action(run(async (ctx, _opts, ids: string[]) => {
      const auths = await ops(ctx, 'v1-auth delete', 'legacyAuths');
      const removal = await auths.removal(ids);
      await deleteEach(ctx, { ...removal, question: removal.question ?? `Delete ${removal.names.join(', ')}?` });
    })), 'v1-auth delete', [
    'influxadm v1-auth delete 0a1b2c3d4e5f6071 --yes',
  ]);
}
