// The Management API's name rules (Cloud Dedicated and Clustered), checked before any request so that a bad
// name never reaches a server. Each message says which rule failed.

import { NameError, printable } from '../../input/names.js';

/** Every name the rules below accept, in one test; a name it does not match is refused below, with the reason. */
const VALID_DATABASE_NAME = /^[A-Za-z0-9][A-Za-z0-9_\-/]{0,63}$/;

/** Cloud Dedicated / Clustered database names: 1–64 of [A-Za-z0-9_-/], starting with a letter or digit. */
export function checkDatabaseName(name: string, what = 'database name'): string {
  if (VALID_DATABASE_NAME.test(name)) return name;
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
export function checkTableName(name: string, what = 'table name'): string {
  if (name.length === 0) throw new NameError(`the ${what} is empty`);
  const bad = [...name].find((ch) => /[\s\u0000-\u001f\u007f-\u009f]/.test(ch));
  if (bad !== undefined) throw new NameError(`the ${what} "${printable(name)}" contains ${describeChar(bad)}`);
  if (name.startsWith('_')) throw new NameError(`the ${what} "${name}" must not start with _ (reserved for system tables)`);
  return name;
}

function describeChar(ch: string): string {
  if (ch === ' ') return 'a space';
  if (/\s/.test(ch)) return 'white space';
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `a control character (U+${code.toString(16).padStart(4, '0').toUpperCase()})`;
  return `"${printable(ch)}"`;
}

