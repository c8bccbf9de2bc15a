import { Command } from '../../line/command.js';
import { createCommand } from './create.js';
import { deleteCommand } from './delete.js';
import { importCommand } from './import.js';
import { listCommand } from './list.js';
import { showCommand } from './show.js';
import { updateCommand } from './update.js';
import { useCommand } from './use.js';

export function profileCommand(): Command {
  return new Command('profile')
    .alias('profiles')
    .description('manage saved targets (product, host, account, cluster); import influxctl and influx profiles')
    .addCommand(createCommand())
    .addCommand(listCommand())
    .addCommand(showCommand())
    .addCommand(useCommand())
    .addCommand(updateCommand())
    .addCommand(deleteCommand())
    .addCommand(importCommand());
}
