// The DBaaS API's input rules (its request schemas), checked before anything is sent, and the typing of
// configuration values by the parameter catalog. Each message says which rule failed.

import { NameError, printable, UUID } from '../../input/names.js';

/** Selectel's resource IDs are UUIDs: anything else given where a name or an ID goes is a name. */
export const isId = (text: string): boolean => UUID.test(text);

/** Datastore names: 1–255 of letters, digits, `_` and `-`. */
export function checkDatastoreName(name: string, what = 'datastore name'): string {
  if (name.length === 0) throw new NameError(`the ${what} is empty`);
  if (name.length > 255) throw new NameError(`the ${what} is ${name.length} characters long; the limit is 255`);
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new NameError(`the ${what} "${printable(name)}" may hold only letters, digits, _ and -`);
  return name;
}

/** Database and user names (PostgreSQL, MySQL, Kafka): 1–63, a letter or `_` first, then letters, digits, `_`. */
export function checkIdentifier(name: string, what: string): string {
  if (name.length === 0) throw new NameError(`the ${what} is empty`);
  if (name.length > 63) throw new NameError(`the ${what} is ${name.length} characters long; the limit is 63`);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new NameError(`the ${what} "${printable(name)}" must start with a letter or _ and hold only letters, digits and _`);
  }
  return name;
}

/** Kafka topic names and ACL patterns: 1–249 of letters, digits, `.`, `_` and `-`. */
export function checkTopicName(name: string, what = 'topic name'): string {
  if (name.length === 0) throw new NameError(`the ${what} is empty`);
  if (name.length > 249) throw new NameError(`the ${what} is ${name.length} characters long; the limit is 249`);
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new NameError(`the ${what} "${printable(name)}" may hold only letters, digits, ., _ and -`);
  return name;
}

/** Names of metrics tokens and replication slots: 1–255 characters, on one line. */
export function checkLabel(name: string, what: string): string {
  if (name.trim().length === 0) throw new NameError(`the ${what} is empty`);
  if (name.length > 255) throw new NameError(`the ${what} is ${name.length} characters long; the limit is 255`);
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new NameError(`the ${what} "${printable(name)}" contains a control character`);
  return name;
}

/** Passwords of users and of Redis: 1–255 characters (the API's rule), on one line. */
export function checkPassword(password: string): string {
  if (password.length === 0) throw new NameError('the password is empty');
  if (password.length > 255) throw new NameError(`the password is ${password.length} characters long; the limit is 255`);
  if (/[\r\n]/.test(password)) throw new NameError('the password contains a line break');
  return password;
}

/**
 * A configuration value typed by its parameter's catalog entry: numbers within min/max, booleans, one of
 * the choices. The API rejects a value of the wrong JSON type, so the string from argv is converted here.
 */
export function configValue(raw: string, parameter: { name: string; type: string; min?: number | null; max?: number | null; choices?: ReadonlyArray<string | number | boolean> | null }): string | number | boolean {
  const { name, type } = parameter;
  let value: string | number | boolean = raw;
  if (/^(int|integer|float|number|double)$/i.test(type)) {
    if (!/^-?\d+(\.\d+)?$/.test(raw.trim())) throw new NameError(`${name} takes a number, not "${printable(raw)}"`);
    value = Number(raw);
    if (/^int/i.test(type) && !Number.isInteger(value)) throw new NameError(`${name} takes a whole number, not ${raw}`);
    if (parameter.min != null && value < parameter.min) throw new NameError(`${name} must be at least ${parameter.min}, not ${raw}`);
    if (parameter.max != null && value > parameter.max) throw new NameError(`${name} must be at most ${parameter.max}, not ${raw}`);
  } else if (/^bool/i.test(type)) {
    if (!/^(true|false|on|off|1|0)$/i.test(raw)) throw new NameError(`${name} takes true or false, not "${printable(raw)}"`);
    value = /^(true|on|1)$/i.test(raw);
  }
  if (parameter.choices && parameter.choices.length > 0 && !parameter.choices.map(String).includes(String(value))) {
    throw new NameError(`${name} must be one of ${parameter.choices.join(', ')}, not "${printable(raw)}"`);
  }
  return value;
}

/** An IPv4/IPv6 address or CIDR block for the firewall, 1–255 characters. */
export function checkFirewallEntry(text: string): string {
  const v4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}(\/(3[0-2]|[12]?\d))?$/;
  const v6 = /^[0-9A-Fa-f:]+(\/(12[0-8]|1[01]\d|\d?\d))?$/;
  if (!v4.test(text) && !(text.includes(':') && v6.test(text))) throw new NameError(`"${printable(text)}" is not an IP address or CIDR block`);
  return text;
}
