import { Command } from 'commander';
import { CliError, ExitCode } from '../../errors.js';
import { toJson } from '../../format/output.js';
import { confirmDestructive } from '../../io.js';
import { run } from '../run.js';
import { databaseName, managementClient } from './shared.js';

interface Outcome {
  name: string;
  deleted: boolean;
  error?: string;
  exitCode?: number;
}

export function deleteCommand(): Command {
  return new Command('delete')
    .alias('rm')
    .description('delete one or more databases (goes on past a failure; asks first unless --yes)')
    .argument('<name...>', 'database names')
    .action(run(async (ctx, _opts, names: string[]) => {
      const unique = [...new Set(names.map((n) => databaseName(n)))];
      const client = await managementClient(ctx, 'database delete');
      await confirmDestructive(ctx.io, ctx.yes, `Delete ${unique.length === 1 ? 'database' : 'databases'} ${unique.map((n) => `"${n}"`).join(', ')}? Tokens keep naming ${unique.length === 1 ? 'it' : 'them'}.`);

      const outcomes: Outcome[] = [];
      for (const name of unique) {
        try {
          await client.deleteDatabase(name);
          outcomes.push({ name, deleted: true });
          ctx.io.err(`deleted database "${name}"\n`);
        } catch (error) {
          if (!(error instanceof CliError)) throw error;
          outcomes.push({ name, deleted: false, error: error.message, exitCode: error.exitCode });
          ctx.io.err(`error: ${error.message}\n`);
        }
      }
      if (ctx.format === 'json') ctx.io.out(toJson(outcomes.map(({ exitCode: _, ...rest }) => rest)));
      if (ctx.format === 'jsonl') ctx.io.out(outcomes.map(({ exitCode: _, ...rest }) => `${JSON.stringify(rest)}\n`).join(''));

      const failed = outcomes.filter((o) => !o.deleted);
      if (failed.length > 0) {
        const codes = new Set(failed.map((o) => o.exitCode));
        const code = codes.size === 1 ? [...codes][0]! : ExitCode.failure;
        throw new CliError(`${failed.length} of ${outcomes.length} deletions failed: ${failed.map((o) => `"${o.name}"`).join(', ')}`, code);
      }
    }));
}
