// The SQL statements influxadm sends to /api/v3/query_sql, shared with the sandbox, which answers
// exactly these. information_schema works on Core and Enterprise and needs no access to _internal.

export const LIST_TABLES_SQL = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'iox' ORDER BY table_name";

/** Every token; filters (admin-only, expired, name pattern) are applied by the client. */
export const LIST_TOKENS_SQL = 'SELECT * FROM system.tokens ORDER BY token_id';
