import { Command } from '../../line/command.js';
import { readConfig, updateConfig } from '../../config/store.js';
import { printOutcomes } from '../../format/output.js';
import { confirmDestructive } from '../../input/confirm.js';
import { run } from '../run.js';
import { profileName, removeStoredSecrets, requireProfile } from './shared.js';

export function deleteCommand(): Command {
  return new Command('delete')
    .alias('rm')
    .description('delete profiles (asks first unless --yes)')
    .argument('<name...>', 'profile names')
    .action(run(async (ctx, _opts, names: string[]) => {
      const checked = [...new Set(names.map(profileName))];
      const current = await readConfig();
      for (const name of checked) requireProfile(current, name, true);
      const withSecrets = checked.filter((name) => current.profiles[name]?.secretIn || current.profiles[name]?.passwordIn);
      await confirmDestructive(ctx.io, ctx.yes, `Delete ${checked.length === 1 ? 'profile' : 'profiles'} ${checked.map((n) => `"${n}"`).join(', ')}${withSecrets.length ? ' and the stored tokens' : ''}?`, { declined: 'nothing deleted' });
      for (const name of withSecrets) await removeStoredSecrets(ctx, name, current.profiles[name]!);
      await updateConfig((config) => {
        for (const name of checked) {
          requireProfile(config, name, true);
          delete config.profiles[name];
          if (config.active === name) delete config.active;
        }
      });
      for (const name of checked) ctx.done(`deleted profile "${name}"`);
      // The delete outcome every delete prints (docs/json.md); requireProfile above means each one went.
      printOutcomes(ctx, checked.map((name) => ({ name, deleted: true })));
    }));
}
