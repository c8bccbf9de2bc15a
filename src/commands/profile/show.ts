import { Command } from '../../line/command.js';
import { usageError } from '../../errors.js';
import { chooseProfile } from '../../config/resolve.js';
import { readConfig } from '../../config/store.js';
import { printRecord } from '../../format/output.js';
import { run } from '../run.js';
import { PROFILE_COLUMNS, profileName, profileRows, requireProfile } from './shared.js';

export function showCommand(): Command {
  return new Command('show')
    .description('show one profile (default: the one in use)')
    .argument('[name]', 'profile name')
    .action(run(async (ctx, _opts, name?: string) => {
      const config = await readConfig();
      const chosen = name === undefined ? chooseProfile(ctx.globals, ctx.env, config).name : profileName(name);
      if (chosen === undefined) throw usageError('no profile is in use', 'name one, or make one active with `influxadm profile use NAME`');
      requireProfile(config, chosen);
      const row = profileRows(config).find((p) => p.name === chosen)!;
      await printRecord(ctx, row, PROFILE_COLUMNS, row);
    }));
}
