// set-active and set-inactive differ only in the status they send.

import { Command } from '../../line/command.js';
import { printShown } from '../../format/records.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { withTargetOptions, type TargetFlags } from './shared.js';

export function statusCommand(status: 'active' | 'inactive'): Command {
  const name = status === 'active' ? 'set-active' : 'set-inactive';
  return verb(withTargetOptions(new Command(name).description(status === 'active'
    ? 'let a legacy authorization log in again'
    : 'stop a legacy authorization from logging in (keeps it and its password)'))
    .action(run(async (ctx, opts: TargetFlags, id?: string) => {
      const auths = await ops(ctx, `v1-auth ${name}`, 'legacyAuths');
      const shown = await auths.update(auths.choose(id, opts), { status });
      ctx.done(`legacy authorization "${shown.name}" is ${(shown.item as { status?: string }).status ?? status}`);
      await printShown(ctx, shown);
    })), `v1-auth ${name}`, [
    `influxadm v1-auth ${name} --username grafana`,
  ]);
}
