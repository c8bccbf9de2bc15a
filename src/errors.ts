// Exit codes (design §7) and the one error type commands throw. Anything else that escapes is a bug
// and is reported as such, with a stack trace only under --debug.

export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  notFound: 3,
  auth: 4,
  conflict: 5,
  /** `plan` found changes to make (not an error: CI gates on drift with it). */
  changesPending: 10,
  interrupted: 130,
  hangup: 129,
  terminated: 143,
} as const;

/** What each exit code means; docs/exit-codes.md is generated from this. */
export const EXIT_CODE_MEANINGS: ReadonlyArray<readonly [code: number, meaning: string]> = [
  [ExitCode.ok, 'success, an empty list included'],
  [ExitCode.failure, 'server error (5xx), network failure, timeout, an answer of the wrong shape, a redirect'],
  [ExitCode.usage, 'usage or validation error (nothing was sent), a verb or flag the product does not have, a destructive verb without `--yes` and without a terminal, a 400 from the server'],
  [ExitCode.notFound, 'not found (404)'],
  [ExitCode.auth, 'authentication or permission (401, 403), or no token at all'],
  [ExitCode.conflict, 'conflict (409, and a 422 or 400 that means "already exists")'],
  [ExitCode.changesPending, '`plan` only: the servers differ from the file, so `apply` would change something (0 means nothing to do)'],
  [ExitCode.hangup, 'stopped by SIGHUP (the terminal went away)'],
  [ExitCode.interrupted, 'interrupted (Ctrl-C, SIGINT)'],
  [ExitCode.terminated, 'stopped by SIGTERM'],
];

/**
 * What a run stopped by a signal still has to say, after its one line: a change the server goes on with
 * (a wait under way adds its own and removes it when it ends). cli.ts prints each, as a hint line.
 */
export const whenStopped = new Set<() => string>();

/** Output held back to be written in one go (apply's lines off a terminal): written before that line. */
export const flushWhenStopped = new Set<() => void>();

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = ExitCode.failure,
    /** A second line telling the user what to do. */
    readonly hint?: string,
    /** Further errors of the same run (a file's other problems), each printed as an `error:` line of its own. */
    readonly more: readonly string[] = [],
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * A create that met its object there already (exit 5). `untilReady`, when set, waits for that object to
 * be ready: it is still being made, and the create was asked to --wait, which --if-not-exists honours.
 */
export class ExistsAlready extends CliError {
  constructor(message: string, readonly untilReady?: () => Promise<unknown>) {
    super(message, ExitCode.conflict);
  }
}

export function usageError(message: string, hint?: string): CliError {
  return new CliError(message, ExitCode.usage, hint);
}

/** Maps an HTTP status to the documented exit code. */
export function exitCodeForStatus(status: number, conflictLike = false): number {
  if (status === 401 || status === 403) return ExitCode.auth;
  if (status === 404) return ExitCode.notFound;
  if (status === 409) return ExitCode.conflict;
  // A 400 can mean "already exists" too: Selectel has no 409, InfluxDB 3 answers 400 for a cache name
  // that exists (its spec); the exit-code table promises 5 for both, whatever the product.
  if (status === 422 || status === 400) return conflictLike ? ExitCode.conflict : ExitCode.usage;
  return ExitCode.failure;
}

/** Runs a parser that throws plain Errors and turns its message into a usage error. */
export function asUsage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw usageError(error instanceof Error ? error.message : String(error));
  }
}
