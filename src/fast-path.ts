// The launcher's shortcut for `--version` and `--help`, compiled to dist/fast.cjs. The version is
// inlined; help texts live in dist/help.json, read only when help is asked for. Both are captured at
// build time from the real commander tree, so answering needs neither the ESM loader nor commander:
// start-up stays within 1.15× of `node -e 0` (design §10).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface HelpData {
  /** Each distinct help text once. */
  texts: string[];
  /** Command path (aliases included, e.g. "db create") → index into texts. */
  paths: Record<string, number>;
}

declare const __VERSION__: string;

export function fastAnswer(args: readonly string[], load: () => HelpData = builtIn): string | undefined {
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) return `${__VERSION__}\n`;
  const last = args[args.length - 1];
  if (last !== '--help' && last !== '-h') return undefined;
  const path = args.slice(0, -1);
  if (path.some((word) => word.startsWith('-'))) return undefined;
  const data = load();
  const key = path.join(' ');
  const index = Object.hasOwn(data.paths, key) ? data.paths[key] : undefined;
  return index === undefined ? undefined : data.texts[index];
}

function builtIn(): HelpData {
  return JSON.parse(readFileSync(join(__dirname, 'help.json'), 'utf8')) as HelpData;
}
