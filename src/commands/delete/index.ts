import { Command } from 'commander';
import { deleteDatabaseCommand } from './database.js';
import { deleteTableCommand } from './table.js';

export function deleteNounCommand(): Command {
  return new Command('delete')
    .description('influxdb3-style: delete database|table')
    .addCommand(deleteDatabaseCommand())
    .addCommand(deleteTableCommand());
}
