// What plan/apply/export manage on InfluxDB OSS v2: legacy (v1-compatible) authorizations, named by their
// username, with buckets by name in the one permission grammar. Description and status change in place;
// the server cannot change permissions, so a difference there is a replace. Passwords are not part of the
// file (they are secrets, and the server never reports them): set them with `v1-auth set-password`.

import { choiceField, nameField, permissionSet, permissionsField, removeOne, textField } from '../../apply/fields.js';
import { FILE_ORG } from '../../apply/targets.js';
import { usageError } from '../../errors.js';
import { formatPermissions, type PermissionSet } from '../../input/permission.js';
import type { ExistingResource, LegacyAuthOps, ResourceKind, Session } from '../types.js';
import { checkBucketPermissions, checkUsername, isV2Id, resolveBucket } from './inputs.js';
import type { LegacyAuthorization } from './schemas.js';

export function v2Resources(session: Session, ops: { legacyAuths: LegacyAuthOps }): ResourceKind[] {
  // The file's `org:` is given as --org is, before INFLUX_ORG and INFLUX_ORG_ID; anything else comes as for
  // a command (the environment, then the profile's).
  const org = session.target.origins.org === FILE_ORG && session.target.profile?.org !== undefined ? { org: session.target.profile.org } : {};
  const legacyAuths: ResourceKind = {
    kind: 'legacyAuths',
    noun: 'legacy authorization',
    identity: ['username'],
    fields: {
      username: nameField('the v1 username', (name) => checkUsername(name)),
      // The server stores "" as no description (and may leave it out): an empty one and none are the same.
      description: { ...textField('what it is for', 'update'), satisfied: (wanted, current) => (wanted ?? '') === (current ?? '') },
      status: choiceField('active or inactive', ['active', 'inactive'], 'update'),
      permissions: { ...permissionsField('bucket:NAMES:read,write (bucket names or IDs, * for every bucket of the org); a difference is a replace', checkBucketPermissions, 'replace'), requiredToCreate: true },
    },
    async read(scope) {
      // Creating, and pruning within one org, need the organization: say so before anything is written.
      if (!scope.exporting && !session.env.INFLUX_ORG && !session.env.INFLUX_ORG_ID && session.target.profile?.org === undefined) {
        throw usageError('which organization do the legacy authorizations belong to?', 'give the target `org: NAME` in the file (or set INFLUX_ORG or INFLUX_ORG_ID, or use a profile with an org)');
      }
      const { items } = await ops.legacyAuths.list(org);
      const wanted = new Map(scope.wanted.map((w) => [String(w.username), permissionSet(w.permissions)]));
      // The file's bucket names are read as create reads them: the org's buckets are listed when it gives a
      // name (16 hex digits are an ID and need none), so that plan compares the buckets create would grant.
      const names = [...wanted.values()].some((set) => set.some((g) => g.name !== '*' && !isV2Id(g.name)));
      const buckets = names ? await ops.legacyAuths.buckets(org) : undefined;
      return (items as LegacyAuthorization[]).map((a): ExistingResource => ({
        item: {
          username: a.token,
          ...(a.description ? { description: a.description } : {}),
          ...(a.status === 'active' || a.status === 'inactive' ? { status: a.status } : {}),
          permissions: formatPermissions(permissionSet(a.permissions.map((p) => `bucket:${bucketRef(p.resource, p.action, wanted.get(a.token), buckets)}:${p.action}`))),
        },
        ref: a.id,
      }));
    },
    async create(item) {
      const created = await ops.legacyAuths.create({
        ...org,
        username: String(item.username),
        ...(item.description !== undefined ? { description: String(item.description) } : {}),
        permissions: permissionSet(item.permissions),
      })(async () => undefined);
      if (item.status === 'inactive') await ops.legacyAuths.update({ id: created.id! }, { status: 'inactive' });
      return {};
    },
    async update(existing, item, fields) {
      await ops.legacyAuths.update({ id: existing.ref! }, {
        ...(fields.includes('description') ? { description: String(item.description) } : {}),
        ...(fields.includes('status') ? { status: item.status as 'active' | 'inactive' } : {}),
      });
    },
    async remove(existing) {
      await removeOne(ops.legacyAuths.removal([existing.ref!]));
    },
  };
  return [legacyAuths];
}

/**
 * How to write a bucket the server reports (by ID, and by name when the bucket still exists): as the file
 * names that same bucket, by ID (in any case) or by a name that resolves to it as create resolves it (so
 * a bucket reported by ID alone is found by the name the file gives), so that either compares equal. Else
 * by its name (export's choice, readable), unless the name reads as something else in this grammar (16
 * hex digits are an ID, `*` every bucket, a comma or colon separates) or is how the file names another
 * bucket; else by ID. No ID is every bucket of the
 * org (`*`).
 */
function bucketRef(resource: { id?: string; name?: string }, action: string, wanted: PermissionSet | undefined, buckets: ReadonlyArray<{ id: string; name: string }> | undefined): string {
  const id = resource.id?.toLowerCase();
  if (id === undefined) return resource.name ?? '*';
  const means = (ref: string): string | undefined => {
    try {
      return resolveBucket(ref, buckets, 'the org');
    } catch {
      // A name create would refuse (no such bucket, or two): it names no bucket here, and apply says why.
      return undefined;
    }
  };
  const same = (wanted ?? []).filter((g) => g.name !== '*' && means(g.name) === id);
  // A file that names one bucket both ways: the spelling it grants this action under.
  const chosen = same.find((g) => g.action === action) ?? same[0];
  if (chosen) return chosen.name;
  const name = resource.name ?? buckets?.find((b) => b.id === id)?.name;
  return name !== undefined && writable(name) && !(wanted ?? []).some((g) => g.name === name) ? name : id;
}

/**
 * Whether `bucket:NAME:read` reads back as the bucket so named: not with 16 hex digits (an ID), nor `*` (every
 * bucket), nor a comma or colon (the grammar's separators: 'a,b' would be two buckets, 'x:y' no permission).
 */
function writable(name: string): boolean {
  return name !== '' && name !== '*' && !/[,:]/.test(name) && !isV2Id(name);
}
