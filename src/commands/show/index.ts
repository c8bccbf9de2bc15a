import { Command } from '../../line/command.js';
import { showDatabasesCommand } from './databases.js';
import { showTokensCommand } from './tokens.js';

export function showNounCommand(): Command {
  return new Command('show')
    .description('shaped like the influxdb3 CLI: show databases|tokens')
    .addCommand(showDatabasesCommand())
    .addCommand(showTokensCommand());
}
