import { Command } from '../../line/command.js';
import { createCommand } from './create.js';
import { deleteCommand } from './delete.js';
import { listCommand } from './list.js';

export function replicationSlotCommand(): Command {
  return new Command('replication-slot')
    .alias('replication-slots')
    .description('PostgreSQL logical replication slots')
    .addCommand(createCommand())
    .addCommand(listCommand())
    .addCommand(deleteCommand());
}
