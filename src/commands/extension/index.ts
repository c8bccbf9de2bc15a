import { Command } from '../../line/command.js';
import { createCommand } from './create.js';
import { deleteCommand } from './delete.js';
import { listCommand } from './list.js';

export function extensionCommand(): Command {
  return new Command('extension')
    .alias('extensions')
    .description('PostgreSQL extensions installed in databases')
    .addCommand(createCommand())
    .addCommand(listCommand())
    .addCommand(deleteCommand());
}
