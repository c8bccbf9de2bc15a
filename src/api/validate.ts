// Turns a schema mismatch into one line naming the field, instead of a crash or a silent bad table.
// The value found is quoted, terminal-safe, unless the field holds a secret (a token of the wrong type
// is still a token).

import type { Issue, Path, Shape } from './shape.js';
import { CliError, ExitCode } from '../errors.js';
import { isRead, WRITE_APPLIED, type HttpClient, type RequestSpec } from './http.js';
import { terminalSafeLine as printable } from '../format/terminal-text.js';
import { isSecretKey } from './redact.js';

export function validate<T>(shape: Shape<T>, data: unknown, what: string, wrote = false): T {
  const issue = shape.issue(data, []);
  if (!issue) return data as T;
  const path = formatPath(issue.path);
  throw new CliError(
    `${what} failed: the server's answer does not have the expected shape at ${path || 'the top level'}: ${describeIssue(issue, data)}`,
    ExitCode.failure,
    wrote
      ? WRITE_APPLIED
      : 'check that --host and --product point at the right server; --debug shows the body',
  );
}

/**
 * An object read by its ID, checked to be that object: a server (or something posing as one) that
 * answers about another object must not make the tool show, edit or delete that one. IDs are compared
 * without regard to case (UUIDs and v2's hex IDs are the same in either). `wrote`: the answer is to a
 * write by that ID (an update), which was sent and may have been applied.
 */
export function sameId<T extends { id: string }>(asked: string, got: T, what: string, wrote = false): T {
  if (got.id.toLowerCase() === asked.toLowerCase()) return got;
  throw new CliError(
    `${what} failed: the server answered with ${printable(cut(got.id, MAX_QUOTE))} instead`,
    ExitCode.failure,
    // The answer to a write comes after the write was sent: it may well have been applied.
    wrote ? WRITE_APPLIED : 'nothing was changed; check that --host points at the right server',
  );
}

/**
 * Sends `spec` and returns its JSON answer checked against `shape`; the answer to a write that fails the
 * check says the write has probably been applied. `http` may be a client's own wrapper around send.
 */
export async function fetchValid<T>(http: Pick<HttpClient, 'send' | 'json'>, shape: Shape<T>, spec: RequestSpec): Promise<T> {
  return validate(shape, http.json(spec, await http.send(spec)), spec.what, !isRead(spec));
}

export function formatPath(path: Readonly<Path>): string {
  let out = '';
  for (const key of path) {
    // A record's keys are the server's: one can be as long as a value.
    const name = typeof key === 'number' ? '' : clip(String(key));
    out += typeof key === 'number' ? `[${key}]` : out ? `.${name}` : name;
  }
  return out;
}

/** What was expected and what came. */
export function describeIssue(issue: Issue, data: unknown): string {
  const found = valueAt(data, issue.path);
  const last = issue.path[issue.path.length - 1];
  const secret = typeof last === 'string' && isSecretKey(last);
  const quoted = () => (secret ? 'a value that is not shown (a secret field)' : printable(clip(JSON.stringify(found) ?? String(found))));
  switch (issue.code) {
    case 'invalid_type':
      if (found === undefined) return `${issue.expected} expected, but the field is missing`;
      return `${issue.expected} expected, got ${secret ? `${kindOnly(found)} (not shown: a secret field)` : printable(kind(found))}`;
    case 'too_small':
      return `must be at least ${String(issue.minimum)}, got ${quoted()}`;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')} expected, got ${quoted()}`;
    case 'invalid_union':
      return `none of the expected kinds of value, got ${secret ? kindOnly(found) : printable(kind(found))}`;
  }
}

function valueAt(data: unknown, path: Readonly<Path>): unknown {
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
  return typeof value === 'object' ? 'an object' : `${typeof value} ${clip(JSON.stringify(value))}`;
}

/** What of a value an error quotes: a server can put megabytes in a field, the error stays one readable line. */
const MAX_QUOTE = 100;

function clip(json: string): string {
  // The opening quote of a string does not count.
  return cut(json, MAX_QUOTE + 1);
}

/** Cut before escaping (printable), as error-body.ts does, so an escape is never cut in half. */
function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
