// Local name checks, run before any request so that a bad name never reaches a server.
// Each message says which rule failed.

import { terminalSafeLine } from '../format/terminal-text.js';

export class NameError extends Error {}

/** Cloud Dedicated / Clustered database names: 1–64 of [A-Za-z0-9_-/], starting with a letter or digit. */
export function checkManagementDatabaseName(name: string, what = 'database name'): string {
  if (name.length === 0) throw new NameError(`the ${what} is empty`);
  const length = [...name].length;
  if (length > 64) throw new NameError(`the ${what} is ${length} characters long; the limit is 64`);
  const bad = [...name].find((ch) => !/^[A-Za-z0-9_\-/]$/.test(ch));
  if (bad !== undefined) {
    throw new NameError(`the ${what} "${printable(name)}" contains ${describeChar(bad)}; allowed are letters, digits, _ - and /`);
  }
  if (!/^[A-Za-z0-9]/.test(name)) {
    throw new NameError(`the ${what} "${name}" must start with a letter or digit (a leading _ - or / is reserved)`);
  }
  return name;
}

/** Management API table names: not empty, no white space or control characters, no leading _ (reserved). */
export function checkManagementTableName(name: string, what = 'table name'): string {
  if (name.length === 0) throw new NameError(`the ${what} is empty`);
  const bad = [...name].find((ch) => /[\s\u0000-\u001f\u007f]/.test(ch));
  if (bad !== undefined) throw new NameError(`the ${what} "${printable(name)}" contains ${describeChar(bad)}`);
  if (name.startsWith('_')) throw new NameError(`the ${what} "${name}" must not start with _ (reserved for system tables)`);
  return name;
}

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

function describeChar(ch: string): string {
  if (ch === ' ') return 'a space';
  if (/\s/.test(ch)) return 'white space';
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `a control character (U+${code.toString(16).padStart(4, '0').toUpperCase()})`;
  return `"${printable(ch)}"`;
}

/** Keeps error lines on one line and free of terminal escapes and bidi controls (terminal-text.ts). */
export const printable = terminalSafeLine;
