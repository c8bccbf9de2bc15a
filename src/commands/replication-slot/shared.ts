// What the replication-slot verbs share.

export const DATASTORE = ['--datastore <datastore>', 'the PostgreSQL datastore (name or ID)'] as const;
export const DATABASE = ['--database <database>', 'the database (name or ID)'] as const;
