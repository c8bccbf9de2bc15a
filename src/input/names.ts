// Name checks shared by every product (profiles, UUIDs) and the text helper that keeps a user's input on one
// line; each product's own name rules live in its folder under src/products. Each message says which rule failed.

import { terminalSafeLine } from '../format/terminal-text.js';

export class NameError extends Error {}

/** Profile names are file- and keychain-friendly. */
export function checkProfileName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name)) {
    throw new NameError(
      `the profile name "${printable(name)}" is not allowed; use 1–64 letters, digits, . _ or -, starting with a letter or digit`,
    );
  }
  return name;
}

/** UUID shape (any version), shared with the sandbox. */
export const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function checkUuid(value: string, what: string): string {
  if (!UUID.test(value)) throw new NameError(`the ${what} "${printable(value)}" is not a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`);
  return value;
}

/** Keeps error lines on one line and free of terminal escapes and bidi controls (terminal-text.ts). */
export const printable = terminalSafeLine;
