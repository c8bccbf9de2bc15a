import { Command } from 'commander';
import { CliError, ExitCode, usageError } from '../../errors.js';
import { updateConfig } from '../../config/store.js';
import { printRecord } from '../../format/output.js';
import { PRODUCTS } from '../../products/registry.js';
import { run } from '../run.js';
import { PROFILE_COLUMNS, profileFields, profileName, profileRows, type LocalProfileFlags } from './shared.js';

export function createCommand(): Command {
  return new Command('create')
    .description('save a profile: --product and its --host, --account, --cluster, --tls-ca, --tls-no-verify, --credential-store')
    .argument('<name>', 'profile name')
    .option('--use', 'make it the active profile')
    .option('--org <name>', 'the organization v1-auth uses by default')
    .option('--allow-http', 'send the token over plain http:// to this host without a warning')
    .action(run(async (ctx, opts: LocalProfileFlags & { use?: boolean }, name: string) => {
      const checked = profileName(name);
      const fields = profileFields(ctx.globals, opts);
      if (!fields.product) throw usageError('a profile needs a product', `pass --product ${PRODUCTS.join('|')}`);
      const product = fields.product;
      const activated = await updateConfig((config) => {
        if (config.profiles[checked]) {
          throw new CliError(`a profile named "${checked}" exists already`, ExitCode.conflict, 'change it with `influxadm profile update`');
        }
        config.profiles[checked] = { ...fields, product };
        const activate = opts.use === true || !config.active || !config.profiles[config.active];
        if (activate) config.active = checked;
        return activate;
      });
      ctx.io.err(`created profile "${checked}"${activated ? ' (now the active profile)' : ''}\n`);
      const row = profileRows({ version: 1, active: activated ? checked : undefined, profiles: { [checked]: { ...fields, product } } })[0]!;
      await printRecord(ctx, row, PROFILE_COLUMNS, row);
    }));
}
