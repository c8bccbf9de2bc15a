// The launcher's shortcut for `--version` and `--help`, compiled to dist/fast.cjs with the answers
// inlined. Help text is captured at build time from the real commander tree, so answering needs
// neither the ESM loader nor commander: start-up stays within 1.15× of `node -e 0` (design §10).

export interface StaticAnswers {
  version: string;
  /** Each distinct help text once. */
  texts: string[];
  /** Command path (aliases included, e.g. "db create") → index into texts. */
  paths: Record<string, number>;
}

declare const __VERSION__: string;
// A JSON string, parsed only when --help is asked for.
declare const __HELP_JSON__: string;

export function fastAnswer(args: readonly string[], load: () => StaticAnswers = builtIn): string | undefined {
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) return `${__VERSION__}\n`;
  const last = args[args.length - 1];
  if (last !== '--help' && last !== '-h') return undefined;
  const path = args.slice(0, -1);
  if (path.some((word) => word.startsWith('-'))) return undefined;
  const data = load();
  const index = Object.hasOwn(data.paths, path.join(' ')) ? data.paths[path.join(' ')] : undefined;
  return index === undefined ? undefined : data.texts[index];
}

function builtIn(): StaticAnswers {
  return JSON.parse(__HELP_JSON__) as StaticAnswers;
}
