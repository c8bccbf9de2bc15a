// The InfluxDB 3 Core/Enterprise backend (`/api/v3`): databases, tables and tokens. Enterprise-only flags
// arrive here only on Enterprise (the capability check refused them on Core).

import { asUsage, usageError } from '../../errors.js';
import { formatHumantime, formatRetention } from '../../input/duration.js';
import { expirySeconds } from '../../input/expiry.js';
import { likeMatcher } from '../../input/like.js';
import { probeWith } from '../probe.js';
import type { Backend, DatabaseOps, Session, TableOps, TokenOps } from '../types.js';
// The client (and with it the HTTP layer and the response schemas) loads on the first request, so input
// refused before one costs none of it.
import type { InfluxDb3Client, InfluxDb3CreatedToken, InfluxDb3Token } from './client.js';
import { checkDatabaseName, checkExistingName, checkIdentifier, OPERATOR, parseFields, parseHardDelete, parseTags, SOFT_DELETED_SUFFIX } from './inputs.js';
import { wirePermissions } from './permissions.js';
import {
  CREATED_TABLE_COLUMNS, CREATED_TOKEN_COLUMNS, DATABASE_COLUMNS, databaseSettings, SETTINGS_COLUMNS, TABLE_COLUMNS, TABLE_SETTINGS_COLUMNS, TOKEN_COLUMNS, tokenJson,
  type CreatedTable, type TableRow, type TableSettings,
} from './views.js';

export function createBackend(session: Session): Backend {
  const clients = new Map<boolean, Promise<InfluxDb3Client>>();
  const client = (tokenOptional = false) => {
    let opened = clients.get(tokenOptional);
    if (!opened) clients.set(tokenOptional, (opened = Promise.all([session.http({ tokenOptional }), import('./client.js')]).then(([http, { InfluxDb3Client }]) => new InfluxDb3Client(http))));
    return opened;
  };
  const dbName = (name: string, what = 'database name') => asUsage(() => checkDatabaseName(name, what));
  const tableName = (name: string) => asUsage(() => checkIdentifier(name, 'table name'));
  // Deleting names what the server holds: creation's rules do not apply (see checkExistingName).
  const existingName = (name: string, what: string) => asUsage(() => checkExistingName(name, what));
  const hardDeleteAt = (text: string | undefined) => (text === undefined ? undefined : asUsage(() => parseHardDelete(text)));
  // Humantime's y and M are 365.25 and 30.44 days; whole days keep what the user asked for.
  const humantime = (ns: bigint) => (ns === 0n ? null : formatHumantime(ns));

  const databases: DatabaseOps = {
    checkName: dbName,
    async list(options) {
      const items = await (await client()).listDatabases(options.showDeleted === true);
      return { items, columns: options.showDeleted ? DATABASE_COLUMNS : DATABASE_COLUMNS.slice(0, 1), json: (d) => d };
    },
    async create(spec) {
      const name = dbName(spec.name);
      const retention = spec.retentionPeriod === undefined ? undefined : humantime(spec.retentionPeriod) ?? undefined;
      await (await client()).createDatabase(name, retention);
      const settings = databaseSettings(name, spec.retentionPeriod);
      return { item: settings, columns: SETTINGS_COLUMNS, json: settings, name };
    },
    async update(name, changes) {
      const checked = dbName(name);
      if (changes.retentionPeriod === undefined) throw usageError('nothing to update', 'pass --retention-period D (or none)');
      await (await client()).updateDatabase(checked, humantime(changes.retentionPeriod));
      const settings = databaseSettings(checked, changes.retentionPeriod);
      return { item: settings, columns: SETTINGS_COLUMNS, json: settings, name: checked };
    },
    async removal(names, options) {
      const checked = [...new Set(names.map((n) => dbName(n)))];
      const at = hardDeleteAt(options.hardDelete);
      const api = await client();
      return {
        names: checked,
        label: (n) => `${options.dataOnly ? 'the data of ' : ''}database "${n}"${at === 'now' ? ' for good' : ''}`,
        remove: (n) => api.deleteDatabase(n, { hardDeleteAt: at, dataOnly: options.dataOnly, removeTables: options.removeTables }),
      };
    },
  };

  const tables: TableOps = {
    checkName: tableName,
    async create(spec) {
      const db = dbName(spec.database);
      const name = tableName(spec.name);
      const tags = asUsage(() => parseTags(spec.tags ?? []));
      const fields = asUsage(() => parseFields(spec.fields ?? []));
      const clash = fields.find((f) => tags.includes(f.name));
      if (clash) throw usageError(`"${clash.name}" is given as both a tag and a field`);
      const retention = spec.retentionPeriod === undefined ? undefined : humantime(spec.retentionPeriod) ?? undefined;
      await (await client()).createTable(db, name, { tags, fields, retentionPeriod: retention });
      const created: CreatedTable = { database: db, name, tags, fields };
      if (spec.retentionPeriod !== undefined) {
        Object.assign(created, { retentionPeriod: spec.retentionPeriod, retentionPeriodHuman: formatRetention(spec.retentionPeriod) });
      }
      return { item: created, columns: CREATED_TABLE_COLUMNS, json: created, name };
    },
    async list(database, options) {
      const db = dbName(database);
      const names = await (await client()).listTables(db);
      const items: TableRow[] = names
        .map((name) => ({ database: db, name, deleted: SOFT_DELETED_SUFFIX.test(name) }))
        .filter((row) => options.showDeleted || !row.deleted);
      return { items, columns: options.showDeleted ? TABLE_COLUMNS : TABLE_COLUMNS.slice(0, 1), json: (t) => t };
    },
    async update(database, name, changes) {
      const db = dbName(database);
      // It names a table the server holds: creation's rules do not apply.
      const table = existingName(name, 'table name');
      const ns = changes.retentionPeriod;
      await (await client()).setTableRetention(db, table, humantime(ns));
      const settings: TableSettings = ns === 0n
        ? { database: db, name: table, retentionPeriod: null }
        : { database: db, name: table, retentionPeriod: ns, retentionPeriodHuman: formatRetention(ns) };
      return { item: settings, columns: TABLE_SETTINGS_COLUMNS, json: settings, name: table };
    },
    async removal(database, names, options) {
      const db = dbName(database);
      const checked = [...new Set(names.map((n) => existingName(n, 'table name')))];
      const at = hardDeleteAt(options.hardDelete);
      const api = await client();
      return {
        names: checked,
        label: (t) => `${options.dataOnly ? 'the data of ' : ''}table "${t}" from database "${db}"${at === 'now' ? ' for good' : ''}`,
        remove: (t) => api.deleteTable(db, t, { hardDeleteAt: at, dataOnly: options.dataOnly }),
      };
    },
  };

  const deliver = (created: InfluxDb3CreatedToken, fallbackName: string) => {
    const label = created.name ?? fallbackName;
    return {
      secret: created.token,
      label: `token "${label}"`,
      revokeHint: label === OPERATOR ? 'replace it with: influxadm token regenerate --yes' : `delete it with: influxadm token delete ${label} --yes`,
      row: created,
      fields: CREATED_TOKEN_COLUMNS,
      json: { ...created },
      secretKey: 'token',
    };
  };

  const tokens: TokenOps = {
    async create(request) {
      if (request.description !== undefined) throw usageError(`${session.target.product} tokens have names, not descriptions: use --name NAME`);
      const name = request.name === undefined ? undefined : asUsage(() => checkIdentifier(request.name!, 'token name'));
      const secs = request.expiry ? expirySeconds(request.expiry) : undefined;
      let create: (api: InfluxDb3Client) => Promise<InfluxDb3CreatedToken>;
      if (request.admin) {
        if (request.permissionsGiven) throw usageError('an admin token has every permission; drop --admin to create a token with --permission');
        if (name === undefined) {
          if (request.expiry) throw usageError('the operator token never expires; --expiry and --expires-at apply to named tokens (--name)');
          create = (api) => api.createOperatorToken();
        } else {
          if (name === OPERATOR) throw usageError(`"${OPERATOR}" is the operator token's name; create it with --admin alone`);
          create = (api) => api.createNamedAdminToken(name, secs);
        }
      } else {
        if (!request.permissionsGiven) {
          throw usageError('say what kind of token: --admin, or --permission', 'influxadm token create --admin [--name N]   or   --name N --permission db:mydb:read');
        }
        if (name === undefined) throw usageError('a token with --permission needs --name NAME');
        const body = wirePermissions(request.permissions);
        create = (api) => api.createResourceToken(name, body, secs);
      }
      // Only the operator token can be minted (or regenerated) without one (a fresh server has no token yet).
      const operator = request.admin === true && name === undefined;
      return deliver(await create(await client(operator)), name ?? OPERATOR);
    },
    async list(filters) {
      // system.tokens is read whole and filtered here: no user text ever becomes SQL.
      const matches = filters.nameLike === undefined ? () => true : likeMatcher(filters.nameLike);
      const keep = (t: InfluxDb3Token) => (!filters.adminOnly || t.permissions === '*:*:*') && (!filters.expired || t.expired) && matches(t.name);
      const items = (await (await client()).listTokens()).filter(keep);
      return { items, columns: TOKEN_COLUMNS, json: tokenJson };
    },
    async removal(names) {
      const checked = [...new Set(names.map((n) => existingName(n, 'token name')))];
      if (checked.includes(OPERATOR)) throw usageError(`the operator token "${OPERATOR}" cannot be deleted`, 'to replace it, run: influxadm token regenerate');
      const api = await client();
      return {
        names: checked,
        label: (n) => `token "${n}"`,
        question: `Delete ${checked.length === 1 ? 'token' : 'tokens'} ${checked.map((n) => `"${n}"`).join(', ')}? This cannot be undone.`,
        remove: (n) => api.deleteToken(n),
      };
    },
    async regenerate() {
      // Without a token too: the recovery endpoint takes none (the main server then answers 401).
      const created = await (await client(true)).regenerateOperatorToken();
      return { ...deliver(created, OPERATOR), label: 'the new operator token', revokeHint: 'regenerate it again with: influxadm token regenerate --yes' };
    },
  };

  return {
    databases,
    tables,
    tokens,
    resources: async () => (await import('./resources.js')).influxdb3Resources(session.target.product, { databases, tables, tokens }),
    async probe() {
      return probeWith(await session.http(), { method: 'GET', path: '/api/v3/configure/database', query: { format: 'json' }, what: 'checking the token' });
    },
  };
}
