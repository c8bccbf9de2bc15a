// The destructive-batch pattern every multi-name delete shares: confirm once, try each name, report
// each on stderr, go on past failures, print outcomes for --format json/jsonl, and exit with the
// failures' common code (or 1 when they differ).

import type { Context } from '../context.js';
import { CliError, ExitCode } from '../errors.js';
import { toJson } from '../format/output.js';
import { terminalSafeLine } from '../format/terminal-text.js';
import { confirmDestructive } from '../input/confirm.js';

export interface DeleteOutcome {
  name: string;
  deleted: boolean;
  error?: string;
}

export interface DeleteBatch {
  names: readonly string[];
  /** How a deleted item is named in messages: `database "x"`. */
  label(name: string): string;
  question: string;
  remove(name: string): Promise<void>;
  /** Extra fields for each JSON outcome, e.g. the database of a table. */
  extra?: Record<string, unknown>;
  verb?: string;
}

export async function deleteEach(ctx: Context, batch: DeleteBatch): Promise<void> {
  await confirmDestructive(ctx.io, ctx.yes, batch.question, { target: ctx.yes ? undefined : await ctx.target(), declined: `nothing ${batch.verb ?? 'deleted'}` });
  const verb = batch.verb ?? 'deleted';
  const outcomes: Array<DeleteOutcome & { exitCode?: number }> = [];
  for (const name of batch.names) {
    try {
      await batch.remove(name);
    } catch (error) {
      // One name: its own error is the whole story, with its own exit code.
      if (batch.names.length === 1 || !(error instanceof CliError)) throw error;
      outcomes.push({ name, deleted: false, error: error.message, exitCode: error.exitCode });
      // One line per name, whatever the server's message holds.
      ctx.io.err(`error: ${terminalSafeLine(error.message)}\n`);
      continue;
    }
    outcomes.push({ name, deleted: true });
    ctx.io.err(`${verb} ${batch.label(name)}\n`);
  }
  const visible = outcomes.map(({ exitCode: _, ...rest }) => ({ ...batch.extra, ...rest }));
  if (ctx.format === 'json') ctx.io.out(toJson(visible));
  if (ctx.format === 'jsonl') ctx.io.out(visible.map((o) => `${JSON.stringify(o)}\n`).join(''));

  const failed = outcomes.filter((o) => !o.deleted);
  if (failed.length > 0) {
    const codes = new Set(failed.map((o) => o.exitCode));
    const code = codes.size === 1 ? [...codes][0]! : ExitCode.failure;
    throw new CliError(`${failed.length} of ${outcomes.length} failed: ${failed.map((o) => `"${terminalSafeLine(o.name)}"`).join(', ')}`, code);
  }
}
