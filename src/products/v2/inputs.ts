// Inputs of InfluxDB OSS v2's legacy authorizations: usernames, IDs, passwords (the server's 8–72 byte
// rule, checked before anything is sent), and bucket references resolved against the org's buckets.

import { NameError } from '../../input/names.js';
import type { PermissionSet } from '../../input/permission.js';

/** InfluxDB v2 IDs: 16 hex digits, not all zero. */
export function isV2Id(text: string): boolean {
  return /^[0-9a-fA-F]{16}$/.test(text) && !/^0+$/.test(text);
}

export function checkV2Id(id: string, what: string): string {
  if (!/^[0-9a-fA-F]{16}$/.test(id)) throw new NameError(`the ${what} "${id}" is not an InfluxDB ID (16 hex digits)`);
  if (/^0+$/.test(id)) throw new NameError(`the ${what} "${id}" is all zeros`);
  return id.toLowerCase();
}

export function checkUsername(username: string): string {
  if (username === '') throw new NameError('the username is empty');
  if (/[\s\u0000-\u001f\u007f:]/.test(username)) throw new NameError(`the username "${JSON.stringify(username).slice(1, -1)}" must not contain white space, control characters or ":"`);
  return username;
}

const PASSWORD_MIN = 8;
const PASSWORD_MAX = 72;

export function checkPassword(password: string): string {
  const bytes = Buffer.byteLength(password);
  if (bytes < PASSWORD_MIN || bytes > PASSWORD_MAX) {
    throw new NameError(`the password is ${bytes} bytes long; it must be ${PASSWORD_MIN} to ${PASSWORD_MAX} bytes`);
  }
  if (/[\r\n]/.test(password)) throw new NameError('the password contains a line break');
  return password;
}

/** What a legacy authorization can grant: bucket permissions, at least one. */
export function checkBucketPermissions(set: PermissionSet): void {
  const other = set.find((g) => g.type !== 'bucket');
  if (other) throw new NameError(`${other.type} permissions do not apply to legacy authorizations; they grant bucket:NAMES:read,write`);
  if (set.length === 0) throw new NameError('a legacy authorization needs at least one bucket permission');
}

/**
 * A bucket given by ID or by name → its ID. `*` stays `*` (every bucket of the org). 16 hex digits are an ID
 * and are sent as given, as `influx v1 auth create` sends them, whether or not a listing was read and
 * whatever bucket has them as its name: so one reference means one bucket however it is given, and nobody
 * who can create a bucket can take over grants by ID by naming a bucket with an ID. (A bucket whose name
 * looks like an ID is given by its ID.) Anything else is a name that must match exactly one bucket.
 */
export function resolveBucket(ref: string, buckets: ReadonlyArray<{ id: string; name: string }> | undefined, org: string): string {
  if (ref === '*') return '*';
  if (isV2Id(ref) || buckets === undefined) return checkV2Id(ref, 'bucket ID');
  const byName = buckets.filter((b) => b.name === ref);
  if (byName.length === 1) return byName[0]!.id;
  if (byName.length > 1) throw new NameError(`the bucket name "${ref}" is ambiguous in ${org} (IDs ${byName.map((b) => b.id).join(', ')}); give the ID`);
  throw new NameError(`no bucket "${ref}" in ${org}`);
}
