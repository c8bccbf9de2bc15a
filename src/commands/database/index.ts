import { Command } from '../../line/command.js';
import { createCommand } from './create.js';
import { deleteCommand } from './delete.js';
import { listCommand } from './list.js';
import { renameCommand } from './rename.js';
import { undeleteCommand } from './undelete.js';
import { updateCommand } from './update.js';

export function databaseCommand(): Command {
  return new Command('database')
    .aliases(['databases', 'db'])
    .description('create, list, update, rename, delete and undelete databases')
    .addCommand(createCommand())
    .addCommand(listCommand())
    .addCommand(updateCommand())
    .addCommand(renameCommand())
    .addCommand(deleteCommand())
    .addCommand(undeleteCommand());
}
