// What plan/apply/export manage on Cloud Dedicated and Clustered: databases (limits and retention change
// in place, the partition template only by a replace), tables (the Management API cannot list them, so they
// are created and a 409 counts as "exists"), and database tokens, named by their description (not unique
// on the server: two live tokens with one description are an error naming both IDs). The noun operations
// of the backend do the work, with this API's name rules and permission translation.

import {
  countField, expired, expiryField, expiryOf, fromApiTemplate, isoSeconds, nameField, partitionTemplateField, permissionDatabases,
  permissionSet, permissionsField, removeOne, retentionField, retentionNs, toApiTemplate, type FileTemplatePart,
} from '../../apply/fields.js';
import { formatPermissions } from '../../input/permission.js';
import { formatRetention } from '../../input/duration.js';
import { INT32_MAX } from '../../input/numbers.js';
import type { DatabaseChanges, DatabaseOps, ExistingResource, ResourceItem, ResourceKind, TableOps, TokenOps } from '../types.js';
import { checkDatabaseName, checkTableName } from './names.js';
import { fromWire, wirePermissions } from './permissions.js';
import type { ManagementDatabase, ManagementToken } from './schemas.js';

export function managementResources(ops: { databases: DatabaseOps; tables: TableOps; tokens: TokenOps }): ResourceKind[] {
  const databases: ResourceKind = {
    kind: 'databases',
    noun: 'database',
    identity: ['name'],
    fields: {
      name: nameField('the database name', (name) => checkDatabaseName(name)),
      retentionPeriod: retentionField('how long data is kept: 30d, 1y, infinite', 'update'),
      maxTables: countField('the most tables the database may hold (server default 500)', INT32_MAX, 'update'),
      maxColumnsPerTable: countField('the most columns a table may have (server default 200)', INT32_MAX, 'update'),
      partitionTemplate: partitionTemplateField('how data is partitioned: [{time: "%Y-%m-%d"}, {tag: T}, {bucket: {tag: T, count: N}}]; set when created', 'replace'),
    },
    async read() {
      const { items } = await ops.databases.list({});
      // A cluster has few distinct retention periods and may have 10,000 databases: each is formatted once.
      const retentions = new Map<number, string>();
      const retention = (ns: number) => retentions.get(ns) ?? retentions.set(ns, formatRetention(ns)).get(ns)!;
      return (items as ManagementDatabase[]).map((d) => {
        const item: ResourceItem = { name: d.name, retentionPeriod: retention(d.retentionPeriod ?? 0), maxTables: d.maxTables, maxColumnsPerTable: d.maxColumnsPerTable };
        if (d.partitionTemplate) item.partitionTemplate = fromApiTemplate(d.partitionTemplate);
        return { item };
      });
    },
    async create(item) {
      await ops.databases.create({
        name: String(item.name),
        ...settings(item, Object.keys(item)),
        ...(item.partitionTemplate ? { partitionTemplate: toApiTemplate(item.partitionTemplate as FileTemplatePart[]) } : {}),
      });
      return {};
    },
    async update(_existing, item, fields) {
      await ops.databases.update(String(item.name), settings(item, fields));
    },
    remove: (existing) => removeOne(ops.databases.removal([String(existing.item.name)], {})),
  };

  const tables: ResourceKind = {
    kind: 'tables',
    noun: 'table',
    identity: ['database', 'name'],
    unlisted: 'the Management API has no table listing',
    fields: {
      database: nameField('the database the table is in', (name) => checkDatabaseName(name)),
      name: nameField('the table name', (name) => checkTableName(name)),
      partitionTemplate: partitionTemplateField('the table\'s own partition template; set when created', 'create'),
    },
    dependsOn: (item) => [{ kind: 'databases', identity: [item.database] }],
    livesIn: (item) => [{ kind: 'databases', identity: [item.database] }],
    async create(item) {
      await ops.tables.create({
        database: String(item.database),
        name: String(item.name),
        ...(item.partitionTemplate ? { partitionTemplate: toApiTemplate(item.partitionTemplate as FileTemplatePart[]) } : {}),
      });
      return {};
    },
  };

  const tokens: ResourceKind = {
    kind: 'tokens',
    noun: 'token',
    identity: ['description'],
    secret: true,
    // Descriptions may repeat on the server: the new token exists before the old one is revoked.
    replaceCreatesFirst: true,
    fields: {
      // Any text but the empty one: the server takes a blank description ("  "), export writes it, and it
      // names one token as well as any other (an unset ${VAR} is already an error in a file).
      description: nameField('what the token is for; it names the token here, so keep it unique', () => undefined),
      permissions: permissionsField('db:NAMES:read,write (db:* for all databases); the shorthands of the command line are not taken here', wirePermissions, 'update'),
      expiry: expiryField('never, a duration from creation (1y), or an RFC 3339 time; a token whose expiry differs is replaced'),
    },
    dependsOn: (item) => permissionDatabases(item.permissions),
    async read() {
      const now = Date.now();
      const { items } = await ops.tokens.list({});
      return (items as ManagementToken[]).map((t): ExistingResource => ({
        item: {
          description: t.description,
          permissions: formatPermissions(fromWire(t.permissions)),
          ...(t.expiresAt ? { expiry: isoSeconds(new Date(t.expiresAt)) } : {}),
        },
        ref: t.id,
        stale: expired(t.expiresAt ?? undefined, now),
      }));
    },
    async create(item) {
      const expiry = expiryOf(item.expiry);
      const created = await ops.tokens.create({
        description: String(item.description),
        blankDescription: true,
        permissions: permissionSet(item.permissions),
        permissionsGiven: true,
        ...(expiry ? { expiry } : {}),
      });
      return { secret: created.secret };
    },
    async update(existing, item) {
      await ops.tokens.update!(existing.ref!, { permissions: permissionSet(item.permissions) });
    },
    remove: (existing) => removeOne(ops.tokens.removal([existing.ref!])),
  };

  return [databases, tables, tokens];
}

/** The limits and retention of an item that are among `fields`, in the vocabulary's units. */
function settings(item: ResourceItem, fields: readonly string[]): DatabaseChanges {
  const changes: DatabaseChanges = {};
  if (fields.includes('retentionPeriod') && item.retentionPeriod !== undefined) changes.retentionPeriod = retentionNs(item.retentionPeriod);
  if (fields.includes('maxTables') && item.maxTables !== undefined) changes.maxTables = Number(item.maxTables);
  if (fields.includes('maxColumnsPerTable') && item.maxColumnsPerTable !== undefined) changes.maxColumnsPerTable = Number(item.maxColumnsPerTable);
  return changes;
}
