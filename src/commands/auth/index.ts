import { Command } from '../../line/command.js';
import { loginCommand } from './login.js';
import { logoutCommand } from './logout.js';
import { statusCommand } from './status.js';
import { tokenCommand } from './token.js';

export function authCommand(): Command {
  return new Command('auth')
    .description('store, check and remove the tokens of profiles (OS keychain or a 0600 file)')
    .addCommand(loginCommand())
    .addCommand(statusCommand())
    .addCommand(logoutCommand())
    .addCommand(tokenCommand());
}
