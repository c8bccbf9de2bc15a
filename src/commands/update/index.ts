import { Command } from 'commander';
import { updateDatabaseCommand } from './database.js';

export function updateNounCommand(): Command {
  return new Command('update')
    .description('influxdb3-style: update database')
    .addCommand(updateDatabaseCommand());
}
