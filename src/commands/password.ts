// Where a new password comes from. Never from argv: --password-stdin, or a terminal prompt (twice, no
// echo), or deliberately none with --no-password. Without a terminal and without --password-stdin it is a
// usage error, never a credential silently created without a password. The product's rule (`check`) is
// applied before anything is sent.

import { asUsage, usageError } from '../errors.js';
import { passwordFromStdin } from '../input/password.js';
import { promptSecret, readStdinLine, type Io } from '../io.js';

export interface PasswordFlags {
  passwordStdin?: boolean;
  noPassword?: boolean;
}

export type PasswordRule = (password: string) => string;

/** The password, read or asked for when the backend is ready for it (a prompt asks on each call). */
export type PasswordGetter = () => Promise<string>;

/**
 * Decided (and stdin read) before any request is sent; `label` is what a prompt asks for. `setLater` is
 * the command that sets a password afterwards, when creating without one is allowed: then --no-password
 * gives no getter.
 */
export function passwordSource(io: Io, flags: PasswordFlags, check: PasswordRule, how?: { label?: string }): Promise<PasswordGetter>;
export function passwordSource(io: Io, flags: PasswordFlags, check: PasswordRule, how: { label?: string; setLater: string }): Promise<PasswordGetter | undefined>;
export async function passwordSource(io: Io, flags: PasswordFlags, check: PasswordRule, how: { label?: string; setLater?: string } = {}): Promise<PasswordGetter | undefined> {
  const { label, setLater } = how;
  if (flags.passwordStdin && flags.noPassword) throw usageError('give --password-stdin or --no-password, not both');
  if (flags.noPassword) {
    if (setLater === undefined) throw usageError('--no-password does not apply here');
    return undefined;
  }
  if (flags.passwordStdin) {
    const password = await readPipedPassword(check);
    return async () => password;
  }
  if (io.canPrompt) return () => askNewPassword(promptSecret, (line) => io.err(`${line}\n`), check, label);
  throw usageError('there is no terminal to ask for the password', `pass it on standard input with --password-stdin${setLater ? `, or --no-password to set one later with \`${setLater}\`` : ''}`);
}

/** --password-stdin: the first line of standard input, which must not be a terminal, checked by `check`. */
export async function readPipedPassword(check?: PasswordRule): Promise<string> {
  if (process.stdin.isTTY) throw usageError('--password-stdin reads a piped password, but standard input is a terminal');
  const text = await readStdinLine();
  return asUsage(() => passwordFromStdin(text, check));
}

const ATTEMPTS = 3;

/** Asks twice until both match and the product's rule holds; gives up after three tries. */
export async function askNewPassword(ask: (question: string) => Promise<string>, warn: (line: string) => void, check: PasswordRule, label = 'Password'): Promise<string> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const first = await ask(`${label}: `);
    try {
      check(first);
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
