// Inputs of `v1-auth`: usernames, v2 IDs, passwords (the server's 8–72 byte rule, checked before
// anything is sent), and bucket references resolved against the org's buckets.

export class V1AuthInputError extends Error {}

/** InfluxDB v2 IDs: 16 hex digits, not all zero. */
export function checkV2Id(id: string, what: string): string {
  if (!/^[0-9a-fA-F]{16}$/.test(id)) throw new V1AuthInputError(`the ${what} "${id}" is not an InfluxDB ID (16 hex digits)`);
  if (/^0+$/.test(id)) throw new V1AuthInputError(`the ${what} "${id}" is all zeros`);
  return id.toLowerCase();
}

export function checkUsername(username: string): string {
  if (username === '') throw new V1AuthInputError('the username is empty');
  if (/[\s\u0000-\u001f\u007f:]/.test(username)) throw new V1AuthInputError(`the username "${JSON.stringify(username).slice(1, -1)}" must not contain white space, control characters or ":"`);
  return username;
}

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 72;

export function checkPassword(password: string): string {
  const bytes = Buffer.byteLength(password);
  if (bytes < PASSWORD_MIN || bytes > PASSWORD_MAX) {
    throw new V1AuthInputError(`the password is ${bytes} bytes long; it must be ${PASSWORD_MIN} to ${PASSWORD_MAX} bytes`);
  }
  if (/[\r\n]/.test(password)) throw new V1AuthInputError('the password contains a line break');
  return password;
}

/** The password from --password-stdin: the first line, without its line ending. */
export function passwordFromStdin(text: string): string {
  const firstLine = text.split(/\r?\n/)[0] ?? '';
  if (firstLine === '') throw new V1AuthInputError('--password-stdin read an empty password');
  return checkPassword(firstLine);
}

/**
 * A bucket given by ID or by name → its ID. An exact ID match wins; otherwise the name must match
 * exactly one bucket. `*` stays `*` (every bucket of the org).
 */
export function resolveBucket(ref: string, buckets: ReadonlyArray<{ id: string; name: string }>, org: string): string {
  if (ref === '*') return '*';
  const byId = buckets.find((b) => b.id === ref.toLowerCase());
  if (byId) return byId.id;
  const byName = buckets.filter((b) => b.name === ref);
  if (byName.length === 1) return byName[0]!.id;
  if (byName.length > 1) throw new V1AuthInputError(`the bucket name "${ref}" is ambiguous in ${org} (IDs ${byName.map((b) => b.id).join(', ')}); give the ID`);
  throw new V1AuthInputError(`no bucket "${ref}" in ${org} (by ID or name)`);
}
