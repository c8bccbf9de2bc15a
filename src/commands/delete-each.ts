// The destructive-batch pattern every multi-name delete shares: confirm once, try each name, report
// each on stderr, go on past failures, print outcomes for --format json/jsonl, and exit with the
// failures' common code (or 1 when they differ).

import type { Context } from '../context.js';
import { CliError, ExitCode } from '../errors.js';
import { printOutcomes } from '../format/output.js';
import { terminalSafeLine } from '../format/terminal-text.js';
import { confirmDestructive } from '../input/confirm.js';
import type { Removal } from '../products/types.js';

export interface DeleteOutcome {
  name: string;
  deleted: boolean;
  /** With --ignore-not-found: it was not there, and that is not an error. */
  notFound?: true;
  error?: string;
}

export const IGNORE_NOT_FOUND = ['--ignore-not-found', 'a name that is not there is not an error (exit 0; --json says which)'] as const;

/** --ignore-not-found was given: a name that is not there is passed over. */
export function ignoringNotFound(ctx: Context): boolean {
  return ctx.flags.includes(IGNORE_NOT_FOUND[0]);
}

/** What a backend's removal gives, with the question settled and the JSON outcomes' extra fields. */
export interface DeleteBatch extends Removal {
  question: string;
  /** Extra fields for each JSON outcome, e.g. the database of a table. */
  extra?: Record<string, unknown>;
}

export async function deleteEach(ctx: Context, batch: DeleteBatch): Promise<void> {
  const verb = batch.verb ?? 'deleted';
  const asking = !ctx.yes && ctx.io.canPrompt;
  const question = asking && batch.describe ? await batch.describe() : batch.question;
  await confirmDestructive(ctx.io, ctx.yes, question, { target: asking ? await ctx.target() : undefined, declined: `nothing ${verb}` });
  const ignoreNotFound = ignoringNotFound(ctx);
  const outcomes: Array<DeleteOutcome & { failure?: CliError }> = [];
  for (const name of batch.names) {
    try {
      await batch.remove(name);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      if (ignoreNotFound && error.exitCode === ExitCode.notFound) {
        outcomes.push({ name, deleted: false, notFound: true });
        ctx.done(`${batch.label(name)} is not there; nothing ${verb} (--ignore-not-found)`);
        continue;
      }
      outcomes.push({ name, deleted: false, error: error.message, failure: error });
      // One line per name, whatever the server's message holds; one name's error is reported whole below.
      if (batch.names.length > 1) ctx.io.err(`error: ${terminalSafeLine(error.message)}\n`);
      continue;
    }
    outcomes.push({ name, deleted: true });
    ctx.done(`${verb} ${batch.label(name)}`);
  }
  // What happened to each name, failures included: a script reads the outcome, then the exit code.
  printOutcomes(ctx, outcomes.map(({ failure: _, ...rest }) => ({ ...batch.extra, ...rest })));

  const failed = outcomes.filter((o) => o.failure);
  if (failed.length === 0) return;
  // One name: its own error is the whole story, with its own exit code and hint.
  if (batch.names.length === 1) throw failed[0]!.failure!;
  const codes = new Set(failed.map((o) => o.failure!.exitCode));
  const code = codes.size === 1 ? [...codes][0]! : ExitCode.failure;
  throw new CliError(`${failed.length} of ${outcomes.length} failed: ${failed.map((o) => `"${terminalSafeLine(o.name)}"`).join(', ')}`, code);
}
