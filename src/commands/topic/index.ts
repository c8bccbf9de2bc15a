import { Command } from '../../line/command.js';
import { createCommand } from './create.js';
import { deleteCommand } from './delete.js';
import { listCommand } from './list.js';
import { updateCommand } from './update.js';

export function topicCommand(): Command {
  return new Command('topic')
    .alias('topics')
    .description('Kafka topics inside a datastore')
    .addCommand(createCommand())
    .addCommand(listCommand())
    .addCommand(updateCommand())
    .addCommand(deleteCommand());
}
