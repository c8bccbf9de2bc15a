import { Command } from '../../line/command.js';
import { chooseProfile } from '../../config/resolve.js';
import { updateConfig } from '../../config/store.js';
import { run } from '../run.js';
import { profileName, requireProfile } from './shared.js';

export function useCommand(): Command {
  return new Command('use')
    .description('make a profile the active one')
    .argument('<name>', 'profile name')
    .action(run(async (ctx, _opts, name: string) => {
      const checked = profileName(name);
      const config = await updateConfig((current) => {
        requireProfile(current, checked);
        current.active = checked;
        return current;
      });
      ctx.done(`"${checked}" is now the active profile`);
      // A variable naming a profile (INFLUXADM_PROFILE, or an official CLI's) goes before the active one: the
      // line above would otherwise be believed, and this shell's commands go on using the other profile.
      let chosen: ReturnType<typeof chooseProfile> | undefined;
      try {
        chosen = chooseProfile({ ...ctx.globals, profile: undefined }, ctx.env, config);
      } catch {
        // A variable naming no profile (or a broken one): every command says so itself.
      }
      if (chosen?.name !== undefined && chosen.name !== checked && chosen.origin !== 'active profile') {
        ctx.io.err(`note: ${chosen.origin} is set in this environment and goes before the active profile: commands here still use "${chosen.name}" until it is unset\n`);
      }
    }));
}
