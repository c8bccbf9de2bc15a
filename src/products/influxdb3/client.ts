// Client for the InfluxDB 3 Core and Enterprise HTTP API (`/api/v3/…`). Both products share these
// endpoints; the Enterprise-only parameters are sent only when the command was given them, and the
// capability matrix has already refused them on Core.

import { isRead, type HttpClient, type RequestSpec } from '../../api/http.js';
import { LIST_TABLES_SQL, LIST_TOKENS_SQL } from './sql.js';
import { createdToken, pingBody, showDatabasesRows, systemTokenRows, tableNameRows } from './schemas.js';
import type { EnterprisePermission } from './permissions.js';
import { fetchValid, validate } from '../../api/validate.js';

export interface InfluxDb3Database {
  name: string;
  deleted: boolean;
}

interface DeleteOptions {
  hardDeleteAt?: string;
  dataOnly?: boolean;
  removeTables?: boolean;
}

export interface TableSpec {
  tags: string[];
  fields: Array<{ name: string; type: string }>;
  /** humantime string, Enterprise only. */
  retentionPeriod?: string;
}


const notFound = (what: string) => ({ 404: `${what} does not exist; see \`influxadm database list\`` });

/** A created token, camelCased from the server's object. */
export interface InfluxDb3CreatedToken {
  id?: number;
  name?: string;
  token: string;
  hash?: string;
  createdAt?: string;
  expiresAt: string | null;
}

/** A row of system.tokens, camelCased; timestamps as RFC 3339. */
export interface InfluxDb3Token {
  id: number;
  name: string;
  hashPrefix?: string;
  createdAt?: string;
  expiresAt: string | null;
  expired: boolean;
  permissions: string;
  description?: string;
}

export class InfluxDb3Client {
  constructor(private readonly http: HttpClient) {}

  async ping(): Promise<{ build?: string; version?: string; productName?: string }> {
    const spec: RequestSpec = { method: 'GET', path: '/ping', what: 'asking the server what it is (/ping)' };
    const response = await this.http.send(spec);
    const body = validate(pingBody, this.http.json(spec, response), spec.what, !isRead(spec));
    const build = response.headers['x-influxdb-build'];
    return { build: Array.isArray(build) ? build[0] : build, version: body.version, productName: body.product_name };
  }

  async listDatabases(showDeleted: boolean): Promise<InfluxDb3Database[]> {
    const spec: RequestSpec = {
      method: 'GET',
      path: '/api/v3/configure/database',
      query: { format: 'json', show_deleted: showDeleted ? 'true' : undefined },
      what: 'listing databases',
    };
    const rows = await fetchValid(this.http, showDatabasesRows, spec);
    return rows.map((row) => ({ name: row['iox::database'], deleted: row.deleted === true }));
  }

  async createDatabase(name: string, retentionPeriod: string | undefined): Promise<void> {
    await this.http.send({
      method: 'POST',
      path: '/api/v3/configure/database',
      body: retentionPeriod === undefined ? { db: name } : { db: name, retention_period: retentionPeriod },
      what: `creating database "${name}"`,
      hints: { 409: `a database named "${name}" exists already` },
    });
  }

  /** `null` clears the retention period (infinite). */
  async updateDatabase(name: string, retentionPeriod: string | null): Promise<void> {
    await this.http.send({
      method: 'PUT',
      path: '/api/v3/configure/database',
      body: { db: name, retention_period: retentionPeriod },
      what: `updating database "${name}"`,
      hints: notFound(`database "${name}"`),
    });
  }

  async deleteDatabase(name: string, options: DeleteOptions): Promise<void> {
    await this.http.send({
      method: 'DELETE',
      path: '/api/v3/configure/database',
      query: {
        db: name,
        hard_delete_at: options.hardDeleteAt,
        data_only: options.dataOnly ? 'true' : undefined,
        remove_tables: options.removeTables ? 'true' : undefined,
      },
      what: `deleting database "${name}"`,
      hints: { ...notFound(`database "${name}"`), 409: `database "${name}" is already deleted` },
    });
  }

  async createTable(database: string, table: string, spec: TableSpec): Promise<void> {
    await this.http.send({
      method: 'POST',
      path: '/api/v3/configure/table',
      body: { db: database, table, tags: spec.tags, fields: spec.fields, ...(spec.retentionPeriod === undefined ? {} : { retention_period: spec.retentionPeriod }) },
      what: `creating table "${table}" in database "${database}"`,
      hints: { ...notFound(`database "${database}"`), 409: `a table named "${table}" exists already in "${database}"` },
    });
  }

  async deleteTable(database: string, table: string, options: DeleteOptions): Promise<void> {
    await this.http.send({
      method: 'DELETE',
      path: '/api/v3/configure/table',
      query: { db: database, table, hard_delete_at: options.hardDeleteAt, data_only: options.dataOnly ? 'true' : undefined },
      what: `deleting table "${table}" from database "${database}"`,
      // The server's 404 may be about the database or the table; its message (shown above) says which.
      hints: { 404: `no table "${table}" in database "${database}", or no such database; see \`influxadm table list ${database}\``, 409: `table "${table}" is already deleted` },
    });
  }

  /** Enterprise: a table's own retention period (a humantime string), or none (the database's applies). */
  async setTableRetention(database: string, table: string, retentionPeriod: string | null): Promise<void> {
    await this.http.send({
      method: retentionPeriod === null ? 'DELETE' : 'POST',
      path: '/api/v3/enterprise/configure/table/retention_period',
      query: { db: database, table, ...(retentionPeriod === null ? {} : { duration: retentionPeriod }) },
      what: `updating table "${table}" in database "${database}"`,
      hints: { 404: `no table "${table}" in database "${database}", or no such database; see \`influxadm table list ${database}\`` },
    });
  }

  /** The operator token `_admin`; the server takes this one without authentication, once. */
  async createOperatorToken(): Promise<InfluxDb3CreatedToken> {
    return this.created({
      method: 'POST',
      path: '/api/v3/configure/token/admin',
      what: 'creating the operator token',
      hints: { 409: 'the operator token exists already; to replace it use `influxadm token regenerate`' },
    });
  }

  async createNamedAdminToken(name: string, expirySecs: number | undefined): Promise<InfluxDb3CreatedToken> {
    return this.created({
      method: 'POST',
      path: '/api/v3/configure/token/named_admin',
      body: { token_name: name, expiry_secs: expirySecs ?? null },
      what: `creating admin token "${name}"`,
      hints: { 409: `a token named "${name}" exists already (names are unique across all tokens)` },
    });
  }

  async createResourceToken(name: string, permissions: EnterprisePermission[], expirySecs: number | undefined): Promise<InfluxDb3CreatedToken> {
    return this.created({
      method: 'POST',
      path: '/api/v3/enterprise/configure/token',
      body: { token_name: name, permissions, expiry_secs: expirySecs ?? null },
      what: `creating token "${name}"`,
      hints: { 404: 'this server has no resource tokens (InfluxDB 3 Core); use --product enterprise against an Enterprise server', 409: `a token named "${name}" exists already` },
    });
  }

  /**
   * The operator token's new value. The main server wants the current one; the admin token recovery
   * endpoint (`influxdb3 serve --admin-token-recovery-http-bind`, 127.0.0.1:8182) takes none, once.
   */
  async regenerateOperatorToken(): Promise<InfluxDb3CreatedToken> {
    const hints = this.http.sendsCredential ? undefined : {
      401: 'no token was sent: pass the operator token (--token-file, INFLUXDB3_AUTH_TOKEN), or, to recover a lost one, point --host at the admin token recovery endpoint (influxdb3 serve --admin-token-recovery-http-bind)',
    };
    return this.created({ method: 'POST', path: '/api/v3/configure/token/admin/regenerate', what: 'regenerating the operator token', ...(hints ? { hints } : {}) });
  }

  async deleteToken(name: string): Promise<void> {
    await this.http.send({
      method: 'DELETE',
      path: '/api/v3/configure/token',
      query: { token_name: name },
      what: `deleting token "${name}"`,
      hints: { 404: 'no token has that name; see `influxadm token list`' },
    });
  }

  /** Every token, from `_internal`'s system.tokens. Filters run here, so no user text reaches SQL. */
  async listTokens(now: number = Date.now()): Promise<InfluxDb3Token[]> {
    const spec: RequestSpec = {
      method: 'POST',
      path: '/api/v3/query_sql',
      body: { db: '_internal', q: LIST_TOKENS_SQL, format: 'json' },
      what: 'listing tokens (system.tokens)',
      idempotent: true,
    };
    const rows = await fetchValid(this.http, systemTokenRows, spec);
    return rows.map((row) => {
      const expiresAt = row.expiry ? rfc3339(row.expiry) : null;
      return {
        id: row.token_id,
        name: row.name,
        ...(row.hash ? { hashPrefix: row.hash } : {}),
        ...(row.created_at ? { createdAt: rfc3339(row.created_at) } : {}),
        expiresAt,
        expired: expiresAt !== null && Date.parse(expiresAt) <= now,
        permissions: row.permissions ?? '',
        ...(row.description ? { description: row.description } : {}),
      };
    });
  }

  private async created(spec: RequestSpec): Promise<InfluxDb3CreatedToken> {
    const t = await fetchValid(this.http, createdToken, spec);
    return { id: t.id, name: t.name, token: t.token, hash: t.hash, createdAt: t.created_at, expiresAt: t.expiry ?? null };
  }

  async listTables(database: string): Promise<string[]> {
    const spec: RequestSpec = {
      method: 'POST',
      path: '/api/v3/query_sql',
      body: { db: database, q: LIST_TABLES_SQL, format: 'json' },
      what: `listing tables of database "${database}"`,
      idempotent: true,
      hints: notFound(`database "${database}"`),
    };
    const rows = await fetchValid(this.http, tableNameRows, spec);
    return rows.map((row) => row.table_name);
  }
}

/** Arrow's JSON writer prints zone-less timestamps (UTC); make them RFC 3339. */
function rfc3339(value: string): string {
  return /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`;
}
