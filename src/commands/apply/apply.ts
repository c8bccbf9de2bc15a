// `influxadm apply`: make the servers hold what the file says, in dependency order, at most N requests at
// a time. The engine is imported only when the command runs.

import { Command } from '../../line/command.js';
import type { ApplyFlags } from '../../apply/index.js';
import { addHelpSection } from '../../format/help.js';
import { run } from '../run.js';
import { fileOptions } from './shared.js';

export function applyCommand(): Command {
  return addHelpSection(fileOptions(new Command('apply')
    .description('make the servers hold what the file says; shows the plan and asks first (--yes without a terminal)'))
    .option('--allow-replace', 'allow replacing (deleting and creating again) what cannot change in place')
    .option('--secrets-out <file>', 'write the secrets of created tokens to this file (0600, JSON); --force writes to an existing one, keeping the secrets it holds')
    .option('--secrets-to-keychain', 'store the secrets of created tokens in the OS keychain (service influxadm, account apply/TARGET/tokens/NAME, NAME@DIR outside the default config directory)')
    .option('--print-secrets', 'print the secrets of created tokens on stdout with the results')
    .action(run(async (ctx, opts: ApplyFlags) => {
      const { runApply } = await import('../../apply/index.js');
      await runApply(ctx, opts);
    })), [
      '\nExamples:',
      '  influxadm apply -f influxadm.yaml',
      '  influxadm apply -f prod.yaml --yes --secrets-out tokens.json',
      '  influxadm apply -f prod.yaml --prune --allow-replace --yes --json > result.json',
    ].join('\n'));
}
