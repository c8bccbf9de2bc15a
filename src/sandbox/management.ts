// The Management API (Cloud Dedicated and Clustered) as the specs describe it: validation rules,
// status codes and {code,message} error bodies. Deleted databases and tables are soft-deleted so that
// undelete works; IDs appear only in the responses whose schemas carry them (rename, undelete).
// Revoked tokens stay listed with their revokedAt.

import { randomBytes, randomUUID } from 'node:crypto';
import { UUID } from '../input/names.js';
import { error, pathSegments, type ApiContext, type ApiRequest, type Reply, type SandboxApi } from './api.js';

export interface SandboxTable {
  id: number;
  name: string;
  partitionTemplate?: unknown[];
  deletedAt?: string;
}

export interface SandboxDatabase {
  id: number;
  name: string;
  maxTables: number;
  maxColumnsPerTable: number;
  retentionPeriod: number;
  partitionTemplate?: unknown[];
  deletedAt?: string;
  tables?: SandboxTable[];
}

export interface SandboxToken {
  id: string;
  description: string;
  permissions: Array<{ action: string; resource: string }>;
  createdAt: string;
  expiresAt?: string;
  revokedAt?: string;
}

export interface ManagementScope {
  nextId: number;
  nextTableId?: number;
  databases: SandboxDatabase[];
  tokens?: SandboxToken[];
}

export interface ScopeInfo {
  /** Present for Cloud Dedicated, whose objects carry accountId and clusterId. */
  accountId?: string;
  clusterId?: string;
}

const INT32_MAX = 2_147_483_647;
const DEFAULT_MAX_TABLES = 500;
const DEFAULT_MAX_COLUMNS = 200;

class Invalid extends Error {}

/** Cloud Dedicated scopes are keyed `dedicated/<account>/<cluster>`, Clustered's is `clustered`. */
export type ManagementState = Record<string, ManagementScope>;

/** `/api/v0/…`: Cloud Dedicated below `accounts/{accountId}/clusters/{clusterId}`, Clustered directly. */
export function managementApi(): SandboxApi<ManagementState> {
  return {
    key: 'management',
    owns: (path) => path === '/api/v0' || path.startsWith('/api/v0/'),
    fresh: () => ({}),
    handle: (state, request, context) => handleManagement(state, request, context),
  };
}

function handleManagement(state: ManagementState, request: ApiRequest, context: ApiContext): Reply {
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (!bearer || (context.strictToken !== undefined && bearer !== context.strictToken)) return error(401, 'unauthorized');
  if (request.raw !== '' && request.json === undefined) return error(400, 'request body is not valid JSON');
  // JSON.parse reads a number as a double, which cannot tell int64's top (9223372036854775807, a retention
  // period the spec allows) from what is past it: integers are held to int64 in the text, as the server
  // reads them; one within it stands here as the nearest double (2^63 for the top).
  const past = pastInt64(request.raw);
  if (past !== undefined) return error(400, `the number ${past} is out of range for int64`);
  const { method, json: body } = request;
  const segments = pathSegments(request.url);
  // Cloud Dedicated: /api/v0/accounts/{accountId}/clusters/{clusterId}/databases…
  if (segments[2] === 'accounts') {
    const [, , , accountId = '', clustersWord, clusterId = '', noun = '', ...rest] = segments;
    if (clustersWord !== 'clusters') return error(404, 'not found');
    if (!UUID.test(accountId)) return error(400, 'accountId must be a UUID');
    if (!UUID.test(clusterId)) return error(400, 'clusterId must be a UUID');
    const key = `dedicated/${accountId.toLowerCase()}/${clusterId.toLowerCase()}`;
    state[key] ??= newScope();
    return nouns(state[key], { accountId, clusterId }, noun, method, rest, body);
  }
  // Clustered: /api/v0/databases…, /api/v0/tokens…
  state.clustered ??= newScope();
  return nouns(state.clustered, {}, segments[2] ?? '', method, segments.slice(3), body);
}

function nouns(scope: ManagementScope, info: ScopeInfo, noun: string, method: string, rest: string[], body: unknown): Reply {
  if (noun === 'databases') return handleDatabases(scope, info, method, rest, body);
  if (noun === 'tokens') return handleTokens(scope, info, method, rest, body, () => `apiv1_${randomBytes(48).toString('base64url')}`);
  return error(404, 'not found');
}

/** Handles `/tokens…` below a scope. Revoked tokens stay listed with revokedAt; the client filters. */
function handleTokens(scope: ManagementScope, info: ScopeInfo, method: string, rest: string[], body: unknown, newSecret: () => string): Reply {
  try {
    return tokenRoute(scope, info, method, rest, body, newSecret);
  } catch (e) {
    if (e instanceof Invalid) return error(400, e.message);
    throw e;
  }
}

function tokenRoute(scope: ManagementScope, info: ScopeInfo, method: string, rest: string[], body: unknown, newSecret: () => string): Reply {
  scope.tokens ??= [];
  const tokens = scope.tokens;
  const view = (t: SandboxToken) => ({ ...(info.accountId ? { accountId: info.accountId, clusterId: info.clusterId } : {}), ...t });
  const [id, ...extra] = rest;
  if (extra.length > 0) return error(404, 'not found');
  if (id === undefined) {
    if (method === 'GET') return { status: 200, body: tokens.map(view) };
    if (method !== 'POST') return error(405, 'method not allowed');
    const input = object(body);
    if (typeof input.description !== 'string') throw new Invalid('description is required and must be a string');
    const token: SandboxToken = {
      id: randomUUID(),
      description: input.description,
      permissions: permissions(input.permissions ?? []),
      createdAt: new Date().toISOString(),
    };
    if (input.expiresAt !== undefined) token.expiresAt = dateTime(input.expiresAt, 'expiresAt');
    tokens.push(token);
    return { status: 200, body: { ...view(token), accessToken: newSecret() } };
  }
  if (!UUID.test(id)) throw new Invalid(`tokenId must be a UUID, not "${id}"`);
  const token = tokens.find((t) => t.id === id);
  if (!token) return error(404, `token ${id} not found`);
  if (method === 'GET') return { status: 200, body: view(token) };
  if (token.revokedAt) return error(404, `token ${id} is revoked`);
  if (method === 'PATCH') {
    const input = object(body);
    if (input.description === undefined && input.permissions === undefined) throw new Invalid('request body must have at least 1 property: description or permissions');
    if (input.description !== undefined && typeof input.description !== 'string') throw new Invalid('description must be a string');
    const newPermissions = input.permissions === undefined ? undefined : permissions(input.permissions);
    if (typeof input.description === 'string') token.description = input.description;
    if (newPermissions) token.permissions = newPermissions;
    return { status: 200, body: view(token) };
  }
  if (method === 'DELETE') {
    token.revokedAt = new Date().toISOString();
    return { status: 204 };
  }
  return error(405, 'method not allowed');
}

function permissions(value: unknown): Array<{ action: string; resource: string }> {
  if (!Array.isArray(value)) throw new Invalid('permissions must be an array');
  return value.map((p) => {
    const item = object(p);
    if (typeof item.action !== 'string' || typeof item.resource !== 'string' || item.resource === '') throw new Invalid('each permission needs an action and a resource');
    // DatabaseTokenPermissionResource: anyOf ClusterDatabaseName (1–64 characters) or "*".
    if (item.resource !== '*' && [...item.resource].length > 64) throw new Invalid('a permission resource must be "*" or a database name of 1 to 64 characters');
    return { action: item.action, resource: item.resource };
  });
}

/** RFC 3339 date-time (the spec's `format: date-time`): full date, `T`, time, and a zone; Date.parse alone takes far more. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

function dateTime(value: unknown, field: string): string {
  if (typeof value !== 'string' || !RFC3339.test(value) || Number.isNaN(Date.parse(value))) throw new Invalid(`${field} must be an RFC 3339 date-time`);
  return new Date(value).toISOString();
}

export function newScope(): ManagementScope {
  return { nextId: 1, databases: [] };
}

/** Handles `/databases…` below a scope; `rest` is the path after the prefix, split on `/`. */
export function handleDatabases(scope: ManagementScope, info: ScopeInfo, method: string, rest: string[], body: unknown): Reply {
  try {
    return route(scope, info, method, rest, body);
  } catch (e) {
    if (e instanceof Invalid) return error(400, e.message);
    throw e;
  }
}

function route(scope: ManagementScope, info: ScopeInfo, method: string, rest: string[], body: unknown): Reply {
  const active = (name: string) => scope.databases.find((d) => d.name === name && !d.deletedAt);
  const view = (d: SandboxDatabase, withId: boolean) => render(d, info, withId);

  if (rest.length === 0) {
    if (method === 'GET') return { status: 200, body: scope.databases.filter((d) => !d.deletedAt).map((d) => view(d, false)) };
    if (method === 'POST') {
      const input = object(body);
      const name = databaseName(input.name, 'name');
      const db: SandboxDatabase = {
        id: scope.nextId,
        name,
        maxTables: optionalInt(input.maxTables, 'maxTables', 1, INT32_MAX) ?? DEFAULT_MAX_TABLES,
        maxColumnsPerTable: optionalInt(input.maxColumnsPerTable, 'maxColumnsPerTable', 1, INT32_MAX) ?? DEFAULT_MAX_COLUMNS,
        retentionPeriod: optionalInt(input.retentionPeriod, 'retentionPeriod', 0, 2 ** 63) ?? 0,
      };
      if (input.partitionTemplate !== undefined) db.partitionTemplate = partitionTemplate(input.partitionTemplate);
      if (active(name)) return error(409, `database "${name}" already exists`);
      scope.nextId++;
      scope.databases.push(db);
      return { status: 200, body: view(db, false) };
    }
    return error(405, 'method not allowed');
  }

  const [first, action, ...extra] = rest as [string, string?, ...string[]];
  if (action === 'tables') {
    const db = active(first);
    if (!db) return error(404, `database "${first}" not found`);
    return tables(scope, db, info, method, extra, body);
  }
  if (extra.length > 0) return error(404, 'not found');

  if (action === undefined) {
    const db = active(first);
    if (method === 'PATCH') {
      const input = object(body);
      const keys = ['maxTables', 'maxColumnsPerTable', 'retentionPeriod'].filter((k) => input[k] !== undefined);
      if (keys.length === 0) throw new Invalid('request body must have at least 1 property: maxTables, maxColumnsPerTable or retentionPeriod');
      const maxTables = optionalInt(input.maxTables, 'maxTables', 1, INT32_MAX);
      const maxColumns = optionalInt(input.maxColumnsPerTable, 'maxColumnsPerTable', 1, INT32_MAX);
      const retention = optionalInt(input.retentionPeriod, 'retentionPeriod', 0, 2 ** 63);
      if (!db) return error(404, `database "${first}" not found`);
      if (maxTables !== undefined) db.maxTables = maxTables;
      if (maxColumns !== undefined) db.maxColumnsPerTable = maxColumns;
      if (retention !== undefined) db.retentionPeriod = retention;
      const { partitionTemplate: _omit, ...rendered } = view(db, false);
      return { status: 200, body: rendered };
    }
    if (method === 'DELETE') {
      if (!db) return error(404, `database "${first}" not found`);
      db.deletedAt = new Date().toISOString();
      return { status: 204 };
    }
    return error(405, 'method not allowed');
  }

  if (action === 'rename' && method === 'PUT') {
    const newName = databaseName(object(body).name, 'name');
    const db = active(first);
    if (!db) return error(404, `database "${first}" not found`);
    if (newName !== first && active(newName)) return error(409, `database "${newName}" already exists`);
    db.name = newName;
    return { status: 200, body: view(db, true) };
  }

  if (action === 'undelete' && method === 'PUT') {
    if (!/^\d+$/.test(first) || Number(first) < 1) throw new Invalid(`databaseId must be a positive integer, not "${first}"`);
    const db = scope.databases.find((d) => d.id === Number(first) && d.deletedAt);
    if (!db) return error(404, `no deleted database with ID ${first}`);
    if (active(db.name)) return error(409, `an active database named "${db.name}" already exists`);
    delete db.deletedAt;
    return { status: 200, body: view(db, true) };
  }

  return error(404, 'not found');
}

function tables(scope: ManagementScope, db: SandboxDatabase, info: ScopeInfo, method: string, rest: string[], body: unknown): Reply {
  db.tables ??= [];
  const list = db.tables;
  const active = (name: string) => list.find((t) => t.name === name && !t.deletedAt);
  const view = (t: SandboxTable, withId: boolean) => {
    const out: Record<string, unknown> = {};
    if (info.accountId) out.accountId = info.accountId;
    if (info.clusterId) out.clusterId = info.clusterId;
    out.databaseName = db.name;
    if (withId) out.id = t.id;
    out.name = t.name;
    if (t.partitionTemplate) out.partitionTemplate = t.partitionTemplate;
    return out;
  };
  const [first, action, ...extra] = rest as [string?, string?, ...string[]];
  if (extra.length > 0) return error(404, 'not found');

  if (first === undefined) {
    if (method !== 'POST') return error(405, 'method not allowed');
    const input = object(body);
    const name = tableName(input.name);
    const table: SandboxTable = { id: scope.nextTableId ?? 1, name };
    if (input.partitionTemplate !== undefined) table.partitionTemplate = partitionTemplate(input.partitionTemplate);
    if (active(name)) return error(409, `table "${name}" already exists`);
    scope.nextTableId = table.id + 1;
    list.push(table);
    return { status: 200, body: view(table, false) };
  }
  if (action === undefined && method === 'DELETE') {
    const table = active(first);
    if (!table) return error(404, `table "${first}" not found`);
    table.deletedAt = new Date().toISOString();
    return { status: 204 };
  }
  if (action === 'rename' && method === 'PUT') {
    const newName = tableName(object(body).name);
    const table = active(first);
    if (!table) return error(404, `table "${first}" not found`);
    if (newName !== first && active(newName)) return error(409, `table "${newName}" already exists`);
    table.name = newName;
    return { status: 200, body: view(table, true) };
  }
  if (action === 'undelete' && method === 'PUT') {
    if (!/^\d+$/.test(first) || Number(first) < 1) throw new Invalid(`tableId must be a positive integer, not "${first}"`);
    const table = list.find((t) => t.id === Number(first) && t.deletedAt);
    if (!table) return error(404, `no deleted table with ID ${first}`);
    if (active(table.name)) return error(409, `an active table named "${table.name}" already exists`);
    delete table.deletedAt;
    return { status: 200, body: view(table, true) };
  }
  return error(404, 'not found');
}

function tableName(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw new Invalid('name is required and must be a non-empty string');
  return value;
}

function render(d: SandboxDatabase, info: ScopeInfo, withId: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (info.accountId) out.accountId = info.accountId;
  if (info.clusterId) out.clusterId = info.clusterId;
  if (withId) out.id = d.id;
  out.name = d.name;
  out.maxTables = d.maxTables;
  out.maxColumnsPerTable = d.maxColumnsPerTable;
  out.retentionPeriod = d.retentionPeriod;
  if (d.partitionTemplate) out.partitionTemplate = d.partitionTemplate;
  return out;
}

function object(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Invalid('request body must be a JSON object');
  return body as Record<string, unknown>;
}

function databaseName(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new Invalid(`${field} is required and must be a string`);
  const length = [...value].length;
  if (length < 1 || length > 64) throw new Invalid(`${field} must be 1 to 64 characters long`);
  return value;
}

const INT64_MAX = 9_223_372_036_854_775_807n;

/** An integer of a JSON text (outside its strings) that int64 cannot hold. */
function pastInt64(raw: string): string | undefined {
  const numbers = raw.replace(/"(?:[^"\\]|\\.)*"/g, '""').match(/-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g) ?? [];
  return numbers.find((n) => /^-?\d+$/.test(n) && (BigInt(n) > INT64_MAX || BigInt(n) < -INT64_MAX - 1n));
}

function optionalInt(value: unknown, field: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new Invalid(`${field} must be an integer`);
  if (value < min) throw new Invalid(`${field} must be at least ${min}`);
  if (value > max) throw new Invalid(`${field} must be at most ${max}`);
  return value;
}

function partitionTemplate(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Invalid('partitionTemplate must be an array');
  if (value.length < 1 || value.length > 8) throw new Invalid('partitionTemplate must have 1 to 8 parts');
  const seen = new Set<string>();
  for (const part of value) {
    const p = object(part);
    const key = JSON.stringify(p);
    if (seen.has(key)) throw new Invalid('partitionTemplate parts must be unique');
    seen.add(key);
    if (p.type === 'time' || p.type === 'tag') {
      if (typeof p.value !== 'string' || p.value.length === 0) throw new Invalid(`partitionTemplate ${p.type} value must be a non-empty string`);
    } else if (p.type === 'bucket') {
      const v = object(p.value);
      if (typeof v.tagName !== 'string' || v.tagName.length === 0) throw new Invalid('partitionTemplate bucket tagName must be a non-empty string');
      if (typeof v.numberOfBuckets !== 'number' || !Number.isInteger(v.numberOfBuckets) || v.numberOfBuckets < 1 || v.numberOfBuckets > 100000) {
        throw new Invalid('partitionTemplate bucket numberOfBuckets must be an integer from 1 to 100000');
      }
    } else {
      throw new Invalid('partitionTemplate part type must be time, tag or bucket');
    }
  }
  return value;
}
