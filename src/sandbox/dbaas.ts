// The sandbox's Selectel Managed Databases API v1 (`/v1/…`) and the identity endpoint it takes its
// tokens from (`/identity/v3/auth/tokens`), as reference/selectel-dbaas.md describes the real service:
// `X-Auth-Token`, `{"user":{…}}` envelopes, 200 with PENDING_CREATE on create, ACTIVE `delayMs`
// later, 204 on delete with the object readable as PENDING_DELETE until it is gone, 400
// `Validation failure: …` for bad bodies, clashes and datastores that are not ready, and
// `{"error":{code,title,message}}` bodies. What each route does is in ./dbaas/; the test controls are
// in ./dbaas/controls.ts and docs/sandbox-dbaas.md.

import { pathSegments, type ApiContext, type ApiRequest, type Reply, type SandboxApi } from './api.js';
import { handleCatalog, ownsCatalog } from './dbaas/catalogs.js';
import { CHILDREN, handleChild } from './dbaas/children.js';
import { control } from './dbaas/controls.js';
import { handleDatastores } from './dbaas/datastores.js';
import { Failure, answer, apiError, noRoute, type Scope } from './dbaas/shared.js';
import { handleIdentity, hashToken } from './dbaas/identity.js';
import { handleMetricsTokens } from './dbaas/metrics-tokens.js';
import { freshState, settle, type DbaasState } from './dbaas/state.js';

export type { DbaasState } from './dbaas/state.js';

export interface DbaasSandboxOptions {
  /** How long PENDING_* and RESIZING last (`--dbaas-delay`); default 2 s. */
  delayMs?: number;
  /** When set, the identity endpoint accepts only this password; otherwise any non-empty one. */
  identityPassword?: string;
  /** Lifetime of the tokens the identity endpoint issues; default 24 h, as Selectel's. */
  tokenTtlMs?: number;
}

const DEFAULT_DBAAS_DELAY_MS = 2_000;
const DEFAULT_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
/** The project of requests whose token the identity endpoint did not issue (Keystone project IDs are 32 hex digits without dashes). */
export const DEFAULT_PROJECT_ID = '5f1e0d9c8b7a46e3a2b1c0d9e8f7a6b5';

export function dbaasApi(options: DbaasSandboxOptions = {}): SandboxApi<DbaasState> {
  const delayMs = options.delayMs ?? DEFAULT_DBAAS_DELAY_MS;
  const identity = { password: options.identityPassword, ttlMs: options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS };

  return {
    key: 'dbaas',
    owns: (path) => path === '/v1' || path.startsWith('/v1/') || path.startsWith('/identity/v3/'),
    fresh: freshState,
    handle(state, request, context) {
      const now = context.now();
      return answer(() => {
        if (request.url.pathname.startsWith('/identity/')) return handleIdentity(state, request, identity, now);
        settle(state, now, delayMs);
        const project = authenticate(state, request, context, now);
        return route({ state, project, now }, request);
      });
    },
    control(state, method, path, json, context) {
      const now = context.now();
      settle(state, now, delayMs);
      return control(state, method, path, json, now);
    },
  };
}

/** The caller's project; a missing, refused or expired token is the API's 401. */
function authenticate(state: DbaasState, request: ApiRequest, context: ApiContext, now: number): string {
  const header = request.headers['x-auth-token'];
  const token = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!token) throw new Failure(apiError(401, 'The request you have made requires authentication: X-Auth-Token is missing.'));
  const issued = state.identityTokens.find((t) => t.sha256 === hashToken(token));
  if (issued) {
    if (now >= issued.expires_at) throw new Failure(apiError(401, 'The token has expired.'));
    if (issued.project_id === null) throw new Failure(apiError(403, 'The token is not scoped to a project; a project-scoped token is required.'));
    return issued.project_id;
  }
  if (context.strictToken !== undefined && token !== context.strictToken) throw new Failure(apiError(401, 'The token is not valid.'));
  return DEFAULT_PROJECT_ID;
}

function route(scope: Scope, request: ApiRequest): Reply {
  const [version, collection, ...rest] = pathSegments(request.url);
  if (version !== 'v1' || collection === undefined) return noRoute();
  if (collection === 'datastores') return handleDatastores(scope, request, rest);
  if (collection === 'prometheus-metrics-tokens') return handleMetricsTokens(scope, request, rest);
  if (ownsCatalog(collection)) return handleCatalog(collection, request, rest);
  const child = CHILDREN[collection];
  if (child) return handleChild(scope, child, request, rest);
  return noRoute();
}
