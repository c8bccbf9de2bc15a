// A project-scoped token for the DBaaS API from Selectel's identity service (OpenStack Keystone v3):
// password authentication of a service user, whose domain is the account ID, scoped to a project. The
// token comes back in the X-Subject-Token header (201), its expiry in the body. The HttpClient given
// is for the identity URL (default https://cloud.api.selcloud.ru/identity/v3); the caller puts the
// password in its `secrets`, so that nothing it logs can carry it.

import { ApiError } from '../../api/api-error.js';
import type { HttpClient, RequestSpec } from '../../api/http.js';
import { validate } from '../../api/validate.js';
import { CliError, ExitCode } from '../../errors.js';
import { printable } from '../../input/names.js';
import type { ServiceUser } from '../types.js';
import { identityToken } from './schemas.js';

export interface ProjectToken {
  token: string;
  /** RFC 3339, UTC. */
  expiresAt: string;
}

export async function obtainProjectToken(http: HttpClient, user: Omit<ServiceUser, 'identityUrl'>): Promise<ProjectToken> {
  const spec: RequestSpec = {
    method: 'POST',
    path: '/auth/tokens',
    body: {
      auth: {
        identity: { methods: ['password'], password: { user: { name: user.userName, domain: { name: user.accountId }, password: user.password } } },
        scope: { project: { id: user.projectId } },
      },
    },
    what: `obtaining a token for service user "${user.userName}" of account ${user.accountId} in project ${user.projectId}`,
    hints: {
      403: 'the service user has no role in that project; check the project ID and the user\'s roles in the control panel',
      404: 'the identity URL is wrong; it ends in /identity/v3 (default https://cloud.api.selcloud.ru/identity/v3)',
    },
  };
  let response;
  try {
    response = await http.send(spec);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      throw new ApiError(`${spec.what} failed: the identity service refused the user name or password`, ExitCode.auth, 'check the account ID, the user name and the password of the service user', 401, error.serverMessage);
    }
    throw error;
  }
  const header = response.headers['x-subject-token'];
  const token = Array.isArray(header) ? header[0] : header;
  if (!token) throw new CliError(`${spec.what} failed: the identity service answered ${response.status} without a token (no X-Subject-Token header)`, ExitCode.failure, 'check that the identity URL points at Selectel\'s identity service');
  const body = validate(identityToken, http.json(spec, response), spec.what, true);
  const expires = Date.parse(body.token.expires_at);
  if (Number.isNaN(expires)) throw new CliError(`${spec.what} failed: the identity service gave an expiry that is not a time ("${printable(body.token.expires_at.slice(0, 40))}")`, ExitCode.failure);
  const scoped = body.token.project?.id;
  if (scoped !== undefined && scoped !== user.projectId) {
    throw new CliError(`${spec.what} failed: the identity service scoped the token to project ${printable(scoped.slice(0, 64))}, not ${user.projectId}`, ExitCode.auth);
  }
  return { token, expiresAt: new Date(expires).toISOString() };
}
