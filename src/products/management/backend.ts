// The Management API backend (Cloud Dedicated and Clustered): databases, tables and database tokens.
// Every input is checked by this API's rules before the client is opened, so bad input never reaches it.

import { asUsage, CliError, ExitCode, usageError } from '../../errors.js';
import { checkUuid } from '../../input/names.js';
import { difference, union, type PermissionSet } from '../../input/permission.js';
import { probeWith } from '../probe.js';
import type { Backend, DatabaseOps, Removal, Session, Shown, TableOps, TokenOps } from '../types.js';
// The client (and with it the HTTP layer and the response schemas) loads on the first request, so input
// refused before one costs none of it.
import type { DatabaseSettings, ManagementClient } from './client.js';
import { checkDatabaseName, checkTableName } from './names.js';
import { fromWire, wirePermissions } from './permissions.js';
import type { ManagementDatabase, ManagementTable, ManagementToken } from './schemas.js';
import { databaseColumns, databaseJson, TABLE_COLUMNS, TOKEN_COLUMNS, TOKEN_COLUMNS_WITH_REVOKED } from './views.js';

const INT64_MAX = 9_223_372_036_854_775_807n;
const SORT_KEYS = { id: 'id', description: 'description', created: 'createdAt' } as const;

export function createBackend(session: Session): Backend {
  const { target } = session;
  const where = { product: target.product as 'dedicated' | 'clustered', account: target.account, cluster: target.cluster };
  let opened: Promise<ManagementClient> | undefined;
  const client = () => (opened ??= Promise.all([session.http(), import('./client.js')]).then(([http, { ManagementClient }]) => new ManagementClient(http, where)));

  const dbName = (name: string, what = 'database name') => asUsage(() => checkDatabaseName(name, what));
  const tableName = (name: string, what = 'table name') => asUsage(() => checkTableName(name, what));

  const shownDatabase = (d: ManagementDatabase): Shown<ManagementDatabase> => ({
    item: d, columns: databaseColumns([d]), json: databaseJson(d), name: d.name, ...(d.id !== undefined ? { id: String(d.id) } : {}),
  });
  const shownTable = (t: ManagementTable): Shown<ManagementTable> => ({
    item: t, columns: TABLE_COLUMNS, json: t, name: t.name, ...(t.id !== undefined ? { id: String(t.id) } : {}),
  });
  const shownToken = (t: ManagementToken): Shown<ManagementToken> => ({ item: t, columns: TOKEN_COLUMNS, json: t, name: t.description, id: t.id });

  const databases: DatabaseOps = {
    checkName: dbName,
    async list() {
      const items = await (await client()).listDatabases();
      return { items, columns: databaseColumns(items), json: databaseJson };
    },
    async create(spec) {
      const name = dbName(spec.name);
      const settings: DatabaseSettings = settingsOf(spec);
      if (spec.partitionTemplate) settings.partitionTemplate = spec.partitionTemplate;
      return shownDatabase(await (await client()).createDatabase(name, settings));
    },
    async update(name, changes) {
      const checked = dbName(name);
      return shownDatabase(await (await client()).updateDatabase(checked, settingsOf(changes)));
    },
    async removal(names) {
      const checked = unique(names.map((n) => dbName(n)));
      const api = await client();
      return { names: checked, label: (n) => `database "${n}"`, remove: (n) => api.deleteDatabase(n) };
    },
    async rename(from, to) {
      const old = dbName(from);
      const name = dbName(to, 'new database name');
      // Names are case-sensitive; the same one would be a request that changes nothing but says tokens broke.
      if (name === old) throw usageError(`the database is named "${old}" already; nothing to rename`);
      const renamed = await (await client()).renameDatabase(old, name);
      return shownDatabase(renamed);
    },
    async undelete(idOrName) {
      const id = /^\d+$/.test(idOrName) ? checkedId(idOrName, 'database ID') : undefined;
      const name = id === undefined ? dbName(idOrName) : undefined;
      const api = await client();
      const resolved = id ?? resolveId(await api.listDatabases(), name!);
      const restored = await api.undeleteDatabase(resolved);
      return { ...shownDatabase(restored), id: String(restored.id ?? resolved) };
    },
  };

  const tables: TableOps = {
    checkName: tableName,
    async create(spec) {
      const db = dbName(spec.database);
      const name = tableName(spec.name);
      return shownTable(await (await client()).createTable(db, name, spec.partitionTemplate));
    },
    async removal(database, names) {
      const db = dbName(database);
      const checked = unique(names.map((n) => tableName(n)));
      const api = await client();
      return { names: checked, label: (t) => `table "${t}" from database "${db}"`, remove: (t) => api.deleteTable(db, t) };
    },
    async rename(database, from, to) {
      const db = dbName(database);
      const old = tableName(from);
      const name = tableName(to, 'new table name');
      if (name === old) throw usageError(`the table is named "${old}" already; nothing to rename`);
      return shownTable(await (await client()).renameTable(db, old, name));
    },
    async undelete(database, tableId) {
      const db = dbName(database);
      const id = checkedId(tableId, 'table ID');
      const restored = await (await client()).undeleteTable(db, id);
      return { ...shownTable(restored), id: String(restored.id ?? id) };
    },
  };

  const tokens: TokenOps = {
    async create(request) {
      // influxctl takes the description as the argument; the influxdb3 shape's --name serves as one too.
      const text = request.description ?? request.name;
      if (text === undefined || text === '' || (text.trim() === '' && !request.blankDescription)) throw usageError('a token needs a description', 'influxadm token create "what this token is for" --read-database DB');
      if (request.description !== undefined && request.name !== undefined) throw usageError('give the description once: as the argument (or --description) or with --name');
      const body = { description: text, permissions: wirePermissions(request.permissions), ...(request.expiry ? { expiresAt: request.expiry.at.toISOString() } : {}) };
      if (body.permissions.length === 0) session.notice('note: this token grants nothing (no --permission, --read-database or --write-database)');
      const created = await (await client()).createToken(body);
      const revokeHint = `revoke it with: influxadm token revoke ${created.id} --yes`;
      if (!created.accessToken) throw new CliError(`token ${created.id} was created but the server sent no accessToken`, ExitCode.failure, revokeHint);
      return { secret: created.accessToken, label: `token ${created.id}`, revokeHint, row: created, fields: TOKEN_COLUMNS, json: created, secretKey: 'accessToken' };
    },
    async list(filters) {
      const sort = filters.sort ?? 'id';
      if (!Object.hasOwn(SORT_KEYS, sort)) throw usageError(`--sort ${sort}: sort by ${Object.keys(SORT_KEYS).join(', ')}`);
      const key = SORT_KEYS[sort as keyof typeof SORT_KEYS];
      const items = (await (await client()).listTokens())
        .filter((t) => filters.includeRevoked || !t.revokedAt)
        .sort((a, b) => (a[key] ?? '').localeCompare(b[key] ?? ''));
      return { items, columns: filters.includeRevoked ? TOKEN_COLUMNS_WITH_REVOKED : TOKEN_COLUMNS, json: (t) => t };
    },
    async get(id, options) {
      const checked = asUsage(() => checkUuid(id, 'token ID'));
      const token = await (await client()).getToken(checked);
      if (token.revokedAt && !options.includeRevoked) {
        throw new CliError(`token ${checked} was revoked at ${token.revokedAt}`, ExitCode.notFound, 'pass --include-revoked to show it anyway');
      }
      return { ...shownToken(token), columns: TOKEN_COLUMNS_WITH_REVOKED };
    },
    async update(id, changes) {
      const checked = asUsage(() => checkUuid(id, 'token ID'));
      const body: { description?: string; permissions?: Array<{ action: string; resource: string }> } = {};
      if (changes.description !== undefined) body.description = changes.description;
      if (changes.permissions) body.permissions = wirePermissions(changes.permissions);
      // The edits are checked for this API before anything is read.
      const add: PermissionSet = changes.add ?? [];
      const remove: PermissionSet = changes.remove ?? [];
      wirePermissions(add);
      wirePermissions(remove);
      const api = await client();
      if (add.length > 0 || remove.length > 0) {
        const current = fromWire((await api.getToken(checked)).permissions);
        body.permissions = wirePermissions(difference(union(current, add), remove));
      }
      return shownToken(await api.updateToken(checked, body));
    },
    async removal(ids) {
      const checked = unique(ids.map((id) => asUsage(() => checkUuid(id, 'token ID'))));
      const api = await client();
      return {
        names: checked,
        label: (id) => `token ${id}`,
        verb: 'revoked',
        question: `Revoke ${checked.length === 1 ? 'token' : 'tokens'} ${checked.join(', ')}? This cannot be undone.`,
        async describe() {
          // A token that cannot be read now is named by its ID alone; its revoke will say why.
          const named = await Promise.all(checked.map(async (id) => {
            const description = await api.getToken(id).then((t) => t.description, () => undefined);
            return description ? `"${description}" (${id})` : id;
          }));
          return `Revoke ${checked.length === 1 ? 'token' : 'tokens'} ${named.join(', ')}? This cannot be undone.`;
        },
        remove: (id) => api.revokeToken(id),
      } satisfies Removal;
    },
  };

  return {
    databases,
    tables,
    tokens,
    resources: async () => (await import('./resources.js')).managementResources({ databases, tables, tokens }),
    async probe() {
      const { managementPrefix } = await import('./client.js');
      let prefix: string;
      try {
        prefix = managementPrefix(where);
      } catch (error) {
        return { verdict: 'not checked', detail: (error as Error).message };
      }
      return probeWith(await session.http(), { method: 'GET', path: `${prefix}/databases`, what: 'checking the token' });
    },
  };
}

/** Limits and retention in the API's units; a limit of 0 or an absent one leaves the server's default. */
function settingsOf(spec: { retentionPeriod?: bigint; maxTables?: number; maxColumnsPerTable?: number }): DatabaseSettings {
  const settings: DatabaseSettings = {};
  if (spec.retentionPeriod !== undefined) settings.retentionPeriod = spec.retentionPeriod;
  if (spec.maxTables) settings.maxTables = spec.maxTables;
  if (spec.maxColumnsPerTable) settings.maxColumnsPerTable = spec.maxColumnsPerTable;
  return settings;
}

/** A positive int64, as the Management API's undelete paths take. */
function checkedId(text: string, what: string): string {
  if (!/^\d+$/.test(text)) throw usageError(`the ${what} "${text}" is not a number`);
  const value = BigInt(text);
  if (value < 1n || value > INT64_MAX) throw usageError(`the ${what} ${text} is out of range (1 to ${INT64_MAX})`);
  return value.toString();
}

/** The Management API undeletes by ID; a name works only when the listing carries IDs. */
function resolveId(listing: readonly ManagementDatabase[], name: string): string {
  if (!listing.some((d) => d.id !== undefined)) {
    throw usageError(
      `cannot find the ID of "${name}": this server's database listing carries no IDs`,
      'pass the numeric ID instead (rename and undelete print it; influxctl database list --filter-status deleted shows it)',
    );
  }
  const match = listing.find((d) => d.name === name && d.id !== undefined);
  if (!match) throw new CliError(`no database named "${name}" with an ID in the listing`, ExitCode.notFound, 'pass the numeric ID instead');
  return String(match.id);
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
