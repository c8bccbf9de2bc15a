import { Command } from '../../line/command.js';
import { createCommand } from './create.js';
import { deleteCommand } from './delete.js';
import { listCommand } from './list.js';

export function grantCommand(): Command {
  return new Command('grant')
    .alias('grants')
    .description("users' access to databases inside a datastore")
    .addCommand(createCommand())
    .addCommand(listCommand())
    .addCommand(deleteCommand());
}
