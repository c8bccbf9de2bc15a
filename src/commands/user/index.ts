import { Command } from '../../line/command.js';
import { createCommand } from './create.js';
import { deleteCommand } from './delete.js';
import { listCommand } from './list.js';
import { updateCommand } from './update.js';

export function userCommand(): Command {
  return new Command('user')
    .alias('users')
    .description('database users inside a datastore')
    .addCommand(createCommand())
    .addCommand(listCommand())
    .addCommand(updateCommand())
    .addCommand(deleteCommand());
}
