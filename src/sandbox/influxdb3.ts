// InfluxDB 3 Core / Enterprise (`/ping`, `/api/v3/configure/database|table`, `/api/v3/query_sql`) as the
// real server behaves (reference influxdb3.md §8–9): 200 with empty bodies on success, plain-text
// errors where the server sends plain text, `{"error": …}` for name validation, soft deletes that
// rename to `<name>-<YYYYMMDDTHHMMSS>`, and hard-delete times. query_sql answers only the statements
// influxadm sends; anything else is a 400 that says so.

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { LIST_TABLES_SQL, LIST_TOKENS_SQL } from '../products/influxdb3/sql.js';
import { FIELD_TYPES } from '../products/influxdb3/inputs.js';
import { parseTimestamp } from '../input/timestamp.js';
import type { Reply, SandboxApi } from './api.js';

export type Build = 'core' | 'enterprise';

export interface V3Table {
  name: string;
  tags: string[];
  fields: Array<{ name: string; type: string }>;
  retentionPeriod?: string | null;
  deleted?: boolean;
  hardDeleteAt?: string;
}

export interface V3Database {
  name: string;
  retentionPeriod: string | null;
  deleted?: boolean;
  hardDeleteAt?: string;
  tables: V3Table[];
}

export interface V3Token {
  id: number;
  name: string;
  /** SHA-512 hex of the token string; the string itself is never kept. */
  hash: string;
  createdAt: number;
  /** Epoch ms, or null for never. */
  expiry: number | null;
  permissions: string;
  updatedAt?: number;
}

export interface V3State {
  databases: V3Database[];
  tokens?: V3Token[];
  nextTokenId?: number;
  /** Hashes of tokens this sandbox minted and then deleted or regenerated: they never work again. */
  retired?: string[];
}

const DEFAULT_HARD_DELETE_MS = 7 * 24 * 3600 * 1000;
const PROCESS_ID = randomUUID();

const text = (status: number, body: string): Reply => ({ status, body });
const jsonError = (status: number, message: string): Reply => ({ status, body: { error: message } });
const notFound = (what: string) => text(404, `the requested resource was not found: ${what}`);

function newV3State(): V3State {
  return { databases: [] };
}

/** `/ping` and `/api/v3/…`, played as Core or Enterprise. InfluxDB 3 takes `Bearer` or `Token`. */
export function influxdb3Api(build: Build): SandboxApi<V3State> {
  return {
    key: 'influxdb3',
    owns: (path) => path === '/ping' || path.startsWith('/api/v3/'),
    fresh: newV3State,
    handle(state, request, context) {
      const token = /^(?:Bearer|Token) (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      const path = request.url.pathname;
      // Minting the operator token is the one request the server takes without authentication.
      const open = request.method === 'POST' && path === '/api/v3/configure/token/admin';
      if (!open && !authenticate(state, token, context.strictToken, context.now())) return jsonError(401, 'the request was not authenticated');
      if (JSON_BODY_ROUTES.has(`${request.method} ${path}`) && !isJsonContentType(request.headers['content-type'])) {
        return text(415, 'unacceptable content-type, expected: application/json');
      }
      return handleInfluxDb3(state, build, request.method, path, request.url.searchParams, request.json, request.raw);
    },
  };
}

/**
 * The routes whose handler reads its body with the server's `read_body_json` (influxdb3_server http.rs:
 * create/update database, create table, named admin token), which refuses anything but a JSON content type
 * with a 415 before it reads a byte (reference influxdb3.md §3.6, §9.1). Without this check a client that
 * forgot the header passed here and failed on a real server.
 */
const JSON_BODY_ROUTES = new Set([
  'POST /api/v3/configure/database',
  'PUT /api/v3/configure/database',
  'POST /api/v3/configure/table',
  'POST /api/v3/configure/token/named_admin',
]);

/** The server's json_content_type: `application/json` or `application/<anything>+json`, parameters allowed. */
function isJsonContentType(value: string | undefined): boolean {
  const subtype = /^\s*application\/([^;\s]+)\s*(?:;|$)/i.exec(value ?? '')?.[1]?.toLowerCase();
  return subtype !== undefined && (subtype === 'json' || subtype.endsWith('+json'));
}

/**
 * Authentication as the server does it for tokens this sandbox minted (unknown or expired → 401);
 * any other non-empty token is accepted, or only `strict` when the sandbox was given --token.
 */
function authenticate(state: V3State, token: string | undefined, strict: string | undefined, now: number): boolean {
  if (!token) return false;
  const hash = sha512(token);
  if (state.retired?.includes(hash)) return false;
  const known = (state.tokens ?? []).find((t) => t.hash === hash);
  if (known) return known.expiry === null || known.expiry > now;
  return strict === undefined || token === strict;
}

function handleInfluxDb3(state: V3State, build: Build, method: string, path: string, query: URLSearchParams, body: unknown, rawBody: string): Reply {
  if (path === '/ping') {
    return {
      status: 200,
      body: { version: '3.10.0', revision: 'sandbox', process_id: PROCESS_ID },
      headers: { 'x-influxdb-version': '3.10.0', 'x-influxdb-build': build === 'core' ? 'Core' : 'Enterprise' },
    };
  }
  const needsBody = method === 'POST' || method === 'PUT';
  if (needsBody && rawBody !== '' && body === undefined) return text(400, 'serde json error: expected value at line 1 column 1');
  const input = (body ?? {}) as Record<string, unknown>;

  switch (`${method} ${path}`) {
    case 'GET /api/v3/configure/database':
      return showDatabases(state, query);
    case 'POST /api/v3/configure/database':
      return createDatabase(state, input);
    case 'PUT /api/v3/configure/database':
      return updateDatabase(state, input);
    case 'DELETE /api/v3/configure/database':
      return deleteDatabase(state, query);
    case 'POST /api/v3/configure/table':
      return createTable(state, build, input);
    case 'DELETE /api/v3/configure/table':
      return deleteTable(state, query);
    case 'POST /api/v3/enterprise/configure/table/retention_period':
    case 'DELETE /api/v3/enterprise/configure/table/retention_period':
      return build === 'enterprise' ? setTableRetention(state, query, method === 'POST') : text(404, 'Not found');
    case 'POST /api/v3/query_sql':
      return querySql(state, build, input);
    case 'POST /api/v3/configure/token/admin':
      return createOperatorToken(state);
    case 'POST /api/v3/configure/token/admin/regenerate':
      return regenerateOperatorToken(state);
    case 'POST /api/v3/configure/token/named_admin':
      return createNamedAdminToken(state, input);
    case 'POST /api/v3/enterprise/configure/token':
      return build === 'enterprise' ? createResourceToken(state, input) : text(404, 'Not found');
    case 'DELETE /api/v3/configure/token':
      return deleteToken(state, query);
    default:
      return text(404, 'Not found');
  }
}

/** The server's own database-name rule (influxdb3_catalog validate_db_name). */
function dbNameError(name: string): string | undefined {
  if (name === '') return 'db name cannot be empty';
  if (Buffer.byteLength(name) > 511) return 'db name too long: max 511';
  if (!/^[A-Za-z0-9]/.test(name)) return 'db name did not start with a number or letter';
  const [db, rp, ...more] = name.split('/');
  if (more.length > 0 || rp === '') return "db name with invalid retention policy, if providing a retention policy name, must be of form '<db_name>/<rp_name>'";
  if (![db, rp].every((part) => part === undefined || /^[A-Za-z0-9_-]+$/.test(part))) {
    return 'invalid character in database or rp name: must be ASCII, containing only letters, numbers, underscores, or hyphens';
  }
  return undefined;
}

const live = (state: V3State, name: string) => state.databases.find((d) => d.name === name && !d.deleted);
const any = (state: V3State, name: string) => state.databases.find((d) => d.name === name);

function showDatabases(state: V3State, query: URLSearchParams): Reply {
  const format = query.get('format');
  if (!format) return text(400, "missing query parameters 'format'");
  const showDeleted = query.get('show_deleted') === 'true';
  const rows = [{ name: '_internal', deleted: false }, ...state.databases.map((d) => ({ name: d.name, deleted: d.deleted === true }))]
    .filter((d) => showDeleted || !d.deleted)
    .sort((a, b) => Number(a.deleted) - Number(b.deleted) || a.name.localeCompare(b.name))
    .map((d) => (showDeleted ? { 'iox::database': d.name, deleted: d.deleted } : { 'iox::database': d.name }));
  return formatRows(rows, format);
}

function createDatabase(state: V3State, input: Record<string, unknown>): Reply {
  if (typeof input.db !== 'string') return text(400, 'serde json error: missing field `db`');
  const invalid = dbNameError(input.db);
  if (invalid) return jsonError(400, invalid);
  const retention = retentionOf(input.retention_period);
  if (typeof retention === 'object' && retention !== null) return retention;
  if (live(state, input.db)) return text(409, 'attempted to create a resource that already exists');
  state.databases.push({ name: input.db, retentionPeriod: retention, tables: [] });
  return { status: 200 };
}

function updateDatabase(state: V3State, input: Record<string, unknown>): Reply {
  if (typeof input.db !== 'string') return text(400, 'serde json error: missing field `db`');
  const retention = retentionOf(input.retention_period);
  if (typeof retention === 'object' && retention !== null) return retention;
  const db = live(state, input.db);
  if (!db) return notFound(input.db);
  db.retentionPeriod = retention;
  return { status: 200 };
}

function deleteDatabase(state: V3State, query: URLSearchParams): Reply {
  const name = query.get('db');
  if (!name) return text(400, "missing query parameters 'db'");
  const hard = hardDeleteTime(query.get('hard_delete_at'));
  if (typeof hard === 'object') return hard;
  const db = any(state, name);
  if (!db) return notFound(name);
  if (db.deleted) return text(409, `attempted to modify resource that was already deleted: ${name}`);
  if (query.get('data_only') === 'true') {
    // Data only: the schema stays; with remove_tables the tables go as well.
    if (query.get('remove_tables') === 'true') db.tables = [];
    return { status: 200 };
  }
  return softDelete(state.databases, db, hard);
}

function createTable(state: V3State, build: Build, input: Record<string, unknown>): Reply {
  for (const field of ['db', 'table', 'tags', 'fields']) {
    if (input[field] === undefined) return text(400, `serde json error: missing field \`${field}\``);
  }
  const { db: dbName, table, tags, fields } = input;
  if (typeof dbName !== 'string' || typeof table !== 'string' || table === '') return text(400, 'serde json error: db and table must be strings');
  // The server's create_table runs validate_db_name before it looks the database up: a bad name is a 400.
  const badName = dbNameError(dbName);
  if (badName) return jsonError(400, badName);
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string' && t !== '')) return text(400, 'serde json error: tags must be an array of strings');
  if (!Array.isArray(fields)) return text(400, 'serde json error: fields must be an array');
  for (const f of fields as Array<Record<string, unknown>>) {
    if (typeof f?.name !== 'string' || typeof f.type !== 'string') return text(400, 'serde json error: a field needs a name and a type');
    if (!(FIELD_TYPES as readonly string[]).includes(f.type)) return text(400, `serde json error: unknown variant \`${f.type}\`, expected one of ${FIELD_TYPES.map((t) => `\`${t}\``).join(', ')}`);
  }
  let retention: string | null | undefined;
  if (build === 'enterprise' && input.retention_period !== undefined) {
    const parsed = retentionOf(input.retention_period);
    if (typeof parsed === 'object' && parsed !== null) return parsed;
    retention = parsed;
  }
  const db = live(state, dbName);
  if (!db) return notFound(dbName);
  if (db.tables.some((t) => t.name === table && !t.deleted)) return text(409, 'attempted to create a resource that already exists');
  db.tables.push({ name: table, tags: tags as string[], fields: fields as V3Table['fields'], ...(retention !== undefined ? { retentionPeriod: retention } : {}) });
  return { status: 200 };
}

function deleteTable(state: V3State, query: URLSearchParams): Reply {
  const dbName = query.get('db');
  const name = query.get('table');
  if (!dbName || !name) return text(400, "missing query parameters 'db' or 'table'");
  const hard = hardDeleteTime(query.get('hard_delete_at'));
  if (typeof hard === 'object') return hard;
  const db = live(state, dbName);
  if (!db) return notFound(dbName);
  const table = db.tables.find((t) => t.name === name);
  if (!table) return notFound(`${dbName}.${name}`);
  if (table.deleted) return text(409, `attempted to modify resource that was already deleted: ${name}`);
  if (query.get('data_only') === 'true') return { status: 200 };
  return softDelete(db.tables, table, hard);
}

/** Enterprise: POST sets a table's own retention (`duration`, humantime), DELETE clears it; 204 either way. */
function setTableRetention(state: V3State, query: URLSearchParams, set: boolean): Reply {
  const dbName = query.get('db');
  const name = query.get('table');
  const duration = query.get('duration');
  if (!dbName || !name || (set && duration === null)) return text(400, `missing query parameters 'db', 'table'${set ? " or 'duration'" : ''}`);
  const retention = set ? retentionOf(duration) : null;
  if (typeof retention === 'object' && retention !== null) return retention;
  const db = live(state, dbName);
  if (!db) return notFound(dbName);
  const table = db.tables.find((t) => t.name === name && !t.deleted);
  if (!table) return notFound(`${dbName}.${name}`);
  table.retentionPeriod = retention;
  return { status: 204 };
}

function querySql(state: V3State, build: Build, input: Record<string, unknown>): Reply {
  if (typeof input.db !== 'string' || typeof input.q !== 'string') return text(400, 'serde json error: missing field `db` or `q`');
  const sql = input.q.replace(/\s+/g, ' ').trim();
  const format = typeof input.format === 'string' ? input.format : 'json';
  if (input.db === '_internal' && sql === LIST_TOKENS_SQL) return formatRows(tokenRows(state, build), format);
  if (sql !== LIST_TABLES_SQL) return text(400, `the sandbox answers only the queries influxadm sends, not: ${sql}`);
  const db = live(state, input.db);
  if (!db) return text(404, `database not found: ${input.db}`);
  const rows = db.tables.map((t) => ({ table_name: t.name })).sort((a, b) => a.table_name.localeCompare(b.table_name));
  return formatRows(rows, format);
}

// Tokens (reference influxdb3.md §2–7): names unique across all kinds, the operator token `_admin`
// once, 201 with {id,name,token,hash,created_at,expiry}, plain-text conflicts.

const sha512 = (token: string) => createHash('sha512').update(token).digest('hex');
const newTokenString = () => `apiv3_${randomBytes(64).toString('base64url')}`;

function mint(state: V3State, name: string, expirySecs: number | null, permissions: string): Reply {
  state.tokens ??= [];
  if (state.tokens.some((t) => t.name === name)) return text(409, `token name already exists, ${name}`);
  const token = newTokenString();
  const record: V3Token = {
    id: state.nextTokenId ?? 0,
    name,
    hash: sha512(token),
    createdAt: Date.now(),
    expiry: expirySecs === null ? null : Date.now() + expirySecs * 1000,
    permissions,
  };
  state.nextTokenId = record.id + 1;
  state.tokens.push(record);
  return { status: 201, body: tokenObject(record, token) };
}

function tokenObject(t: V3Token, token: string): Record<string, unknown> {
  return { id: t.id, name: t.name, token, hash: t.hash, created_at: new Date(t.createdAt).toISOString(), expiry: t.expiry === null ? null : new Date(t.expiry).toISOString() };
}

function createOperatorToken(state: V3State): Reply {
  return mint(state, '_admin', null, '*:*:*');
}

function regenerateOperatorToken(state: V3State): Reply {
  const operator = state.tokens?.find((t) => t.name === '_admin');
  if (!operator) return text(500, 'missing admin token, cannot update');
  const token = newTokenString();
  (state.retired ??= []).push(operator.hash);
  operator.hash = sha512(token);
  operator.updatedAt = Date.now();
  return { status: 201, body: tokenObject(operator, token) };
}

function expirySecs(value: unknown): number | null | Reply {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return text(400, 'serde json error: expiry_secs must be a whole number of seconds');
  return value;
}

function createNamedAdminToken(state: V3State, input: Record<string, unknown>): Reply {
  if (typeof input.token_name !== 'string' || input.token_name === '') return text(400, 'serde json error: missing field `token_name`');
  const secs = expirySecs(input.expiry_secs);
  if (typeof secs === 'object' && secs !== null) return secs;
  return mint(state, input.token_name, secs, '*:*:*');
}

const SYSTEM_RESOURCES = ['health', 'metrics', 'ping', 'ready'];
const ACTIONS: Record<string, string[]> = { db: ['create', 'describe', 'read', 'write', 'delete'], system: ['read'] };

function createResourceToken(state: V3State, input: Record<string, unknown>): Reply {
  if (typeof input.token_name !== 'string' || input.token_name === '') return text(400, 'serde json error: missing field `token_name`');
  if (!Array.isArray(input.permissions)) return text(400, 'serde json error: missing field `permissions`');
  const specs: string[] = [];
  for (const raw of input.permissions as Array<Record<string, unknown>>) {
    if (raw?.resource_names === undefined) return text(400, 'serde json error: missing field `resource_names`');
    const { resource_type: type, resource_names: names, actions } = raw;
    if (!Array.isArray(names) || !Array.isArray(actions)) return text(400, 'serde json error: resource_names and actions must be arrays');
    const invalid = (detail: string) => text(400, `cannot parse token permission, ${detail}`);
    if (type !== 'db' && type !== 'system') return invalid(`resource type not supported ${String(type)}`);
    if (names.includes('*') && names.length > 1) return invalid('mixed wildcard (*) and resource name');
    for (const name of names as string[]) {
      if (name === '*') continue;
      const exists = type === 'db' ? live(state, name) !== undefined : SYSTEM_RESOURCES.includes(name);
      if (!exists) return invalid(`invalid resource name ${name}`);
    }
    const bad = (actions as string[]).find((a) => !ACTIONS[type]!.includes(a));
    if (bad !== undefined) return invalid(`action not supported, ${type === 'db' ? 'database' : 'system'} action ${bad}`);
    specs.push(`${type}:${(names as string[]).join(',')}:${(actions as string[]).join(',')}`);
  }
  const secs = expirySecs(input.expiry_secs);
  if (typeof secs === 'object' && secs !== null) return secs;
  return mint(state, input.token_name, secs, specs.join(' '));
}

function deleteToken(state: V3State, query: URLSearchParams): Reply {
  const name = query.get('token_name');
  if (!name) return text(400, 'serde error: missing field `token_name`');
  if (name === '_admin') return text(405, 'cannot delete operator token');
  const tokens = state.tokens ?? [];
  const index = tokens.findIndex((t) => t.name === name);
  if (index < 0) return notFound(name);
  (state.retired ??= []).push(tokens[index]!.hash);
  tokens.splice(index, 1);
  return { status: 200 };
}

/** system.tokens as the Arrow JSON writer prints it: zone-less timestamps, null columns left out. */
function tokenRows(state: V3State, build: Build): Array<Record<string, unknown>> {
  const ts = (ms: number) => new Date(ms).toISOString().replace('Z', '');
  return (state.tokens ?? []).map((t) => ({
    token_id: t.id,
    name: t.name,
    hash: t.hash.slice(0, 9),
    created_at: ts(t.createdAt),
    ...(t.updatedAt ? { updated_at: ts(t.updatedAt) } : {}),
    ...(t.expiry === null ? {} : { expiry: ts(t.expiry) }),
    permissions: build === 'core' ? '*:*:*' : t.permissions,
  }));
}

/** A humantime retention string, `null`/absent for none; or the error reply. */
function retentionOf(value: unknown): string | null | Reply {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') return text(400, 'serde json error: retention_period must be a string');
  const invalid = humantimeError(value);
  return invalid === undefined ? value : text(400, `Cannot parse the given human time: ${invalid}`);
}

// The server parses durations with humantime 2.3 (reference influxdb3.md §5), which is stricter than
// influxadm's own grammar: units are case-sensitive, `m` is minutes and `M` months, and `mo`, `none` and
// `infinite` are not units at all. The sandbox checks with humantime's rules, not the client's, so that a
// client sending what only the client understands is caught here.
const HUMANTIME_UNITS = new Set([
  'nanos', 'nsec', 'ns', 'usec', 'us', 'µs', 'millis', 'msec', 'ms', 'seconds', 'second', 'secs', 'sec', 's',
  'minutes', 'minute', 'mins', 'min', 'm', 'hours', 'hour', 'hrs', 'hr', 'h', 'days', 'day', 'd',
  'weeks', 'week', 'wks', 'wk', 'w', 'months', 'month', 'M', 'years', 'year', 'yrs', 'yr', 'y',
]);

/** Why humantime would refuse `value`, or undefined when it takes it. */
function humantimeError(value: string): string | undefined {
  const text = value.trim();
  if (text === '') return 'value was empty';
  if (text === '0') return undefined;
  const span = /(\d+(?:\.\d+)?)\s*([^\d\s.]*)\s*/y;
  for (let at = 0; at < text.length;) {
    span.lastIndex = at;
    const match = span.exec(text);
    if (!match) return `expected number at ${at}`;
    const unit = match[2]!;
    if (unit === '') return 'time unit needed, for example 5sec or 5ms';
    if (!HUMANTIME_UNITS.has(unit)) return `unknown time unit "${unit}", supported units: ns, us/µs, ms, sec, min, hours, days, weeks, months, years (and few variations)`;
    at = span.lastIndex;
  }
  return undefined;
}

/** `hard_delete_at`: never, now, default or RFC 3339 (a past time means now). */
function hardDeleteTime(value: string | null): string | undefined | Reply {
  if (value === null || value === 'never') return undefined;
  if (value === 'now') return 'now';
  if (value === 'default') return new Date(Date.now() + DEFAULT_HARD_DELETE_MS).toISOString();
  try {
    const at = parseTimestamp(value);
    return at.getTime() <= Date.now() ? 'now' : at.toISOString();
  } catch (e) {
    return text(400, `Cannot parse the timestamp: ${(e as Error).message}`);
  }
}

/** `now` removes it; otherwise it is marked deleted and renamed `<name>-<YYYYMMDDTHHMMSS>`, as the server does. */
function softDelete<T extends { name: string; deleted?: boolean; hardDeleteAt?: string }>(list: T[], item: T, hard: string | undefined): Reply {
  if (hard === 'now') {
    list.splice(list.indexOf(item), 1);
    return { status: 200 };
  }
  item.deleted = true;
  item.name = `${item.name}-${stamp()}`;
  if (hard) item.hardDeleteAt = hard;
  return { status: 200 };
}

function stamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
}

function formatRows(rows: Array<Record<string, unknown>>, format: string): Reply {
  switch (format) {
    case 'json':
      return { status: 200, body: rows };
    case 'jsonl':
    case 'json_lines':
      return text(200, rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : ''));
    case 'csv': {
      const headers = Object.keys(rows[0] ?? {});
      return text(200, [headers.join(','), ...rows.map((r) => headers.map((h) => String(r[h] ?? '')).join(','))].join('\n') + '\n');
    }
    case 'pretty':
      return text(200, rows.map((r) => Object.values(r).join(' | ')).join('\n') + '\n');
    default:
      return text(400, `the sandbox cannot produce format "${format}"`);
  }
}
