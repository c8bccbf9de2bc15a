// The one permission grammar in InfluxDB 3 Enterprise's words: `[{resource_type, resource_names, actions}]`,
// names grouped by identical action sets (a wildcard alone). Anything Enterprise cannot express is refused before sending.

import { asUsage } from '../../errors.js';
import { databaseNames, PermissionError, type PermissionSet } from '../../input/permission.js';
import { checkDatabaseName } from './inputs.js';

export interface EnterprisePermission {
  resource_type: 'db' | 'system';
  resource_names: string[];
  actions: string[];
}

/** Enterprise: `[{resource_type, resource_names, actions}]`, names grouped by identical action sets. */
export function toWire(set: PermissionSet): EnterprisePermission[] {
  const byResource = new Map<string, { type: 'db' | 'system'; name: string; actions: string[] }>();
  for (const g of set) {
    if (g.type === 'bucket') throw new PermissionError('bucket permissions belong to InfluxDB OSS v2; InfluxDB 3 Enterprise tokens take db and system permissions');
    const key = `${g.type}\u0000${g.name}`;
    const entry = byResource.get(key) ?? { type: g.type, name: g.name, actions: [] };
    entry.actions.push(g.action);
    byResource.set(key, entry);
  }
  const groups = new Map<string, EnterprisePermission>();
  for (const r of byResource.values()) {
    // The server refuses an element that mixes * with names ("mixed wildcard (*) and resource name"), while
    // it takes `db:*:read` and `db:a:read` as two elements: the wildcard never shares one.
    const key = `${r.type}\u0000${r.name === '*' ? '*' : ''}\u0000${r.actions.join(',')}`;
    const group = groups.get(key) ?? { resource_type: r.type, resource_names: [], actions: r.actions };
    group.resource_names.push(r.name);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The wire body, with every database name checked by the server's rules. */
export function wirePermissions(set: PermissionSet): EnterprisePermission[] {
  return asUsage(() => {
    for (const name of databaseNames(set)) checkDatabaseName(name, 'database name in the permission');
    return toWire(set);
  });
}
