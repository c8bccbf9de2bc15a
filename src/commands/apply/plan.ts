// `influxadm plan`: what apply would change, read from the servers; exits 10 when something would.
// The engine is imported only when the command runs.

import { Command } from '../../line/command.js';
import type { PlanFlags } from '../../apply/index.js';
import { addHelpSection } from '../../format/help.js';
import { ExitCode } from '../../errors.js';
import { run } from '../run.js';
import { fileOptions } from './shared.js';

export function planCommand(): Command {
  return addHelpSection(fileOptions(new Command('plan')
    .description(`show what apply would change: create, update (old → new), replace, delete (--prune); exits ${ExitCode.changesPending} when something would change`))
    .action(run(async (ctx, opts: PlanFlags) => {
      const { runPlan } = await import('../../apply/index.js');
      await runPlan(ctx, opts);
    })), [
      '\nExamples:',
      '  influxadm plan -f influxadm.yaml',
      `  influxadm plan -f prod.yaml --prune --json | jq '.targets[].actions'`,
      `  influxadm plan -f prod.yaml; [ $? -eq ${ExitCode.changesPending} ] && echo "drift"`,
    ].join('\n'));
}
