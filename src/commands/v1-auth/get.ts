import { Command } from '../../line/command.js';
import { printShown } from '../../format/records.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { withTargetOptions, type TargetFlags } from './shared.js';

export function getCommand(): Command {
  return verb(withTargetOptions(new Command('get').description('show one legacy authorization'))
    .action(run(async (ctx, opts: TargetFlags, id?: string) => {
      const auths = await ops(ctx, 'v1-auth get', 'legacyAuths');
      await printShown(ctx, await auths.get(auths.choose(id, opts)));
    })), 'v1-auth get', [
    'influxadm v1-auth get --username grafana',
  ]);
}
