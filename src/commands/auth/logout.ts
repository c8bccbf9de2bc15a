import { Command } from 'commander';
import { readConfig, updateConfig } from '../../config/store.js';
import { CliError } from '../../errors.js';
import { run } from '../run.js';
import { selectedProfile } from './shared.js';

export function logoutCommand(): Command {
  return new Command('logout')
    .description("remove the profile's stored token")
    .action(run(async (ctx) => {
      const { name, record } = selectedProfile(ctx, await readConfig());
      if (!record.secretIn) {
        ctx.io.err(`profile "${name}" has no stored token; nothing to remove\n`);
        return;
      }
      const { defaultStores } = await import('../../config/secrets.js');
      const store = defaultStores(ctx.env)[record.secretIn];
      try {
        await store.delete(name);
      } catch (error) {
        throw new CliError(`removing the token of profile "${name}" from ${store.where(name)} failed: ${(error as Error).message}`);
      }
      await updateConfig((config) => {
        delete config.profiles[name]?.secretIn;
      });
      ctx.io.err(`removed the token of profile "${name}" from ${store.where(name)}\n`);
    }));
}
