// `--flag KEY=VALUE`, repeatable → an ordered map. A key given twice is an error, and keys are data:
// the map has no prototype, so `constructor=1` is a key like any other.

import { printable } from './names.js';

export class KeyValueError extends Error {}

export function parseKeyValues(values: readonly string[], flag: string): Record<string, string> {
  const map = Object.create(null) as Record<string, string>;
  for (const text of values) {
    const eq = text.indexOf('=');
    if (eq <= 0) throw new KeyValueError(`${flag} "${printable(text)}" must be KEY=VALUE, e.g. max_connections=200`);
    const key = text.slice(0, eq).trim();
    if (!/^[A-Za-z0-9_.-]+$/.test(key)) throw new KeyValueError(`${flag}: "${printable(key)}" is not a parameter name`);
    if (Object.hasOwn(map, key)) throw new KeyValueError(`${flag}: "${key}" is given twice`);
    map[key] = text.slice(eq + 1);
  }
  return map;
}
