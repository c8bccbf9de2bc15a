import { Command } from '../../line/command.js';
import { createCommand } from './create.js';
import { deleteCommand } from './delete.js';
import { getCommand } from './get.js';
import { listCommand } from './list.js';
import { setPasswordCommand } from './set-password.js';
import { statusCommand } from './status.js';
import { updateCommand } from './update.js';

const withVerbs = (noun: Command): Command => noun
  .addCommand(createCommand())
  .addCommand(listCommand())
  .addCommand(getCommand())
  .addCommand(updateCommand())
  .addCommand(statusCommand('active'))
  .addCommand(statusCommand('inactive'))
  .addCommand(setPasswordCommand())
  .addCommand(deleteCommand());

export function v1AuthCommand(): Command {
  return withVerbs(new Command('v1-auth')
    .alias('legacy-auth')
    .description('legacy (v1-compatible) username/password authorizations'));
}

/** The influx CLI's shape, `v1 auth …` (alias `authorization`): the same commands, so its lines run as they are. */
export function v1Command(): Command {
  return new Command('v1')
    .description('shaped like the influx CLI: v1 auth')
    .addCommand(withVerbs(new Command('auth')
      .alias('authorization')
      .description('legacy (v1-compatible) username/password authorizations (same as `v1-auth`)')));
}
