// Request validation as the Selectel API does it: JSON-Schema checks whose failures come back as
// `Validation failure: {'user.name': "'' is too short"}`, i.e. the Python repr of a dict keyed by the
// dotted path, with python-jsonschema's wording. Only the keywords the API's schemas use are here.

import { UUID } from '../../input/names.js';

export type Schema =
  | { type: 'string'; minLength?: number; maxLength?: number; pattern?: string; format?: 'UUID'; enum?: readonly string[] }
  | { type: 'integer'; minimum?: number; maximum?: number }
  | { type: 'boolean' }
  | { type: 'array'; items: Schema }
  /** `open`: any properties (e.g. `config`); otherwise unknown properties are refused. */
  | { type: 'object'; properties?: Record<string, Schema>; required?: readonly string[]; open?: boolean };

/** A string the API's schemas declare `format: UUID`. */
export const UUID_STRING: Schema = { type: 'string', format: 'UUID' };

/** The failures of one value, keyed by dotted path; the first failure of a path wins. */
export function check(schema: Schema, value: unknown, path: string): Map<string, string> {
  const failures = new Map<string, string>();
  walk(schema, value, path, failures);
  return failures;
}

function walk(schema: Schema, value: unknown, path: string, out: Map<string, string>): void {
  const fail = (message: string) => {
    if (!out.has(path)) out.set(path, message);
  };
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') return fail(`${pyRepr(value)} is not of type 'string'`);
      if (schema.enum && !schema.enum.includes(value)) return fail(`${pyRepr(value)} is not one of ${pyRepr([...schema.enum])}`);
      if (schema.minLength !== undefined && [...value].length < schema.minLength) return fail(`${pyRepr(value)} is too short`);
      if (schema.maxLength !== undefined && [...value].length > schema.maxLength) return fail(`${pyRepr(value)} is too long`);
      if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) return fail(`${pyRepr(value)} does not match ${pyRepr(schema.pattern)}`);
      if (schema.format === 'UUID' && !UUID.test(value)) return fail(`${pyRepr(value)} is not a 'UUID'`);
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return fail(`${pyRepr(value)} is not of type 'integer'`);
      if (schema.minimum !== undefined && value < schema.minimum) return fail(`${value} is less than the minimum of ${schema.minimum}`);
      if (schema.maximum !== undefined && value > schema.maximum) return fail(`${value} is greater than the maximum of ${schema.maximum}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail(`${pyRepr(value)} is not of type 'boolean'`);
      return;
    case 'array':
      if (!Array.isArray(value)) return fail(`${pyRepr(value)} is not of type 'array'`);
      value.forEach((item, index) => walk(schema.items, item, `${path}.${index}`, out));
      return;
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(`${pyRepr(value)} is not of type 'object'`);
      const record = value as Record<string, unknown>;
      const properties = schema.properties ?? {};
      const missing = (schema.required ?? []).find((name) => record[name] === undefined);
      if (missing !== undefined) fail(`${pyRepr(missing)} is a required property`);
      if (!schema.open) {
        const extra = Object.keys(record).filter((name) => !(name in properties));
        if (extra.length > 0) fail(unexpected(extra));
      }
      for (const [name, inner] of Object.entries(properties)) {
        if (record[name] !== undefined) walk(inner, record[name], `${path}.${name}`, out);
      }
    }
  }
}

export function unexpected(names: string[]): string {
  return `Additional properties are not allowed (${names.map((name) => pyRepr(name)).join(', ')} ${names.length === 1 ? 'was' : 'were'} unexpected)`;
}

/** `Validation failure: {…}` for a set of failures, or for a sentence. */
export function validationMessage(failures: Map<string, string> | string): string {
  if (typeof failures === 'string') return `Validation failure: ${failures}`;
  return `Validation failure: {${[...failures].map(([path, message]) => `${pyRepr(path)}: ${pyRepr(message)}`).join(', ')}}`;
}

/** Python's repr() of a JSON value, so messages read like the real server's. */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    const escaped = value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
    // Python prefers single quotes and switches to double quotes when only single quotes occur inside.
    if (escaped.includes("'") && !escaped.includes('"')) return `"${escaped}"`;
    return `'${escaped.replace(/'/g, "\\'")}'`;
  }
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
}
