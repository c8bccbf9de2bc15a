// zod's issues as one-line reasons (zod/mini carries no messages of its own), and the error that carries
// every problem found in a file, each as `file:line:column: path: reason`.

import { CliError, ExitCode } from '../errors.js';
import type { FileProblem } from './source.js';

interface Issue {
  code: string;
  path: PropertyKey[];
  expected?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  keys?: string[];
  values?: unknown[];
  input?: unknown;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
  literal: 'a fixed value',
};

/** `value` is what was checked (the issue's path leads into it): zod/mini leaves it out of the issue. */
export function issueText(issue: Issue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${TYPE_WORDS[issue.expected ?? ''] ?? issue.expected}, not ${describe(valueAt(value, issue.path))}`;
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      if (issue.origin === 'array') return `needs at least ${issue.minimum} ${Number(issue.minimum) === 1 ? 'entry' : 'entries'}`;
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'array') return `takes at most ${issue.maximum} entries`;
      return `must be at most ${issue.maximum}`;
    case 'invalid_value':
      return `must be ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'unrecognized_keys':
      return `unknown ${issue.keys?.length === 1 ? 'field' : 'fields'} ${(issue.keys ?? []).join(', ')}`;
    case 'invalid_union':
      return 'is not one of the accepted forms';
    case 'not_multiple_of':
      return 'must be a whole number';
    default:
      return 'is not valid here';
  }
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const key of path) at = typeof at === 'object' && at !== null ? (at as Record<PropertyKey, unknown>)[key] : undefined;
  return at;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

const SHOWN = 20;

/**
 * Every problem of a file; exit 2. Most are found before any request (`nothing was sent`); some only once
 * the servers have been read (an object the file leaves incomplete turns out not to exist), and then what
 * was sent is said as it is.
 */
export function problemsError(problems: readonly FileProblem[], sent: 'nothing' | 'reads' = 'nothing'): CliError {
  const lines = problems.slice(0, SHOWN).map((p) => p.message);
  if (problems.length > SHOWN) lines.push(`… and ${problems.length - SHOWN} more problems`);
  const said = sent === 'nothing' ? 'nothing was sent' : 'the servers were only read; nothing was changed';
  return new CliError(lines[0]!, ExitCode.usage, problems.length > 1 ? `${problems.length} problems; ${said}` : said, lines.slice(1));
}
