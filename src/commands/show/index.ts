import { Command } from 'commander';
import { showDatabasesCommand } from './databases.js';

export function showNounCommand(): Command {
  return new Command('show')
    .description('influxdb3-style: show databases')
    .addCommand(showDatabasesCommand());
}
