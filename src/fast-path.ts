// The launcher's shortcut for `--version`, `--help`, `help …` and `completion <shell>`, compiled to
// dist/fast.cjs (bin/influxadm.js checks a looser copy of these conditions before loading it).
// The version and the command-path index are inlined; each help text is its own file in dist/help/, each
// completion script in dist/completion/, read only when asked for. All are captured at build time from
// the real command tree (which only a new build can change), so answering needs neither commander nor
// the tree: start-up stays within 1.15× of `node -e 0` (design §10).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { helpAsFlag } from './format/help.js';

// The answer is written by file descriptor, as the CLI writes (src/stdio.ts): process.stdout would load
// Node's stream machinery, about 2.5 ms.
export { writeOut } from './stdio.js';

declare const __VERSION__: string;
/** Command path (aliases included, e.g. "db create") → the number of its help file. */
declare const __HELP_PATHS__: Record<string, number>;

const SHELLS = ['bash', 'zsh', 'fish'];

export function fastAnswer(line: readonly string[], read: (index: number) => string = builtIn, readCompletion: (shell: string) => string = builtInCompletion): string | undefined {
  const args = helpAsFlag(line);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) return `${__VERSION__}\n`;
  if (args.length === 2 && args[0] === 'completion' && SHELLS.includes(args[1]!)) return readCompletion(args[1]!);
  const last = args[args.length - 1];
  if (last !== '--help' && last !== '-h') return undefined;
  const path = args.slice(0, -1);
  if (path.some((word) => word.startsWith('-'))) return undefined;
  const key = path.join(' ');
  return Object.hasOwn(__HELP_PATHS__, key) ? read(__HELP_PATHS__[key]!) : undefined;
}

function builtIn(index: number): string {
  return readFileSync(join(__dirname, 'help', `${index}.txt`), 'utf8');
}

function builtInCompletion(shell: string): string {
  return readFileSync(join(__dirname, 'completion', `${shell}.txt`), 'utf8');
}
