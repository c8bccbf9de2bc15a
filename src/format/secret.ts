// A created secret (token string) is printed exactly once (design §6): on stdout with the details,
// or alone with --quiet (still JSON with --json), or into --output-file (0600, atomic, never over an
// existing file unless --force). A warning goes to stderr. If it cannot be delivered after the server
// created it, the error names the new token so it can be revoked, and the exit code is non-zero.

import { promises as fsp, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import type { Context } from '../context.js';
import { CliError, ExitCode, usageError } from '../errors.js';
import { writeAtomic } from '../config/store.js';
import { csvValue, jsonText, printRecord, tableOptions, toJson, type Column } from './output.js';
import { terminalSafeLine } from './terminal-text.js';

export interface SecretOptions {
  outputFile?: string;
}

/**
 * Checked before the token is created, so a bad --output-file (or apply's `flag`, --secrets-out) costs
 * nothing. The file is written whole through a temp file and a rename, so only a regular file (or a
 * symlink to one) can be its target: a FIFO, a device or a socket would be replaced, not written to, and a
 * symlink that leads nowhere would have the secret land somewhere else (or fail once the token exists).
 */
export async function checkOutputFile(path: string | undefined, overwrite: boolean, flag = '--output-file'): Promise<void> {
  if (path === undefined) return;
  const link = await fsp.lstat(path).catch(() => undefined);
  let existing: Stats | undefined;
  try {
    existing = await fsp.stat(path);
  } catch (error) {
    if (link?.isSymbolicLink()) {
      throw usageError(`${flag} ${path} is a symbolic link that leads nowhere (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`, 'point it at an existing regular file, or choose another path');
    }
  }
  if (existing?.isDirectory()) throw usageError(`${flag} ${path} is a directory`);
  if (existing && !existing.isFile()) {
    throw usageError(`${flag} ${path} is ${fileKind(existing)}, not a regular file; it is never replaced`, flag === '--output-file' ? 'give the path of a regular file, or leave out --output-file to have the secret on standard output' : 'give the path of a regular file');
  }
  if (existing && !overwrite) {
    throw usageError(`${flag} ${path} exists already`, flag === '--secrets-out' ? 'choose another path, or pass --force to write to it (the secrets it holds are kept)' : 'choose another path, or pass --force to replace it');
  }
  const dir = await fsp.stat(dirname(path)).catch(() => undefined);
  if (!dir?.isDirectory()) throw usageError(`${flag} ${path}: the directory ${dirname(path)} does not exist`);
}

function fileKind(stats: Stats): string {
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'a special file';
}

export interface CreatedSecret<T> {
  secret: string;
  /** How to name the new token in a failure message: `token 5f3c…` or `token "ci"`. */
  label: string;
  revokeHint: string;
  row: T;
  fields: ReadonlyArray<Column<T>>;
  /** The JSON object, secret included, under `secretKey`. */
  json: Record<string, unknown>;
  secretKey: string;
  /** Where the API shows the secret again later: what to say instead of "it will not be shown again". */
  shownAgain?: string;
}

export async function deliverSecret<T>(ctx: Context, created: CreatedSecret<T>, options: SecretOptions): Promise<void> {
  // A secret is shown raw (it must be copied exactly), so one that a terminal would interpret is not shown.
  if (terminalSafeLine(created.secret) !== created.secret) {
    throw new CliError(`${created.label} was created, but the secret the server sent holds control or bidi characters; it was not shown`, ExitCode.failure, created.revokeHint);
  }
  const quiet = ctx.globals.quiet === true;
  // --json (and jsonl) promise JSON on stdout, so they win over --quiet's bare string; --quiet still
  // silences stderr.
  const bare = quiet && ctx.format !== 'json' && ctx.format !== 'jsonl';
  const lost = (how: string, error: unknown) =>
    new CliError(
      `${created.label} was created, but ${how} failed (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); its secret is lost`,
      ExitCode.failure,
      created.revokeHint,
    );

  if (options.outputFile !== undefined) {
    try {
      await writeAtomic(options.outputFile, `${created.secret}\n`, { exclusive: ctx.globals.force !== true });
    } catch (error) {
      throw lost(`writing it to ${options.outputFile}`, error);
    }
    if (!quiet) ctx.io.err(`the token is in ${options.outputFile} (mode 0600); it is not shown here\n`);
    if (!bare) {
      const { [created.secretKey]: _secret, ...rest } = created.json;
      await printRecord(ctx, created.row, created.fields, { ...rest, tokenFile: options.outputFile });
    }
    return;
  }

  let text: string;
  try {
    text = bare ? `${created.secret}\n` : await render(ctx, created);
  } catch (error) {
    // An answer that cannot be written as JSON (nested too deeply) still holds a created secret.
    if (!(error instanceof CliError)) throw error;
    throw lost('writing the answer', new Error(error.message));
  }
  try {
    await ctx.io.outChecked(text);
  } catch (error) {
    throw lost('writing it to standard output', error);
  }
  if (!quiet) ctx.io.err(created.shownAgain ? `note: ${created.shownAgain}\n` : 'warning: store this token now; it will not be shown again\n');
}

async function render<T>(ctx: Context, created: CreatedSecret<T>): Promise<string> {
  switch (ctx.format) {
    case 'json':
      return toJson(created.json);
    case 'jsonl':
      return `${jsonText(created.json)}\n`;
    case 'csv': {
      const { toCsv } = await import('./csv.js');
      return toCsv([...created.fields.map((f) => f.header), 'TOKEN'], [[...created.fields.map((f) => csvValue(f, created.row)), created.secret]]);
    }
    case 'table': {
      const { renderKeyValue } = await import('./table.js');
      const details = renderKeyValue(created.fields.map((f) => [f.header, f.value(created.row)] as const), tableOptions(ctx));
      return `${details}${created.secret}\n`;
    }
  }
}
