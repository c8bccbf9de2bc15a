// Turns a schema mismatch into one line naming the field, instead of a crash or a silent bad table.

import type { z } from 'zod';
import { CliError, ExitCode } from '../errors.js';

export function validate<S extends z.ZodType>(schema: S, data: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue ? formatPath(issue.path) : '';
  const message = issue ? issue.message : 'unexpected shape';
  throw new CliError(
    `${what} failed: the server's answer does not have the expected shape at ${path || 'the top level'}: ${message}`,
    ExitCode.failure,
    'check that --host and --product point at the right server; --debug shows the body',
  );
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  return out;
}
