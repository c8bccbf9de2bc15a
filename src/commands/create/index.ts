// Verbs first, shaped like the influxdb3 CLI: `create database|table`, dispatching to the same code as
// `database create` and `table create`.

import { Command } from '../../line/command.js';
import { createDatabaseCommand } from './database.js';
import { createTableCommand } from './table.js';
import { createTokenCommand } from './token.js';

export function createNounCommand(): Command {
  return new Command('create')
    .description('shaped like the influxdb3 CLI: create database|table|token')
    .addCommand(createDatabaseCommand())
    .addCommand(createTableCommand())
    .addCommand(createTokenCommand());
}
