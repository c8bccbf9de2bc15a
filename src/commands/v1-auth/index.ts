import { Command } from 'commander';
import { createCommand } from './create.js';
import { deleteCommand } from './delete.js';
import { getCommand } from './get.js';
import { listCommand } from './list.js';
import { setPasswordCommand } from './set-password.js';
import { statusCommand } from './status.js';
import { updateCommand } from './update.js';

export function v1AuthCommand(): Command {
  return new Command('v1-auth')
    .alias('legacy-auth')
    .description('legacy (v1-compatible) username/password authorizations')
    .addCommand(createCommand())
    .addCommand(listCommand())
    .addCommand(getCommand())
    .addCommand(updateCommand())
    .addCommand(statusCommand('active'))
    .addCommand(statusCommand('inactive'))
    .addCommand(setPasswordCommand())
    .addCommand(deleteCommand());
}
