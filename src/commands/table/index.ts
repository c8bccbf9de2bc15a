import { Command } from '../../line/command.js';
import { createCommand } from './create.js';
import { deleteCommand } from './delete.js';
import { listCommand } from './list.js';
import { renameCommand } from './rename.js';
import { undeleteCommand } from './undelete.js';
import { updateCommand } from './update.js';

export function tableCommand(): Command {
  return new Command('table')
    .alias('tables')
    .description('create, list, update, rename, delete and undelete tables')
    .addCommand(createCommand())
    .addCommand(listCommand())
    .addCommand(updateCommand())
    .addCommand(renameCommand())
    .addCommand(deleteCommand())
    .addCommand(undeleteCommand());
}
