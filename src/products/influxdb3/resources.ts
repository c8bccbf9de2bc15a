// What plan/apply/export manage on InfluxDB 3 Core and Enterprise: databases, tables (with tags and
// fields, and on Enterprise a retention period) and tokens by name (admin, or on Enterprise with
// permissions). The server reports neither a database's retention nor a table's columns through what
// influxadm reads, so those are sent on create and not compared; a token's permissions cannot be changed,
// so a difference is a replace (delete, then create: names are unique). System objects (`_internal`, the
// operator token `_admin`) are never managed.

import {
  expiryField, expiryOf, flagField, isoSeconds, listField, nameField, permissionDatabases, permissionSet, permissionsField,
  removeOne, retentionField, retentionNs,
} from '../../apply/fields.js';
import { CliError, ExitCode } from '../../errors.js';
import { canonical, formatPermissions, parsePermission } from '../../input/permission.js';
import type { DatabaseOps, ExistingResource, ResourceKind, TableOps, TokenOps } from '../types.js';
import type { InfluxDb3Database, InfluxDb3Token } from './client.js';
import { checkDatabaseName, checkIdentifier, OPERATOR, parseFields, parseTags } from './inputs.js';
import { wirePermissions } from './permissions.js';

const ADMIN = '*:*:*';

export function influxdb3Resources(product: string, ops: { databases: DatabaseOps; tables: TableOps; tokens: TokenOps }): ResourceKind[] {
  const enterprise = product === 'enterprise';

  const databases: ResourceKind = {
    kind: 'databases',
    noun: 'database',
    identity: ['name'],
    fields: {
      name: nameField('the database name', (name) => checkDatabaseName(name)),
      retentionPeriod: retentionField('how long data is kept (30d, infinite); sent on create only: the server does not report it', 'create'),
    },
    async read() {
      const { items } = await ops.databases.list({ showDeleted: false });
      // `_internal` and other system databases are the server's, not the file's.
      return (items as InfluxDb3Database[]).filter((d) => !d.name.startsWith('_')).map((d) => ({ item: { name: d.name } }));
    },
    async create(item) {
      await ops.databases.create({ name: String(item.name), ...(item.retentionPeriod !== undefined ? { retentionPeriod: retentionNs(item.retentionPeriod) } : {}) });
      return {};
    },
    remove: (existing) => removeOne(ops.databases.removal([String(existing.item.name)], {})),
  };

  const tables: ResourceKind = {
    kind: 'tables',
    noun: 'table',
    identity: ['database', 'name'],
    fields: {
      database: nameField('the database the table is in', (name) => checkDatabaseName(name)),
      name: nameField('the table name', (name) => checkIdentifier(name, 'table name')),
      tags: listField('tag column names; sent on create only', (values) => parseTags(values), 'create'),
      fields: listField('field columns as NAME:TYPE (int64, uint64, float64, utf8, bool); sent on create only', (values) => parseFields(values), 'create'),
      ...(enterprise ? { retentionPeriod: retentionField('the table\'s own retention; sent on create only', 'create') } : {}),
    },
    dependsOn: (item) => [{ kind: 'databases', identity: [item.database] }],
    livesIn: (item) => [{ kind: 'databases', identity: [item.database] }],
    async read(scope) {
      const names = scope.all
        ? (await (scope.known('databases') ?? databases.read!(scope))).map((d) => String(d.item.name))
        : [...new Set(scope.wanted.map((t) => String(t.database)))];
      const perDatabase = await scope.each(names, async (database) => {
        try {
          const { items } = await ops.tables.list!(database, { showDeleted: false });
          return (items as Array<{ name: string }>).map((t): ExistingResource => ({ item: { database, name: t.name } }));
        } catch (error) {
          // A database the file names that does not exist yet has no tables.
          if (error instanceof CliError && error.exitCode === ExitCode.notFound) return [];
          throw error;
        }
      });
      return perDatabase.flat();
    },
    async create(item) {
      await ops.tables.create({
        database: String(item.database),
        name: String(item.name),
        tags: (item.tags as string[] | undefined) ?? [],
        fields: (item.fields as string[] | undefined) ?? [],
        ...(item.retentionPeriod !== undefined ? { retentionPeriod: retentionNs(item.retentionPeriod) } : {}),
      });
      return {};
    },
    remove: (existing) => removeOne(ops.tables.removal(String(existing.item.database), [String(existing.item.name)], {})),
  };

  const tokens: ResourceKind = {
    kind: 'tokens',
    noun: 'token',
    identity: ['name'],
    secret: true,
    fields: {
      name: nameField('the token name (unique on the server)', (name) => {
        checkIdentifier(name, 'token name');
        if (name === OPERATOR) throw new Error(`"${OPERATOR}" is the operator token; apply does not manage it (see \`influxadm token regenerate\`)`);
      }),
      // Either one says what kind of token it is: given one, a replace takes nothing of the other from the old token.
      admin: { ...flagField(enterprise ? 'true for an admin token (every permission); otherwise give permissions (admin: false, or leave it out)' : 'true: Core\'s tokens are admin tokens', 'replace'), settledBy: ['permissions'] },
      ...(enterprise ? { permissions: { ...permissionsField('db:NAMES:ACTIONS and system:NAMES:read; cannot change on a live token, so a difference is a replace', wirePermissions, 'replace'), settledBy: ['admin'] } } : {}),
      expiry: expiryField('never, a duration from creation (1y), or an RFC 3339 time; a token whose expiry differs is replaced'),
    },
    check(item) {
      const admin = item.admin === true;
      if (!enterprise && !admin) throw new Error('InfluxDB 3 Core has admin tokens only: write admin: true');
      if (admin && item.permissions !== undefined) throw new Error('an admin token has every permission: give admin: true or permissions, not both');
      if (enterprise && !admin && item.permissions === undefined) throw new Error('say what kind of token: admin: true, or permissions');
    },
    dependsOn: (item) => permissionDatabases(item.permissions),
    async read() {
      const { items } = await ops.tokens.list({});
      return (items as InfluxDb3Token[]).filter((t) => t.name !== OPERATOR).map((t): ExistingResource => ({
        item: {
          name: t.name,
          // The server has no admin flag: a token is an admin token exactly when its permissions are `*:*:*`,
          // so every other token reads as `admin: false` (a file's `admin: false` then matches it).
          ...(t.permissions === ADMIN ? { admin: true } : { admin: false, permissions: readPermissions(t.permissions) }),
          ...(t.expiresAt ? { expiry: isoSeconds(new Date(t.expiresAt)) } : {}),
        },
        stale: t.expired,
      }));
    },
    async create(item) {
      const expiry = expiryOf(item.expiry);
      const admin = item.admin === true;
      const created = await ops.tokens.create({
        name: String(item.name),
        ...(admin ? { admin: true } : {}),
        permissions: admin ? [] : permissionSet(item.permissions),
        permissionsGiven: !admin,
        ...(expiry ? { expiry } : {}),
      });
      return { secret: created.secret };
    },
    remove: (existing) => removeOne(ops.tokens.removal([String(existing.item.name)])),
  };

  return [databases, tables, tokens];
}

/**
 * system.tokens' permissions column in the one grammar. How the server joins several permissions is not
 * documented; whitespace and `;` both separate them here. Text that does not parse is kept as it is, so it
 * differs from any file's permissions (a replace) rather than being mistaken for them.
 */
export function readPermissions(text: string): string[] {
  const parts = text.split(/[\s;]+/).filter(Boolean);
  try {
    return formatPermissions(canonical(parts.flatMap(parsePermission)));
  } catch {
    return parts;
  }
}
