import { Command } from '../../line/command.js';
import { addHelpSection } from '../../format/help.js';
import { usageError } from '../../errors.js';
import { updateConfig, type ProfileRecord } from '../../config/store.js';
import { printRecord } from '../../format/output.js';
import { PRODUCTS } from '../../products/registry.js';
import { run } from '../run.js';
import { PROFILE_COLUMNS, profileFields, profileName, profileRows, removeStoredSecrets, type LocalProfileFlags } from './shared.js';

export function createCommand(): Command {
  return addHelpSection(new Command('create')
    .description('save a profile: --product and its --host, --account, --cluster, --tls-ca, --tls-no-verify, --credential-store')
    .argument('<name>', 'profile name')
    .option('--use', 'make it the active profile')
    .option('--org <name>', 'the organization v1-auth uses by default')
    .option('--allow-http', 'send the token over plain http:// to this host without a warning'), '\nAn existing profile is replaced only with --force (its stored token is removed); `profile update` changes one.')
    .action(run(async (ctx, opts: LocalProfileFlags & { use?: boolean }, name: string) => {
      const checked = profileName(name);
      const fields = profileFields(ctx.globals, opts);
      if (!fields.product) throw usageError('a profile needs a product', `pass --product ${PRODUCTS.join('|')}`);
      const product = fields.product;
      let replaced: ProfileRecord | undefined;
      const activated = await updateConfig((config) => {
        replaced = config.profiles[checked];
        if (replaced && ctx.globals.force !== true) {
          throw usageError(`a profile named "${checked}" exists already`, 'change it with `influxadm profile update`, or pass --force to replace it');
        }
        config.profiles[checked] = { ...fields, product };
        const activate = opts.use === true || !config.active || !config.profiles[config.active];
        if (activate) config.active = checked;
        return activate;
      });
      // The old profile's token was for its host, not necessarily the new one's; so was a kept password.
      if (replaced) await removeStoredSecrets(ctx, checked, replaced, `the old "${checked}"`);
      ctx.done(`${replaced ? 'replaced' : 'created'} profile "${checked}"${activated ? ' (now the active profile)' : ''}`);
      const row = profileRows({ version: 1, active: activated ? checked : undefined, profiles: { [checked]: { ...fields, product } } })[0]!;
      await printRecord(ctx, row, PROFILE_COLUMNS, row);
    }));
}
