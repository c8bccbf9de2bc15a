import { Command } from '../../line/command.js';
import { readConfig, updateConfig } from '../../config/store.js';
import { CliError, ExitCode } from '../../errors.js';
import { run } from '../run.js';
import { selectedProfile } from './shared.js';

export function logoutCommand(): Command {
  return new Command('logout')
    .description("remove the profile's stored token")
    .action(run(async (ctx) => {
      const { name, record } = selectedProfile(ctx, await readConfig());
      if (!record.secretIn && !record.passwordIn) {
        ctx.done(`profile "${name}" has no stored token; nothing to remove`);
        return;
      }
      const { defaultStores, passwordAccount } = await import('../../config/secrets.js');
      const stores = defaultStores(ctx.env, record.keychainScope);
      // The token, then a service user's kept password (which renews it): each forgotten once it is gone.
      const secrets = [
        { what: 'token', account: name, in: record.secretIn, field: 'secretIn' },
        { what: 'kept password', account: passwordAccount(name), in: record.passwordIn, field: 'passwordIn' },
      ] as const;
      for (const secret of secrets) {
        if (!secret.in) continue;
        const store = stores[secret.in];
        try {
          await store.delete(secret.account);
        } catch (error) {
          // Not forgotten: the profile still points at the secret, which may still be there and still work.
          throw new CliError(
            `removing the ${secret.what} of profile "${name}" from ${store.where(secret.account)} failed: ${(error as Error).message}`,
            ExitCode.failure,
            `the profile still refers to it: run this again once the keychain answers, or \`influxadm profile delete ${name}\` removes the profile all the same (with a warning)`,
          );
        }
        await updateConfig((config) => {
          const current = config.profiles[name];
          if (!current) return;
          delete current[secret.field];
          // The expiry belongs to the token: left behind, `profile show` would give one for a token that is gone.
          if (secret.field === 'secretIn') delete current.tokenExpiresAt;
          if (!current.secretIn && !current.passwordIn) delete current.keychainScope;
        });
        ctx.done(`removed the ${secret.what} of profile "${name}" from ${store.where(secret.account)}`);
      }
    }));
}
