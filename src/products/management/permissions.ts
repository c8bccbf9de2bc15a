// The one permission grammar in the Management API's words: `[{action, resource}]`, databases only, read and
// write only. Anything else is refused before a request is sent.

import { asUsage } from '../../errors.js';
import { canonical, databaseNames, PermissionError, type PermissionSet } from '../../input/permission.js';
import { checkDatabaseName } from './names.js';

export function toWire(set: PermissionSet): Array<{ action: string; resource: string }> {
  for (const g of set) {
    if (g.type !== 'db') throw new PermissionError(`${g.type} permissions are not available on Cloud Dedicated or Clustered, whose tokens grant read and write on databases`);
    if (g.action !== 'read' && g.action !== 'write') throw new PermissionError(`"${g.action}" is not available on Cloud Dedicated or Clustered; database tokens grant read and write`);
  }
  return set.map((g) => ({ action: g.action, resource: g.name }));
}

export function fromWire(list: ReadonlyArray<{ action: string; resource: string }>): PermissionSet {
  return canonical(list.map((p) => ({ type: 'db' as const, name: p.resource, action: p.action })));
}

/** The wire body, with every database name checked by the Management API's rules. */
export function wirePermissions(set: PermissionSet): Array<{ action: string; resource: string }> {
  return asUsage(() => {
    for (const name of databaseNames(set)) checkDatabaseName(name, 'database name in the permission');
    return toWire(set);
  });
}
