// The identity endpoint `POST /identity/v3/auth/tokens` (OpenStack Keystone v3, as Selectel runs it):
// password authentication of a service user (user name, domain name = account ID) scoped to a project.
// 201 with the token in the X-Subject-Token header and its expiry in the body. Only a hash of each
// token is kept, with its project and expiry, so the DBaaS API can check it.

import { createHash, randomBytes } from 'node:crypto';
import type { ApiRequest, Reply } from '../api.js';
import { apiError, notAllowed } from './shared.js';
import { check, type Schema } from './schema.js';
import type { DbaasState } from './state.js';

export interface IdentityOptions {
  /** When set, only this password is accepted; otherwise any non-empty one. */
  password?: string;
  ttlMs: number;
}

const NAMED: Schema = { type: 'object', open: true, properties: { name: { type: 'string', minLength: 1 }, id: { type: 'string', minLength: 1 } } };
const AUTH: Schema = {
  type: 'object',
  open: true,
  required: ['auth'],
  properties: {
    auth: {
      type: 'object',
      open: true,
      required: ['identity'],
      properties: {
        identity: {
          type: 'object',
          open: true,
          required: ['methods'],
          properties: {
            methods: { type: 'array', items: { type: 'string' } },
            password: {
              type: 'object',
              open: true,
              required: ['user'],
              properties: {
                user: { type: 'object', open: true, required: ['name', 'domain', 'password'], properties: { name: { type: 'string', minLength: 1 }, domain: NAMED, password: { type: 'string', minLength: 1 } } },
              },
            },
          },
        },
        scope: { type: 'object', open: true, properties: { project: { ...NAMED, required: ['id'] }, domain: NAMED } },
      },
    },
  },
};

const UNAUTHORIZED = 'The request you have made requires authentication.';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function handleIdentity(state: DbaasState, request: ApiRequest, options: IdentityOptions, now: number): Reply {
  const path = request.url.pathname.replace(/\/+$/, '');
  if (path !== '/identity/v3/auth/tokens') return apiError(404, 'The resource could not be found.');
  if (request.method !== 'POST') return notAllowed();
  if (request.json === undefined) return apiError(400, 'The request body is not valid JSON.');
  const failures = check(AUTH, request.json, '');
  const first = [...failures][0];
  if (first) return apiError(400, `Invalid input for field '${first[0].replace(/^\./, '').replace(/\./g, '/') || 'body'}': ${first[1]}`);

  const auth = (request.json as { auth: Auth }).auth;
  const user = auth.identity.password?.user;
  if (!auth.identity.methods.includes('password') || !user) return apiError(400, "Invalid input for field 'identity': the password method and 'password' are required.");
  const account = user.domain.name ?? user.domain.id;
  if (account === undefined) return apiError(400, "Invalid input for field 'identity/password/user/domain': 'name' is a required property");
  if (options.password !== undefined && user.password !== options.password) return apiError(401, UNAUTHORIZED);

  const projectId = auth.scope?.project?.id ?? null;
  const token = `gAAAAAB${randomBytes(96).toString('base64url')}`;
  const expiresAt = now + options.ttlMs;
  state.identityTokens.push({ sha256: hashToken(token), project_id: projectId, expires_at: expiresAt });
  const domain = { id: account, name: account };
  return {
    status: 201,
    headers: { 'x-subject-token': token },
    body: {
      token: {
        methods: ['password'],
        user: { id: hashToken(`${account}/${user.name}`).slice(0, 32), name: user.name, domain, password_expires_at: null },
        audit_ids: [randomBytes(16).toString('base64url')],
        issued_at: keystoneTime(now),
        expires_at: keystoneTime(expiresAt),
        ...(projectId !== null ? { project: { id: projectId, name: projectId, domain }, roles: [{ id: hashToken('member').slice(0, 32), name: 'member' }], catalog: [] } : {}),
        ...(projectId === null && auth.scope?.domain ? { domain } : {}),
      },
    },
  };
}

interface Auth {
  identity: { methods: string[]; password?: { user?: { name: string; domain: { name?: string; id?: string }; password: string } } };
  scope?: { project?: { id: string }; domain?: { name?: string; id?: string } };
}

/** Keystone writes microseconds and a Z: 2025-01-31T12:00:00.000000Z. */
function keystoneTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
