import { Command } from '../../line/command.js';
import { updateDatabaseCommand } from './database.js';
import { updateTableCommand } from './table.js';

export function updateNounCommand(): Command {
  return new Command('update')
    .description('shaped like the influxdb3 CLI: update database|table')
    .addCommand(updateDatabaseCommand())
    .addCommand(updateTableCommand());
}
