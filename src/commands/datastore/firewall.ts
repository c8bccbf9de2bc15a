import { Command } from '../../line/command.js';
import { printShown } from '../../format/records.js';
import { collect } from '../options.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { waitOptions, withWait, type WaitFlags } from '../wait.js';

interface FirewallFlags extends WaitFlags {
  ip?: string[];
  add?: string[];
  remove?: string[];
  clear?: boolean;
}

export function firewallCommand(): Command {
  return verb(waitOptions(new Command('firewall')
    .description('set the addresses allowed to connect to a datastore: the whole list, or changes to it')
    .argument('<datastore>', 'datastore name or ID')
    .option('--ip <addr>', 'an address or CIDR block of the new list (repeatable; replaces the list)', collect)
    .option('--add <addr>', 'add an address or CIDR block (repeatable)', collect)
    .option('--remove <addr>', 'remove an address or CIDR block (repeatable)', collect)
    .option('--clear', 'allow no address (an empty list)'))
    .action(run(async (ctx, opts: FirewallFlags, ref: string) => {
      const datastores = await ops(ctx, 'datastore firewall', 'datastores');
      const ips = opts.clear ? [...(opts.ip ?? [])] : opts.ip;
      const shown = await withWait(ctx, opts, (options) => datastores.firewall(ref, { ...(ips !== undefined ? { ips } : {}), ...(opts.add ? { add: opts.add } : {}), ...(opts.remove ? { remove: opts.remove } : {}) }, options));
      ctx.done(`set the firewall of datastore "${shown.name}"`);
      await printShown(ctx, shown);
    })), 'datastore firewall', [
    'influxadm datastore firewall pg-main --ip 10.0.0.0/24 --ip 192.0.2.10',
    'influxadm datastore firewall pg-main --add 198.51.100.7 --remove 192.0.2.10',
  ]);
}
