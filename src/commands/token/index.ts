import { Command } from '../../line/command.js';
import { createCommand } from './create.js';
import { getCommand } from './get.js';
import { listCommand } from './list.js';
import { regenerateCommand } from './regenerate.js';
import { renameCommand } from './rename.js';
import { revokeCommand } from './revoke.js';
import { updateCommand } from './update.js';

export function tokenCommand(): Command {
  return new Command('token')
    .alias('tokens')
    .description('create, list, get, update, rename, revoke and regenerate tokens')
    .addCommand(createCommand())
    .addCommand(listCommand())
    .addCommand(getCommand())
    .addCommand(updateCommand())
    .addCommand(renameCommand())
    .addCommand(revokeCommand())
    .addCommand(regenerateCommand());
}
