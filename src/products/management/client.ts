// Client for the InfluxDB 3 Management API. Cloud Dedicated and Clustered expose the same operations
// and bodies; only the path prefix differs (`/api/v0/accounts/{a}/clusters/{c}` vs `/api/v0`), so one
// module serves both products rather than two copies of the same code.

import { asUsage, usageError } from '../../errors.js';
import { checkUuid } from '../../input/names.js';
import type { HttpClient, RequestSpec } from '../../api/http.js';
import {
  managementDatabase, managementDatabaseList, managementTable, managementToken, managementTokenList,
  type ManagementDatabase, type ManagementTable, type ManagementToken,
} from './schemas.js';
import { fetchValid, sameId } from '../../api/validate.js';

export interface ManagementTarget {
  product: 'dedicated' | 'clustered';
  account?: string;
  cluster?: string;
}

export interface DatabaseSettings {
  maxTables?: number;
  maxColumnsPerTable?: number;
  /** int64 nanoseconds, sent digit for digit (a double rounds past 2^53 ns, about 104 days). */
  retentionPeriod?: bigint;
  partitionTemplate?: unknown[];
}

/** The path prefix; checks the Dedicated IDs before anything is sent. */
export function managementPrefix(target: ManagementTarget): string {
  if (target.product === 'clustered') return '/api/v0';
  const { account, cluster } = target;
  if (!account || !cluster) {
    throw usageError(
      `Cloud Dedicated needs an account and a cluster ID (missing: ${[!account && 'account', !cluster && 'cluster'].filter(Boolean).join(' and ')})`,
      'pass --account and --cluster, set INFLUXADM_ACCOUNT_ID and INFLUXADM_CLUSTER_ID, or store them in a profile',
    );
  }
  return `/api/v0/accounts/${asUsage(() => checkUuid(account, 'account ID'))}/clusters/${asUsage(() => checkUuid(cluster, 'cluster ID'))}`;
}

const seg = encodeURIComponent;
const TOKEN_404 = { 404: 'no such token (or it is revoked); see `influxadm token list --include-revoked`' };

export class ManagementClient {
  private readonly prefix: string;

  constructor(private readonly http: HttpClient, target: ManagementTarget) {
    this.prefix = managementPrefix(target);
  }

  async listDatabases(): Promise<ManagementDatabase[]> {
    const spec: RequestSpec = { method: 'GET', path: `${this.prefix}/databases`, what: 'listing databases' };
    return fetchValid(this.http, managementDatabaseList, spec);
  }

  async createDatabase(name: string, settings: DatabaseSettings): Promise<ManagementDatabase> {
    return this.database({
      method: 'POST',
      path: `${this.prefix}/databases`,
      body: { name, ...settings },
      what: `creating database "${name}"`,
      hints: { 409: `a database named "${name}" exists already (a deleted one may still hold the name for a while)` },
    });
  }

  async updateDatabase(name: string, settings: DatabaseSettings): Promise<ManagementDatabase> {
    return this.database({
      method: 'PATCH',
      path: `${this.prefix}/databases/${seg(name)}`,
      body: settings,
      what: `updating database "${name}"`,
      hints: { 404: 'see `influxadm database list` for the databases that exist' },
    });
  }

  async deleteDatabase(name: string): Promise<void> {
    await this.http.send({
      method: 'DELETE',
      path: `${this.prefix}/databases/${seg(name)}`,
      what: `deleting database "${name}"`,
      hints: { 404: 'see `influxadm database list` for the databases that exist' },
    });
  }

  async renameDatabase(name: string, newName: string): Promise<ManagementDatabase> {
    return this.database({
      method: 'PUT',
      path: `${this.prefix}/databases/${seg(name)}/rename`,
      body: { name: newName },
      what: `renaming database "${name}" to "${newName}"`,
      hints: {
        404: 'see `influxadm database list` for the databases that exist',
        409: `a database named "${newName}" exists already`,
      },
    });
  }

  async undeleteDatabase(id: string): Promise<ManagementDatabase> {
    return this.database({
      method: 'PUT',
      path: `${this.prefix}/databases/${seg(id)}/undelete`,
      what: `undeleting database ${id}`,
      hints: {
        404: 'no deleted database has that ID, or its recovery window has passed',
        409: 'an active database holds that name; rename or delete it first',
      },
    });
  }

  async createTable(database: string, name: string, partitionTemplate: unknown[] | undefined): Promise<ManagementTable> {
    return this.table({
      method: 'POST',
      path: `${this.prefix}/databases/${seg(database)}/tables`,
      body: partitionTemplate ? { name, partitionTemplate } : { name },
      what: `creating table "${name}" in database "${database}"`,
      hints: { 404: `database "${database}" does not exist; see \`influxadm database list\``, 409: `a table named "${name}" exists already in "${database}"` },
    });
  }

  async deleteTable(database: string, name: string): Promise<void> {
    await this.http.send({
      method: 'DELETE',
      path: `${this.prefix}/databases/${seg(database)}/tables/${seg(name)}`,
      what: `deleting table "${name}" from database "${database}"`,
      hints: { 404: `no table "${name}" in database "${database}"` },
    });
  }

  async renameTable(database: string, name: string, newName: string): Promise<ManagementTable> {
    return this.table({
      method: 'PUT',
      path: `${this.prefix}/databases/${seg(database)}/tables/${seg(name)}/rename`,
      body: { name: newName },
      what: `renaming table "${name}" in database "${database}" to "${newName}"`,
      hints: { 404: `no table "${name}" in database "${database}"`, 409: `a table named "${newName}" exists already in "${database}"` },
    });
  }

  async undeleteTable(database: string, id: string): Promise<ManagementTable> {
    return this.table({
      method: 'PUT',
      path: `${this.prefix}/databases/${seg(database)}/tables/${seg(id)}/undelete`,
      what: `undeleting table ${id} in database "${database}"`,
      hints: { 404: 'no deleted table has that ID in that database, or its recovery window has passed', 409: 'an active table holds that name; rename or delete it first' },
    });
  }

  async listTokens(): Promise<ManagementToken[]> {
    const spec: RequestSpec = { method: 'GET', path: `${this.prefix}/tokens`, what: 'listing database tokens' };
    return fetchValid(this.http, managementTokenList, spec);
  }

  /** A token by ID, checked to be that token (`token update --add-permission` builds on its permissions). */
  async getToken(id: string): Promise<ManagementToken> {
    const what = `reading token ${id}`;
    return sameId(id, await this.token({ method: 'GET', path: `${this.prefix}/tokens/${seg(id)}`, what, hints: TOKEN_404 }), what);
  }

  async createToken(body: { description: string; permissions: Array<{ action: string; resource: string }>; expiresAt?: string }): Promise<ManagementToken> {
    return this.token({ method: 'POST', path: `${this.prefix}/tokens`, body, what: `creating token "${body.description}"` });
  }

  async updateToken(id: string, body: { description?: string; permissions?: Array<{ action: string; resource: string }> }): Promise<ManagementToken> {
    const what = `updating token ${id}`;
    return sameId(id, await this.token({ method: 'PATCH', path: `${this.prefix}/tokens/${seg(id)}`, body, what, hints: TOKEN_404 }), what, true);
  }

  async revokeToken(id: string): Promise<void> {
    await this.http.send({ method: 'DELETE', path: `${this.prefix}/tokens/${seg(id)}`, what: `revoking token ${id}`, hints: TOKEN_404 });
  }

  private async token(spec: RequestSpec): Promise<ManagementToken> {
    return fetchValid(this.http, managementToken, spec);
  }

  private async table(spec: RequestSpec): Promise<ManagementTable> {
    return fetchValid(this.http, managementTable, spec);
  }

  private async database(spec: RequestSpec): Promise<ManagementDatabase> {
    return fetchValid(this.http, managementDatabase, spec);
  }
}
