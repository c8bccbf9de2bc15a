import { Command } from '../../line/command.js';
import { printShown } from '../../format/records.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { waitOptions, withWait, type WaitFlags } from '../wait.js';

export function updateCommand(): Command {
  return verb(waitOptions(new Command('update')
    .description('change what a Kafka ACL allows (its user and topics stay; make a new one for others)')
    .argument('<id>', 'ACL ID')
    .option('--read', 'allow consuming')
    .option('--no-read', 'stop allowing consuming')
    .option('--write', 'allow producing')
    .option('--no-write', 'stop allowing producing'))
    .action(run(async (ctx, opts: WaitFlags & { read?: boolean; write?: boolean }, id: string) => {
      const acls = await ops(ctx, 'acl update', 'acls');
      const shown = await withWait(ctx, opts, (options) => acls.update(id, { ...(opts.read !== undefined ? { read: opts.read } : {}), ...(opts.write !== undefined ? { write: opts.write } : {}) }, options));
      ctx.done(`updated ACL ${shown.id}`);
      await printShown(ctx, shown);
    })), 'acl update', [
    'influxadm acl update 3f0c9a4e-… --read --no-write',
  ]);
}
