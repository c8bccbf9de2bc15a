// Adapts a command handler to commander: builds the Context from the merged global and local options (and
// the local flags actually typed, for the capability check) and passes the positional arguments through.

import type { Command } from 'commander';
import { createContext, type Context } from '../context.js';
import { Declined } from '../input/confirm.js';
import { reportedAsExisting } from './if-not-exists.js';
import { usageError } from '../errors.js';
import { writeErr } from '../stdio.js';

export function run<O, A extends unknown[]>(handler: (ctx: Context, opts: O, ...args: A) => Promise<void>) {
  return async (...params: unknown[]): Promise<void> => {
    const cmd = params[params.length - 1] as Command;
    const opts = params[params.length - 2] as O;
    const args = params.slice(0, -2) as A;
    const ctx = createContext(cmd.optsWithGlobals(), process.env, typedFlags(cmd));
    // Standard input can be read once: checked here, for every verb with --password-stdin, before the
    // handler reads either (the second reader would wait forever on a stream the first has closed).
    if ((opts as { passwordStdin?: unknown }).passwordStdin === true && ctx.globals.tokenStdin === true) {
      throw usageError('--password-stdin and --token-stdin both read standard input', 'give the token another way: --token-file PATH, INFLUXADM_TOKEN, or a profile (`influxadm auth login`)');
    }
    try {
      await handler(ctx, opts, ...args);
    } catch (error) {
      // No at a question: nothing was done, as asked; not an error.
      if (error instanceof Declined) return writeErr(`${error.message}\n`);
      if (!(await reportedAsExisting(ctx, cmd, opts as Record<string, unknown>, args, error))) throw error;
    }
  };
}

/** The long names of the command's own options that were given on the line. */
function typedFlags(cmd: Command): string[] {
  return cmd.options
    .filter((option) => cmd.getOptionValueSource(option.attributeName()) === 'cli' && option.long !== undefined)
    .map((option) => option.long!);
}
