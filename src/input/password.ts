// Where a new password comes from, for every product that takes one: never argv. `--password-stdin` reads
// the first line of standard input; on a terminal it is asked twice without echo (three tries); otherwise it
// is a usage error, never a credential silently created without a password. Each product brings its own
// rule (`check`), applied before anything is sent.

export class PasswordError extends Error {}

/** The password from --password-stdin: the first line, without its line ending, checked by the product's rule. */
export function passwordFromStdin(text: string, check: (password: string) => string = (p) => p): string {
  const firstLine = text.split(/\r?\n/)[0] ?? '';
  if (firstLine === '') throw new PasswordError('--password-stdin read an empty password');
  return check(firstLine);
}
