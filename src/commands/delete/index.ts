import { Command } from '../../line/command.js';
import { deleteDatabaseCommand } from './database.js';
import { deleteTableCommand } from './table.js';
import { deleteTokenCommand } from './token.js';

export function deleteNounCommand(): Command {
  return new Command('delete')
    .description('shaped like the influxdb3 CLI: delete database|table|token')
    .addCommand(deleteDatabaseCommand())
    .addCommand(deleteTableCommand())
    .addCommand(deleteTokenCommand());
}
