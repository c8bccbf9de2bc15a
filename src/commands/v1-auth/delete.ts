import { Command } from '../../line/command.js';
import { usageError } from '../../errors.js';
import { deleteEach, IGNORE_NOT_FOUND } from '../delete-each.js';
import { collect } from '../options.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';

export function deleteCommand(): Command {
  return verb(new Command('delete')
    .alias('rm')
    .description('delete legacy authorizations by ID or username (asks first unless --yes)')
    .argument('[id...]', 'authorization IDs')
    // influx v1 auth delete's flags; repeatable here, and they go with IDs given as arguments.
    .option('--id <id>', 'authorization ID (repeatable)', collect)
    .option('--username <name>', 'find the authorization by its v1 username (repeatable)', collect)
    .option(...IGNORE_NOT_FOUND)
    .action(run(async (ctx, opts: { id?: string[]; username?: string[] }, ids: string[]) => {
      const all = [...ids, ...(opts.id ?? [])];
      if (all.length === 0 && !opts.username?.length) throw usageError('which authorizations? give their IDs or --username NAME', 'see `influxadm v1-auth list`');
      const auths = await ops(ctx, 'v1-auth delete', 'legacyAuths');
      const removal = await auths.removal(all, opts.username ?? []);
      await deleteEach(ctx, { ...removal, question: removal.question ?? `Delete ${removal.names.join(', ')}?` });
    })), 'v1-auth delete', [
    'influxadm v1-auth delete 0a1b2c3d4e5f6071 --yes',
    'influxadm v1-auth delete --username grafana --yes',
  ]);
}
