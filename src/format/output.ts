// The one place that writes data to stdout, in the format the user chose (design §6).
// JSON is the API's objects (camelCase, `[]` when empty), exactly as JSON.stringify gives them; table
// and CSV use the columns given, with server text made terminal-safe (terminal-text.ts), and lists
// are written in chunks (Ctrl-C is heard, a slow reader holds the writer back).

import type { Context } from '../context.js';
import { CliError, ExitCode } from '../errors.js';
import { exactJson } from './exact-json.js';
import type { TableOptions } from './table.js';

export interface Column<T> {
  header: string;
  value: (row: T) => string;
  /** The CSV field, where it is not the table's cell: see flagColumn. */
  csv?: (row: T) => string;
}

/**
 * A yes/no column. A table says `yes` (or `mark`: the `*` of the active profile) or leaves the cell blank (so a column that is no in every row is
 * left out); CSV has every column, so it says `true` or `false`, as JSON does, and is blank only where
 * the server gave no value.
 */
export function flagColumn<T>(header: string, flag: (row: T) => boolean | null | undefined, mark = 'yes'): Column<T> {
  return {
    header,
    value: (row) => (flag(row) ? mark : ''),
    csv: (row) => {
      const value = flag(row);
      return value === undefined || value === null ? '' : String(value);
    },
  };
}

/** A column's CSV field for `row`. */
export const csvValue = <T>(column: Column<T>, row: T): string => (column.csv ?? column.value)(row);

/**
 * How a table looks here: on a terminal a rule under the header and cells cut to the terminal's width
 * (`--wide`: nothing cut, no column left out); piped, plain aligned columns, nothing cut.
 */
export function tableOptions(ctx: Pick<Context, 'io' | 'env' | 'globals'>): TableOptions {
  const wide = ctx.globals.wide === true;
  const terminal = ctx.io.stdoutIsTty;
  return { color: ctx.io.color, rule: terminal, width: terminal && !wide ? terminalWidth(ctx.env) : undefined, keepEmpty: wide };
}

/** The terminal's width: COLUMNS when set (a user's or a test's choice), else what the terminal says, else 80. */
function terminalWidth(env: NodeJS.ProcessEnv): number {
  const fromEnv = Number(env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  const columns = process.stdout.columns;
  return columns !== undefined && columns > 0 ? columns : 80;
}

export function toJson(value: unknown): string {
  return `${jsonText(value, 2)}\n`;
}

/**
 * JSON.stringify for what a server sent: it recurses, so an answer nested some thousands deep (which
 * JSON.parse and the tables take in their stride) overflows the stack, and a deep one indented can pass
 * the longest string V8 makes. Either is one error line (exit 1), not a crash; nothing is written.
 * A bigint (an int64 retention we set) is written as its exact digits, by a slower writer that only a
 * value holding one pays for: plain JSON.stringify refuses it with a TypeError.
 */
export function jsonText(value: unknown, indent?: number): string {
  try {
    try {
      return JSON.stringify(value, null, indent);
    } catch (error) {
      if (error instanceof TypeError && /BigInt/i.test(error.message)) return exactJson(value, indent);
      throw error;
    }
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new CliError("the server's answer cannot be written as JSON: it is nested too deeply or is too large", ExitCode.failure, '`--format table` shows it; `--debug` shows the body');
  }
}

/**
 * The outcome of each item of a batch (a delete's `{name, deleted, …}`), for scripts: an array with
 * --format json, a line each with jsonl; nothing in the other formats, where stderr said it line by line.
 */
export function printOutcomes(ctx: Context, outcomes: readonly object[]): void {
  if (ctx.format === 'json') ctx.io.out(toJson(outcomes));
  if (ctx.format === 'jsonl') ctx.io.out(outcomes.map((o) => `${jsonText(o)}\n`).join(''));
}

export async function printList<T>(ctx: Context, rows: readonly T[], columns: ReadonlyArray<Column<T>>, toObject: (row: T) => unknown, noun: string): Promise<void> {
  switch (ctx.format) {
    case 'json':
      ctx.io.out(toJson(rows.map(toObject)));
      return;
    case 'jsonl':
      ctx.io.out(rows.map((row) => `${jsonText(toObject(row))}\n`).join(''));
      return;
    case 'csv': {
      const { csvChunks } = await import('./csv.js');
      await ctx.io.outChunks(csvChunks(columns.map((c) => c.header), rows.map((row) => columns.map((c) => csvValue(c, row)))));
      return;
    }
    case 'table': {
      if (rows.length === 0) {
        ctx.done(`no ${noun}`);
        return;
      }
      const { tableChunks } = await import('./table.js');
      await ctx.io.outChunks(tableChunks(columns.map((c) => c.header), rows.map((row) => columns.map((c) => c.value(row))), tableOptions(ctx)));
    }
  }
}

export async function printRecord<T>(ctx: Context, row: T, fields: ReadonlyArray<Column<T>>, object: unknown): Promise<void> {
  switch (ctx.format) {
    case 'json':
      ctx.io.out(toJson(object));
      return;
    case 'jsonl':
      ctx.io.out(`${jsonText(object)}\n`);
      return;
    case 'csv': {
      const { toCsv } = await import('./csv.js');
      ctx.io.out(toCsv(fields.map((f) => f.header), [fields.map((f) => csvValue(f, row))]));
      return;
    }
    case 'table': {
      const { renderKeyValue } = await import('./table.js');
      ctx.io.out(renderKeyValue(fields.map((f) => [f.header, f.value(row)] as const), tableOptions(ctx)));
    }
  }
}
