import { Command } from '../../line/command.js';
import { createCommand } from './create.js';
import { deleteCommand } from './delete.js';
import { listCommand } from './list.js';
import { updateCommand } from './update.js';

export function aclCommand(): Command {
  return new Command('acl')
    .alias('acls')
    .description("Kafka users' access to topics")
    .addCommand(createCommand())
    .addCommand(listCommand())
    .addCommand(updateCommand())
    .addCommand(deleteCommand());
}
