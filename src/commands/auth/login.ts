import { Command } from 'commander';
import { flagProvider, sendable } from '../../config/credentials.js';
import { readConfig, updateConfig } from '../../config/store.js';
import { usageError } from '../../errors.js';
import { promptSecret } from '../../io.js';
import { run } from '../run.js';
import { selectedProfile } from './shared.js';

export function loginCommand(): Command {
  return new Command('login')
    .description("store the token of a profile (keychain by default; see --credential-store)")
    .action(run(async (ctx) => {
      const { name, record } = selectedProfile(ctx, await readConfig());
      const { storeModeFor, defaultStores, storeSecret } = await import('../../config/secrets.js');
      const mode = storeModeFor(ctx.globals.credentialStore, ctx.env, record);
      const given = await flagProvider.find({ product: record.product, profileName: name, globals: ctx.globals, env: ctx.env });
      let token = given?.value;
      if (token === undefined) {
        if (!ctx.io.canPrompt) throw usageError('no token given and no terminal to ask on', 'pipe it in with --token-stdin, or pass --token-file PATH');
        token = sendable((await promptSecret(`Token for profile "${name}": `)).trim(), 'the prompt');
      }
      const stores = defaultStores(ctx.env);
      const where = await storeSecret(mode, name, token, stores, (line) => ctx.io.err(`${line}\n`), record.secretIn);
      await updateConfig((config) => {
        const current = config.profiles[name];
        if (current) current.secretIn = where;
      });
      ctx.io.err(`stored the token of profile "${name}" in ${stores[where].where(name)}\n`);
    }));
}
