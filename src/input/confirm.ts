// Questions on the terminal: a yes/no answer, and the destructive-verb rule of design §7 built on it.
// Answering no is not a failure (the user got what they asked for: nothing); Ctrl-C or Ctrl-D at the
// question is an interruption, exit 130, the same as Ctrl-C anywhere else.

import type { Target } from '../config/resolve.js';
import { ExitCode, usageError } from '../errors.js';
import { terminalSafeLine } from '../format/terminal-text.js';
import type { Io } from '../io.js';

/** The user answered no. `run()` reports it on stderr and exits 0. */
export class Declined extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Declined';
  }
}

/**
 * Asks on stderr and reads one line from the terminal: true only for y or yes. Ctrl-C and Ctrl-D end the
 * run through the SIGINT handlers (locks released, one line, exit 130).
 */
export async function askYesNo(question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline');
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    let answered = false;
    // readline turns Ctrl-C into this event (the terminal is in raw mode), and Ctrl-D into a close.
    rl.on('SIGINT', () => rl.close());
    rl.on('close', () => {
      if (answered) return;
      if (process.listenerCount('SIGINT') > 0) process.emit('SIGINT', 'SIGINT');
      else process.exit(ExitCode.interrupted);
    });
    // The question names objects, whose names come from servers: escaped, as everything on stderr is.
    rl.question(`${terminalSafeLine(question)} [y/N] `, (answer) => {
      answered = true;
      rl.close();
      resolve(isYes(answer));
    });
  });
}

/** The answer is yes: y or yes in any case, spaces around allowed; anything else (an empty line too) is no. */
export function isYes(answer: string): boolean {
  return /^(y|yes)$/i.test(answer.trim());
}

export interface Confirmation {
  /** The server (and profile) the change goes to, named on the line above the question. */
  target?: Target;
  /** What is said when the answer is no, e.g. "nothing deleted". */
  declined?: string;
}

/**
 * `--yes` goes ahead; a terminal asks; anything else is a usage error that names the flag, never a
 * silent no-op. No is `Declined`.
 */
export async function confirmDestructive(io: Io, yes: boolean, question: string, options: Confirmation = {}): Promise<void> {
  if (yes) return;
  if (!io.canPrompt) {
    throw usageError('refusing to go ahead without confirmation: there is no terminal to ask on', 'pass --yes to confirm in scripts');
  }
  if (options.target) io.err(`target: ${describeTarget(options.target)}\n`);
  if (!(await askYesNo(question))) throw new Declined(options.declined ?? 'nothing was changed');
}

/**
 * `clustered at https://h (profile "prod")`, with the account and cluster where the product has them; the
 * profile only when it gave something (flags may have overridden all of it).
 */
export function describeTarget(target: Target): string {
  const where = [target.account && `account ${target.account}`, target.cluster && `cluster ${target.cluster}`].filter(Boolean);
  const fromProfile = target.profileName !== undefined && Object.values(target.origins).includes(`profile ${target.profileName}`);
  return `${target.product} at ${target.host}${where.length > 0 ? `, ${where.join(', ')}` : ''}${fromProfile ? ` (profile "${target.profileName}")` : ''}`;
}
