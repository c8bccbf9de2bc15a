import { Command } from 'commander';
import { usageError } from '../../errors.js';
import { updateConfig } from '../../config/store.js';
import { printRecord } from '../../format/output.js';
import { run } from '../run.js';
import { PROFILE_COLUMNS, profileFields, profileName, profileRows, requireProfile, type LocalProfileFlags } from './shared.js';

export function updateCommand(): Command {
  return new Command('update')
    .description('change the fields of a profile you pass (--product, --host, --account, --cluster, --tls-ca, --tls-no-verify, --credential-store, --org)')
    .argument('<name>', 'profile name')
    .option('--org <name>', 'the organization v1-auth uses by default')
    .option('--allow-http', 'send the token over plain http:// to this host without a warning')
    .action(run(async (ctx, opts: LocalProfileFlags, name: string) => {
      const checked = profileName(name);
      const fields = profileFields(ctx.globals, opts);
      if (Object.keys(fields).length === 0) throw usageError('nothing to update', 'pass --product, --host, --account, --cluster, --tls-ca, --tls-no-verify, --credential-store, --org or --allow-http');
      const config = await updateConfig((current) => {
        const record = requireProfile(current, checked);
        current.profiles[checked] = { ...record, ...fields };
        return current;
      });
      ctx.done(`updated profile "${checked}"`);
      const row = profileRows(config).find((p) => p.name === checked)!;
      await printRecord(ctx, row, PROFILE_COLUMNS, row);
    }));
}
