import { Command } from 'commander';
import { updateConfig } from '../../config/store.js';
import { run } from '../run.js';
import { profileName, requireProfile } from './shared.js';

export function useCommand(): Command {
  return new Command('use')
    .description('make a profile the active one')
    .argument('<name>', 'profile name')
    .action(run(async (ctx, _opts, name: string) => {
      const checked = profileName(name);
      await updateConfig((config) => {
        requireProfile(config, checked);
        config.active = checked;
      });
      ctx.done(`"${checked}" is now the active profile`);
    }));
}
