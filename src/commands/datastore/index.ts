import { Command } from '../../line/command.js';
import { backupsCommand } from './backups.js';
import { configCommand } from './config.js';
import { createCommand } from './create.js';
import { deleteCommand } from './delete.js';
import { firewallCommand } from './firewall.js';
import { getCommand } from './get.js';
import { listCommand } from './list.js';
import { passwordCommand } from './password.js';
import { poolerCommand } from './pooler.js';
import { renameCommand } from './rename.js';
import { resizeCommand } from './resize.js';
import { waitCommand } from './wait.js';

export function datastoreCommand(): Command {
  return new Command('datastore')
    .alias('datastores')
    .description('managed database clusters: create, list, change, resize, delete, wait')
    .addCommand(listCommand())
    .addCommand(getCommand())
    .addCommand(createCommand())
    .addCommand(renameCommand())
    .addCommand(resizeCommand())
    .addCommand(configCommand())
    .addCommand(firewallCommand())
    .addCommand(poolerCommand())
    .addCommand(backupsCommand())
    .addCommand(passwordCommand())
    .addCommand(waitCommand())
    .addCommand(deleteCommand());
}
