// The SQL statements influxadm sends to /api/v3/query_sql, shared with the sandbox, which answers
// exactly these. information_schema works on Core and Enterprise and needs no access to _internal.

export const LIST_TABLES_SQL = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'iox' ORDER BY table_name";
