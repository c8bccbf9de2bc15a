// Inputs of the InfluxDB 3 Core/Enterprise API: names as the server checks them (reference
// influxdb3.md §8.1: the server, not the spec's stricter pattern), table columns, and the
// `--hard-delete` value.

import { NameError, printable } from '../../input/names.js';
import { parseTimestamp } from '../../input/timestamp.js';

/** The operator token's name: the server's own token, made by `token create --admin` alone. */
export const OPERATOR = '_admin';

/** Server rule: ASCII letter/digit first; then letters, digits, _ and -; one optional /; ≤ 511 bytes. */
export function checkDatabaseName(name: string, what = 'database name'): string {
  if (name === '') throw new NameError(`the ${what} is empty`);
  if (Buffer.byteLength(name) > 511) throw new NameError(`the ${what} is ${Buffer.byteLength(name)} bytes long; the limit is 511`);
  if (!/^[A-Za-z0-9]/.test(name)) throw new NameError(`the ${what} "${printable(name)}" must start with a letter or digit`);
  const bad = [...name].find((c) => !/[A-Za-z0-9_\-/]/.test(c));
  if (bad !== undefined) {
    throw new NameError(`the ${what} "${printable(name)}" contains "${printable(bad)}"; allowed are ASCII letters, digits, _ and - (and one / for db/rp)`);
  }
  const slashes = name.split('/').length - 1;
  if (slashes > 1 || name.endsWith('/')) throw new NameError(`the ${what} "${name}" may hold one / only, as database/retention-policy`);
  return name;
}

/** Table, tag and field names: not empty, no control characters, not `time`, ≤ 511 bytes. */
export function checkIdentifier(name: string, what: string): string {
  if (name.trim() === '') throw new NameError(`the ${what} is empty`);
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) throw new NameError(`the ${what} "${printable(name)}" contains a control character`);
  if (Buffer.byteLength(name) > 511) throw new NameError(`the ${what} is longer than 511 bytes`);
  if (what !== 'table name' && name === 'time') throw new NameError(`"time" is reserved and cannot be a ${what}`);
  return name;
}

/**
 * A table or token name that names an existing object (delete): only not empty. The server takes any other
 * name (a control character too), so the creation rules above would leave such an object undeletable.
 */
export function checkExistingName(name: string, what: string): string {
  if (name === '') throw new NameError(`the ${what} is empty`);
  return name;
}

/** A soft-deleted table or database keeps a visible entry renamed to `<name>-<YYYYMMDDTHHMMSS>`. */
export const SOFT_DELETED_SUFFIX = /-\d{8}T\d{6}$/;

export const FIELD_TYPES = ['int64', 'uint64', 'float64', 'utf8', 'bool'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** `--tags a,b` (repeatable) → unique tag names, in order. */
export function parseTags(values: readonly string[]): string[] {
  const tags = values.flatMap((v) => v.split(',')).map((t) => t.trim());
  return unique(tags.map((t) => checkIdentifier(t, 'tag name')), 'tag');
}

/** `--fields name:type,…` (repeatable) → [{name,type}]. */
export function parseFields(values: readonly string[]): Array<{ name: string; type: FieldType }> {
  const fields = values.flatMap((v) => v.split(',')).map((spec) => {
    const colon = spec.lastIndexOf(':');
    if (colon < 0) throw new NameError(`the field "${printable(spec)}" must be NAME:TYPE, e.g. temp:float64`);
    const name = checkIdentifier(spec.slice(0, colon).trim(), 'field name');
    const type = spec.slice(colon + 1).trim();
    if (!(FIELD_TYPES as readonly string[]).includes(type)) {
      throw new NameError(`the field type "${printable(type)}" of "${name}" is not one of ${FIELD_TYPES.join(', ')}`);
    }
    return { name, type: type as FieldType };
  });
  unique(fields.map((f) => f.name), 'field');
  return fields;
}

/** --hard-delete never|now|default|RFC3339 → the query value the server takes. */
export function parseHardDelete(value: string): string {
  const lower = value.trim().toLowerCase();
  if (lower === 'never' || lower === 'now' || lower === 'default') return lower;
  try {
    return parseTimestamp(value).toISOString();
  } catch (error) {
    // A timestamp with a day, time or year out of range says which; anything else, what the flag takes.
    if (/^\d{4}-/.test(value.trim()) && !/not an RFC 3339 timestamp/.test((error as Error).message)) throw new NameError(`--hard-delete ${(error as Error).message}`);
    throw new NameError(`--hard-delete "${printable(value)}" must be never, now, default or an RFC 3339 timestamp such as 2030-01-01T00:00:00Z`);
  }
}

function unique(names: string[], what: string): string[] {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new NameError(`the ${what} "${name}" is given twice`);
    seen.add(name);
  }
  return names;
}

