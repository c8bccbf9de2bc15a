// How legacy authorizations look: the API's object (bucket names filled in where we know them), and a
// table with one permission per `action:bucket`.

import type { Column } from '../../format/output.js';
import type { LegacyAuthorization, LegacyPermission } from './schemas.js';

function permissionText(p: LegacyPermission): string {
  const r = p.resource;
  if (r.type !== 'buckets') return `${p.action}:${r.type}${r.id ? `/${r.id}` : ''}`;
  return `${p.action}:${r.name ?? r.id ?? '*'}`;
}

export const AUTH_COLUMNS: ReadonlyArray<Column<LegacyAuthorization>> = [
  { header: 'ID', value: (a) => a.id },
  { header: 'USERNAME', value: (a) => a.token },
  { header: 'DESCRIPTION', value: (a) => a.description ?? '' },
  { header: 'STATUS', value: (a) => a.status ?? '' },
  { header: 'PERMISSIONS', value: (a) => a.permissions.map(permissionText).join(' ') },
];

/** The API object, with bucket names filled in where we know them and the server did not say. */
export function withBucketNames(auth: LegacyAuthorization, names: ReadonlyMap<string, string>): LegacyAuthorization {
  return {
    ...auth,
    permissions: auth.permissions.map((p) => {
      const name = p.resource.id ? names.get(p.resource.id) : undefined;
      return p.resource.name === undefined && name !== undefined ? { ...p, resource: { ...p.resource, name } } : p;
    }),
  };
}
