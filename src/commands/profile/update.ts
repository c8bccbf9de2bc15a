import { Command } from '../../line/command.js';
import { usageError } from '../../errors.js';
import { comparableOwnHost } from '../../config/resolve.js';
import { updateConfig, type ProfileRecord } from '../../config/store.js';
import { printRecord } from '../../format/output.js';
import { run } from '../run.js';
import { PROFILE_COLUMNS, profileFields, profileName, profileRows, removeStoredSecrets, requireProfile, type LocalProfileFlags } from './shared.js';

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
      let moved: { from: string; to: string; record: ProfileRecord } | undefined;
      const config = await updateConfig((current) => {
        const record = requireProfile(current, checked);
        const updated: ProfileRecord = { ...record, ...fields };
        // A stored token was given for the host the profile named then, and goes only there: a profile
        // moved to another host (--host, a --product or --region with another default) leaves it behind,
        // as profile create --force does, rather than send it to the new host.
        const from = comparableOwnHost(record);
        const to = comparableOwnHost(updated);
        if (from !== to && (record.secretIn || record.passwordIn)) {
          moved = { from: from ?? 'no host', to: to ?? 'no host', record };
          delete updated.secretIn;
          delete updated.passwordIn;
          delete updated.tokenExpiresAt;
          delete updated.keychainScope;
        }
        current.profiles[checked] = updated;
        return current;
      });
      if (moved) {
        await removeStoredSecrets(ctx, checked, moved.record);
        ctx.io.err(`note: the stored token of "${checked}" was for ${moved.from}, not ${moved.to}; store one for it with \`influxadm auth login --profile ${checked}\`\n`);
      }
      ctx.done(`updated profile "${checked}"`);
      const row = profileRows(config).find((p) => p.name === checked)!;
      await printRecord(ctx, row, PROFILE_COLUMNS, row);
    }));
}
