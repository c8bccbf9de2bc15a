// InfluxDB OSS v2's legacy authorizations (`/private/legacy/authorizations…`), buckets and orgs, as
// the server behaves (reference influx-v1-auth.md §2): `Authorization: Token …`, 201 on create,
// `conflict` → 422 for a taken username, 404 for unknown IDs and buckets, passwords of 8–72 bytes,
// `{code,message}` errors. The list ignores `authID` and the name filters, as the server does.

import { randomBytes } from 'node:crypto';
import type { Reply, SandboxApi } from './api.js';

export interface V2Authorization {
  id: string;
  token: string;
  status: 'active' | 'inactive';
  description: string;
  orgID: string;
  userID: string;
  permissions: Array<{ action: string; resource: { type: string; id?: string; orgID?: string } }>;
  createdAt: string;
  updatedAt: string;
  hasPassword?: boolean;
}

export interface V2State {
  user: { id: string; name: string };
  orgs: Array<{ id: string; name: string }>;
  buckets: Array<{ id: string; name: string; orgID: string; type: 'user' | 'system' }>;
  authorizations: V2Authorization[];
}

const newId = () => randomBytes(8).toString('hex').replace(/^0{16}$/, '0000000000000001');
const fail = (status: number, code: string, message: string): Reply => ({ status, body: { code, message }, headers: { 'x-platform-error-code': code } });
const ID = /^[0-9a-f]{16}$/;

/** A fresh server after onboarding: one user, one org `my-org`, its buckets. */
function newV2State(): V2State {
  const org = { id: newId(), name: 'my-org' };
  return {
    user: { id: newId(), name: 'admin' },
    orgs: [org],
    buckets: [
      { id: newId(), name: 'telegraf', orgID: org.id, type: 'user' },
      { id: newId(), name: 'metrics', orgID: org.id, type: 'user' },
      { id: newId(), name: '_monitoring', orgID: org.id, type: 'system' },
      { id: newId(), name: '_tasks', orgID: org.id, type: 'system' },
    ],
    authorizations: [],
  };
}

/** `/api/v2/…` and `/private/…`; InfluxDB OSS v2 answers `Authorization: Token …`. */
export function v2Api(): SandboxApi<V2State> {
  return {
    key: 'v2',
    owns: (path) => path.startsWith('/api/v2/') || path.startsWith('/private/'),
    fresh: newV2State,
    handle(state, request, context) {
      const token = /^Token (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (!token || (context.strictToken !== undefined && token !== context.strictToken)) return { status: 401, body: { code: 'unauthorized', message: 'unauthorized access' } };
      return handleV2(state, request.method, request.url.pathname, request.url.searchParams, request.json, request.raw);
    },
  };
}

function handleV2(state: V2State, method: string, path: string, query: URLSearchParams, body: unknown, rawBody: string): Reply {
  if ((method === 'POST' || method === 'PATCH') && rawBody !== '' && body === undefined) return fail(400, 'invalid', 'invalid json structure');
  const input = (body ?? {}) as Record<string, unknown>;
  if (path === '/api/v2/orgs' && method === 'GET') return orgs(state, query);
  if (path === '/api/v2/buckets' && method === 'GET') return buckets(state, query);
  if (path === '/api/v2/buckets' && method === 'POST') return createBucket(state, input);

  const base = '/private/legacy/authorizations';
  if (path === base && method === 'GET') return list(state, query);
  if (path === base && method === 'POST') return create(state, input);
  const match = /^\/private\/legacy\/authorizations\/([^/]+)(\/password)?$/.exec(path);
  if (!match) return fail(404, 'not found', 'path not found');
  const [, id, password] = match as unknown as [string, string, string | undefined];
  if (!ID.test(id)) return fail(400, 'invalid', 'id must have a length of 16 bytes');
  const auth = state.authorizations.find((a) => a.id === id);
  if (!auth) return fail(404, 'not found', 'authorization not found');
  if (password) {
    if (method !== 'POST') return fail(405, 'method not allowed', 'method not allowed');
    if (typeof input.password !== 'string') return fail(400, 'invalid', 'password required');
    const bytes = Buffer.byteLength(input.password);
    if (bytes < 8 || bytes > 72) return fail(400, 'invalid', 'passwords must be between 8 and 72 characters long');
    auth.hasPassword = true;
    return { status: 204 };
  }
  if (method === 'GET') return { status: 200, body: view(state, auth) };
  if (method === 'DELETE') {
    state.authorizations.splice(state.authorizations.indexOf(auth), 1);
    return { status: 204 };
  }
  if (method === 'PATCH') {
    if (input.status !== undefined && input.status !== 'active' && input.status !== 'inactive') return fail(400, 'invalid', 'unknown authorization status');
    if (input.description !== undefined && typeof input.description !== 'string') return fail(400, 'invalid', 'description must be a string');
    if (input.status !== undefined) auth.status = input.status as 'active' | 'inactive';
    if (typeof input.description === 'string') auth.description = input.description;
    auth.updatedAt = new Date().toISOString();
    return { status: 200, body: view(state, auth) };
  }
  return fail(405, 'method not allowed', 'method not allowed');
}

function orgs(state: V2State, query: URLSearchParams): Reply {
  const name = query.get('org');
  const list = name === null ? state.orgs : state.orgs.filter((o) => o.name === name);
  if (name !== null && list.length === 0) return fail(404, 'not found', `organization name "${name}" not found`);
  return { status: 200, body: { links: { self: '/api/v2/orgs' }, orgs: list } };
}

/** Pages as the server pages (the spec's Limit and Offset): limit 1–100, default 20; offset from 0. */
function buckets(state: V2State, query: URLSearchParams): Reply {
  const whole = (name: string) => (/^\d+$/.test(query.get(name) ?? '') ? Number(query.get(name)) : undefined);
  const offset = query.get('offset') === null ? 0 : whole('offset');
  const limit = query.get('limit') === null ? 20 : whole('limit');
  if (offset === undefined) return fail(400, 'invalid', 'offset is invalid');
  if (limit === undefined) return fail(400, 'invalid', 'limit is invalid');
  if (limit < 1 || limit > 100) return fail(400, 'invalid', 'limit must be between 1 and 100');
  const list = state.buckets
    .filter((b) => (query.get('orgID') === null || b.orgID === query.get('orgID')) && (query.get('name') === null || b.name === query.get('name')))
    .slice(offset, offset + limit)
    .map((b) => ({ ...b, createdAt: new Date(0).toISOString() }));
  return { status: 200, body: { links: { self: '/api/v2/buckets' }, buckets: list } };
}

function createBucket(state: V2State, input: Record<string, unknown>): Reply {
  if (typeof input.name !== 'string' || input.name === '') return fail(400, 'invalid', 'bucket name is required');
  if (typeof input.orgID !== 'string' || !state.orgs.some((o) => o.id === input.orgID)) return fail(400, 'invalid', 'org id required');
  if (state.buckets.some((b) => b.orgID === input.orgID && b.name === input.name)) return fail(422, 'conflict', `bucket with name ${input.name} already exists`);
  const bucket = { id: newId(), name: input.name, orgID: input.orgID, type: 'user' as const };
  state.buckets.push(bucket);
  return { status: 201, body: bucket };
}

function list(state: V2State, query: URLSearchParams): Reply {
  // Name filters are only checked to exist; `authID` is ignored; `id`, `token`, `orgID`, `userID` filter.
  const org = query.get('org');
  if (org && !state.orgs.some((o) => o.name === org)) return fail(404, 'not found', `organization name "${org}" not found`);
  let result = state.authorizations;
  for (const [param, field] of [['id', 'id'], ['token', 'token']] as const) {
    const value = query.get(param);
    if (value) {
      result = result.filter((a) => a[field] === value);
      if (result.length === 0) return fail(404, 'not found', 'authorization not found');
    }
  }
  const orgID = query.get('orgID');
  if (orgID) result = result.filter((a) => a.orgID === orgID);
  const userID = query.get('userID');
  if (userID) result = result.filter((a) => a.userID === userID);
  return { status: 200, body: { links: { self: '/private/legacy/authorizations' }, authorizations: result.map((a) => view(state, a)) } };
}

function create(state: V2State, input: Record<string, unknown>): Reply {
  if (!Array.isArray(input.permissions) || input.permissions.length === 0) return fail(400, 'invalid', 'authorization must include permissions');
  for (const p of input.permissions as Array<Record<string, unknown>>) {
    const resource = p?.resource as Record<string, unknown> | undefined;
    if (p?.action !== 'read' && p?.action !== 'write') return fail(400, 'invalid', 'invalid action type for permission');
    if (resource?.type !== 'buckets') return fail(400, 'invalid', 'invalid resource type for permission');
    if (resource.orgID !== undefined && resource.orgID !== input.orgID) return fail(400, 'invalid', `permission ${p.action}:orgs/${String(resource.orgID)}/buckets is not for org id ${String(input.orgID)}`);
  }
  if (typeof input.orgID !== 'string' || !ID.test(input.orgID)) return fail(400, 'invalid', 'org id required');
  if (input.status !== undefined && input.status !== 'active' && input.status !== 'inactive') return fail(400, 'invalid', 'invalid status: must be active or inactive');
  if (typeof input.token !== 'string' || input.token === '') return fail(400, 'invalid', 'token required for v1 user authorization type');
  if (!state.orgs.some((o) => o.id === input.orgID)) return fail(400, 'invalid', 'unable to create token');
  if (state.authorizations.some((a) => a.token === input.token)) return fail(422, 'conflict', 'token already exists');
  for (const p of input.permissions as Array<{ resource: { id?: string } }>) {
    if (p.resource.id !== undefined && !state.buckets.some((b) => b.id === p.resource.id)) return fail(404, 'not found', 'bucket not found when creating auth');
  }
  const now = new Date().toISOString();
  const auth: V2Authorization = {
    id: newId(),
    token: input.token,
    status: (input.status as 'active' | 'inactive' | undefined) ?? 'active',
    description: typeof input.description === 'string' ? input.description : '',
    orgID: input.orgID,
    userID: state.user.id,
    permissions: input.permissions as V2Authorization['permissions'],
    createdAt: now,
    updatedAt: now,
  };
  state.authorizations.push(auth);
  return { status: 201, body: view(state, auth) };
}

function view(state: V2State, a: V2Authorization): Record<string, unknown> {
  const org = state.orgs.find((o) => o.id === a.orgID);
  const { hasPassword: _secretState, ...visible } = a;
  return {
    ...visible,
    org: org?.name,
    user: state.user.name,
    permissions: a.permissions.map((p) => {
      const bucket = p.resource.id ? state.buckets.find((b) => b.id === p.resource.id) : undefined;
      return { ...p, resource: { ...p.resource, ...(bucket ? { name: bucket.name } : {}), ...(org ? { org: org.name } : {}) } };
    }),
    links: { self: `/private/legacy/authorizations/${a.id}`, user: `/api/v2/users/${a.userID}` },
  };
}
