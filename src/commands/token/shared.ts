// Pieces the token verbs share: columns, permission rendering and translation per product.

import type { InfluxDb3CreatedToken, InfluxDb3Token } from '../../api/influxdb3.js';
import type { ManagementToken } from '../../api/schemas/management.js';
import { asUsage } from '../../errors.js';
import type { Column } from '../../format/output.js';
import { checkInfluxDb3DatabaseName } from '../../input/influxdb3.js';
import { checkManagementDatabaseName } from '../../input/names.js';
import {
  databaseNames, formatPermissions, fromManagementPermissions, toEnterprisePermissions, toManagementPermissions,
  type EnterprisePermission, type PermissionSet,
} from '../../input/permission.js';

export const PERMISSION_HELP = 'TYPE:NAMES:ACTIONS, e.g. db:mydb:read,write, db:*:read, system:health:read (repeatable)';

/** Management body; database names checked by the Management API's rules. */
export function managementPermissions(set: PermissionSet): Array<{ action: string; resource: string }> {
  return asUsage(() => {
    for (const name of databaseNames(set)) checkManagementDatabaseName(name, 'database name in the permission');
    return toManagementPermissions(set);
  });
}

/** Enterprise body; database names checked by the server's rules. */
export function enterprisePermissions(set: PermissionSet): EnterprisePermission[] {
  return asUsage(() => {
    for (const name of databaseNames(set)) checkInfluxDb3DatabaseName(name, 'database name in the permission');
    return toEnterprisePermissions(set);
  });
}

export function managementPermissionText(token: ManagementToken): string {
  return formatPermissions(fromManagementPermissions(token.permissions)).join(' ') || '(none)';
}

const when = (value: string | null | undefined, none: string) => value ?? none;

export const MANAGEMENT_TOKEN_COLUMNS: ReadonlyArray<Column<ManagementToken>> = [
  { header: 'ID', value: (t) => t.id },
  { header: 'DESCRIPTION', value: (t) => t.description },
  { header: 'PERMISSIONS', value: managementPermissionText },
  { header: 'CREATED', value: (t) => when(t.createdAt, '') },
  { header: 'EXPIRES', value: (t) => when(t.expiresAt, 'never') },
];

export const REVOKED_COLUMN: Column<ManagementToken> = { header: 'REVOKED', value: (t) => when(t.revokedAt, '') };

export const INFLUXDB3_TOKEN_COLUMNS: ReadonlyArray<Column<InfluxDb3Token>> = [
  { header: 'ID', value: (t) => String(t.id) },
  { header: 'NAME', value: (t) => t.name },
  { header: 'PERMISSIONS', value: (t) => t.permissions },
  { header: 'CREATED', value: (t) => t.createdAt ?? '' },
  { header: 'EXPIRES', value: (t) => t.expiresAt ?? 'never' },
  { header: 'EXPIRED', value: (t) => (t.expired ? 'yes' : '') },
];

export const CREATED_V3_COLUMNS: ReadonlyArray<Column<InfluxDb3CreatedToken>> = [
  { header: 'NAME', value: (t) => t.name ?? '' },
  { header: 'ID', value: (t) => (t.id === undefined ? '' : String(t.id)) },
  { header: 'CREATED', value: (t) => t.createdAt ?? '' },
  { header: 'EXPIRES', value: (t) => t.expiresAt ?? 'never' },
];

