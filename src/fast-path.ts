// The launcher's shortcut for `--version` and `--help`, compiled to dist/fast.cjs. The version and the
// command-path index are inlined; each help text is its own file in dist/help/, read only when asked
// for. All are captured at build time from the real commander tree, so answering needs neither the ESM
// loader nor commander: start-up stays within 1.15× of `node -e 0` (design §10).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

declare const __VERSION__: string;
/** Command path (aliases included, e.g. "db create") → the number of its help file. */
declare const __HELP_PATHS__: Record<string, number>;

export function fastAnswer(args: readonly string[], read: (index: number) => string = builtIn): string | undefined {
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) return `${__VERSION__}\n`;
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
