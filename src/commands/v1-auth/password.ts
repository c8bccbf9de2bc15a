// Where a v1-auth password comes from. Never from argv: --password-stdin, or a terminal prompt (twice,
// no echo), or deliberately none with --no-password. Without a terminal and without --password-stdin
// it is a usage error, never a credential silently created without a password.

import { asUsage, usageError } from '../../errors.js';
import { checkPassword, passwordFromStdin } from '../../input/v1-auth.js';
import { promptSecret, readStdinLine, type Io } from '../../io.js';

export interface PasswordFlags {
  passwordStdin?: boolean;
  noPassword?: boolean;
}

export type PasswordSource =
  | { kind: 'none' }
  | { kind: 'given'; password: string }
  | { kind: 'prompt' };

/** Decided (and stdin read) before any request is sent. */
export async function passwordSource(io: Io, flags: PasswordFlags, allowNone: boolean): Promise<PasswordSource> {
  if (flags.passwordStdin && flags.noPassword) throw usageError('give --password-stdin or --no-password, not both');
  if (flags.noPassword) {
    if (!allowNone) throw usageError('--no-password does not apply here');
    return { kind: 'none' };
  }
  if (flags.passwordStdin) {
    if (process.stdin.isTTY) throw usageError('--password-stdin reads a piped password, but standard input is a terminal');
    const text = await readStdinLine();
    return { kind: 'given', password: asUsage(() => passwordFromStdin(text)) };
  }
  if (io.canPrompt) return { kind: 'prompt' };
  throw usageError('there is no terminal to ask for the password', `pass it on standard input with --password-stdin${allowNone ? ', or --no-password to set one later with `influxadm v1-auth set-password`' : ''}`);
}

const ATTEMPTS = 3;

/** Asks twice until both match and the server's length rule holds; gives up after three tries. */
export async function askNewPassword(ask: (question: string) => Promise<string>, warn: (line: string) => void, label = 'Password'): Promise<string> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const first = await ask(`${label}: `);
    try {
      checkPassword(first);
    } catch (error) {
      warn(`${(error as Error).message}; try again`);
      continue;
    }
    const second = await ask(`${label} again: `);
    if (first === second) return first;
    warn('the passwords do not match; try again');
  }
  throw usageError(`no password after ${ATTEMPTS} tries; nothing was changed`);
}

export async function resolvePassword(source: PasswordSource, io: Io, label?: string): Promise<string | undefined> {
  if (source.kind === 'none') return undefined;
  if (source.kind === 'given') return source.password;
  return askNewPassword(promptSecret, (line) => io.err(`${line}\n`), label);
}
