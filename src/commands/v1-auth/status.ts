// set-active and set-inactive differ only in the status they send.

import { Command } from 'commander';
import { printRecord } from '../../format/output.js';
import { run } from '../run.js';
import { AUTH_COLUMNS, resolveTarget, targetChoice, withTargetOptions, v2Client, type TargetFlags } from './shared.js';

export function statusCommand(status: 'active' | 'inactive'): Command {
  const verb = status === 'active' ? 'set-active' : 'set-inactive';
  return withTargetOptions(new Command(verb).description(status === 'active'
    ? 'let a legacy authorization log in again'
    : 'stop a legacy authorization from logging in (keeps it and its password)'))
    .action(run(async (ctx, opts: TargetFlags, id?: string) => {
      await ctx.check(`v1-auth ${verb}`);
      const choice = targetChoice(id, opts);
      const client = await v2Client(ctx, `v1-auth ${verb}`);
      const updated = await client.update(await resolveTarget(client, choice), { status });
      ctx.io.err(`legacy authorization "${updated.token}" is ${updated.status ?? status}\n`);
      await printRecord(ctx, updated, AUTH_COLUMNS, updated);
    }));
}
