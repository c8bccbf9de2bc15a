// Turns a schema mismatch into one line naming the field, instead of a crash or a silent bad table.
// The value found is quoted, terminal-safe, unless the field holds a secret (a token of the wrong type
// is still a token).

import type * as z from 'zod/mini';
import { CliError, ExitCode } from '../errors.js';
import { WRITE_APPLIED } from './http.js';
import { terminalSafeLine as printable } from '../format/terminal-text.js';
import { isSecretKey } from './redact.js';

export function validate<S extends z.ZodMiniType>(schema: S, data: unknown, what: string, wrote = false): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue ? formatPath(issue.path) : '';
  throw new CliError(
    `${what} failed: the server's answer does not have the expected shape at ${path || 'the top level'}: ${issue ? describeIssue(issue, data) : 'unexpected shape'}`,
    ExitCode.failure,
    wrote
      ? WRITE_APPLIED
      : 'check that --host and --product point at the right server; --debug shows the body',
  );
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  return out;
}

/** zod/mini carries no message texts; say what was expected and what came. */
export function describeIssue(issue: z.core.$ZodIssue, data: unknown): string {
  const found = valueAt(data, issue.path);
  const last = issue.path[issue.path.length - 1];
  const secret = typeof last === 'string' && isSecretKey(last);
  const quoted = () => (secret ? 'a value that is not shown (a secret field)' : printable(JSON.stringify(found) ?? String(found)));
  switch (issue.code) {
    case 'invalid_type':
      if (found === undefined) return `${issue.expected} expected, but the field is missing`;
      return `${issue.expected} expected, got ${secret ? `${kindOnly(found)} (not shown: a secret field)` : printable(kind(found))}`;
    case 'too_small':
      return `must be at least ${String(issue.minimum)}, got ${quoted()}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}, got ${quoted()}`;
    default:
      return issue.code.replace(/_/g, ' ');
  }
}

function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = data;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

function kindOnly(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (Number.isInteger(value)) return `the number ${String(value)}`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}
