// --wait / --no-wait / --wait-timeout, shared by every verb whose change finishes later. Waiting is the
// default on a terminal (someone is watching) and off otherwise, as the issue of record asks; a child
// operation without --wait on a datastore that is not ready is refused before anything is sent.

import type { Command } from 'commander';
import type { Context } from '../context.js';
import { asUsage } from '../errors.js';
import { durationToMs, parseDuration } from '../input/duration.js';
import type { AsyncOptions } from '../products/types.js';
import { isTerminal } from '../stdio.js';

export interface WaitFlags {
  wait?: boolean;
  waitTimeout?: string;
}

export const DEFAULT_TIMEOUT = '60m';

/** `until` says what is waited for: `--wait` waits until the database is ready. */
export function waitOptions(cmd: Command, until = 'the change is done'): Command {
  return cmd
    .option('--wait', `wait until ${until} (the default on a terminal)`)
    .option('--no-wait', 'return as soon as the server has taken the change')
    .option('--wait-timeout <duration>', `give up waiting after this long (default ${DEFAULT_TIMEOUT})`);
}

/**
 * The wait this run does, with its status line; `run` gets the options and is given back its result once
 * the line is cleared.
 */
export async function withWait<T>(ctx: Context, flags: WaitFlags, run: (options: AsyncOptions) => Promise<T>): Promise<T> {
  const wait = flags.wait ?? isTerminal(2);
  const timeoutMs = asUsage(() => durationToMs(parseDuration(flags.waitTimeout ?? DEFAULT_TIMEOUT)));
  if (!wait) return run({});
  // The status line (and the display-width rules it cuts with) loads only for a wait.
  const line = (await import('../format/progress.js')).statusLine(ctx);
  try {
    return await run({ wait: { timeoutMs, progress: (text, elapsed) => line.update(text, elapsed) } });
  } finally {
    line.done();
  }
}
