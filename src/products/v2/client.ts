// Client for InfluxDB OSS v2's legacy (v1-compatible) authorizations, under the `/private` prefix,
// and the bucket and org lookups they need. Authentication is `Authorization: Token …`.

import { ApiError, type HttpClient, type RequestSpec } from '../../api/http.js';
import { bucketList, legacyAuthorization, legacyAuthorizationList, orgList, type LegacyAuthorization } from './schemas.js';
import { fetchValid, sameId } from '../../api/validate.js';
import { CliError, ExitCode } from '../../errors.js';

const BASE = '/private/legacy/authorizations';
const PAGE = 100;
/** 100,000 buckets: far more than a v2 org holds, few enough requests to end in seconds. */
const MAX_PAGES = 1000;
const seg = encodeURIComponent;
const NOT_FOUND = { 404: 'no legacy authorization has that ID; see `influxadm v1-auth list`' };

export interface LegacyPermissionBody {
  action: 'read' | 'write';
  resource: { type: 'buckets'; id?: string; orgID: string };
}

export class V2Client {
  constructor(private readonly http: HttpClient) {}

  /** The ID of an org by name; undefined when there is none of that name. */
  async findOrgId(name: string): Promise<string | undefined> {
    const spec: RequestSpec = { method: 'GET', path: '/api/v2/orgs', query: { org: name }, what: `looking up organization "${name}"` };
    try {
      const list = await fetchValid(this.http, orgList, spec);
      return list.orgs.find((o) => o.name === name)?.id;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  /**
   * Every bucket of an org, page by page. A server that ignores `offset` sends the same page for ever,
   * so a page that brings no bucket not seen before ends the listing as a failure, and so does a listing
   * longer than MAX_PAGES pages. A bucket seen twice (one created while paging shifts the offsets) is kept once.
   */
  async listBuckets(orgID: string): Promise<Array<{ id: string; name: string }>> {
    const all = new Map<string, { id: string; name: string }>();
    for (let pages = 0, offset = 0; ; pages++, offset += PAGE) {
      const what = 'listing buckets';
      if (pages === MAX_PAGES) {
        throw new CliError(`${what} failed: the server sent more than ${MAX_PAGES} pages of ${PAGE} buckets; influxadm stopped there`, ExitCode.failure, 'check that --host points at an InfluxDB v2 server, or give bucket IDs instead of names');
      }
      const spec: RequestSpec = { method: 'GET', path: '/api/v2/buckets', query: { orgID, limit: String(PAGE), offset: String(offset) }, what };
      const page = (await fetchValid(this.http, bucketList, spec)).buckets;
      const before = all.size;
      for (const b of page) if (!all.has(b.id)) all.set(b.id, { id: b.id, name: b.name });
      if (page.length < PAGE) return [...all.values()];
      if (all.size === before) {
        throw new CliError(`${what} failed: the server sent the same buckets again for offset ${offset} (it seems to ignore offset); influxadm stopped paging`, ExitCode.failure, 'check that --host points at an InfluxDB v2 server, or give bucket IDs instead of names');
      }
    }
  }

  async list(filter: { orgID?: string; userID?: string; token?: string }): Promise<LegacyAuthorization[]> {
    const spec: RequestSpec = { method: 'GET', path: BASE, query: filter, what: 'listing legacy authorizations' };
    try {
      return (await fetchValid(this.http, legacyAuthorizationList, spec)).authorizations;
    } catch (error) {
      // A username filter that matches nothing is a 404, not an error for a list.
      if (filter.token !== undefined && error instanceof ApiError && error.status === 404) return [];
      throw error;
    }
  }

  /** The server filters by username; the answer is checked too, so an ignored filter finds nothing. */
  async findByUsername(username: string): Promise<LegacyAuthorization | undefined> {
    return (await this.list({ token: username })).find((a) => a.token === username);
  }

  /** An authorization by ID, checked to be that one. */
  async get(id: string): Promise<LegacyAuthorization> {
    const what = `reading legacy authorization ${id}`;
    return sameId(id, await this.authorization({ method: 'GET', path: `${BASE}/${seg(id)}`, what, hints: NOT_FOUND }), what);
  }

  async create(body: { orgID: string; token: string; description?: string; permissions: LegacyPermissionBody[] }): Promise<LegacyAuthorization> {
    return this.authorization({
      method: 'POST',
      path: BASE,
      body,
      what: `creating legacy authorization "${body.token}"`,
      hints: { 404: 'a bucket does not exist' },
      // The spec's Error.code says which 422 is a taken username; any other is the request's fault (exit 2).
      conflictCode: 'conflict',
      conflictHint: `the username "${body.token}" is taken`,
    });
  }

  async update(id: string, body: { description?: string; status?: 'active' | 'inactive' }): Promise<LegacyAuthorization> {
    const what = `updating legacy authorization ${id}`;
    return sameId(id, await this.authorization({ method: 'PATCH', path: `${BASE}/${seg(id)}`, body, what, hints: NOT_FOUND }), what, true);
  }

  async setPassword(id: string, password: string): Promise<void> {
    await this.http.send({ method: 'POST', path: `${BASE}/${seg(id)}/password`, body: { password }, what: `setting the password of legacy authorization ${id}`, hints: NOT_FOUND });
  }

  async delete(id: string): Promise<void> {
    await this.http.send({ method: 'DELETE', path: `${BASE}/${seg(id)}`, what: `deleting legacy authorization ${id}`, hints: NOT_FOUND });
  }

  private async authorization(spec: RequestSpec): Promise<LegacyAuthorization> {
    return fetchValid(this.http, legacyAuthorization, spec);
  }
}
