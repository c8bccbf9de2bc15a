// What the extension verbs share: an extension is installed in a database of a datastore.

export interface Place {
  datastore?: string;
  database?: string;
}

export const DATASTORE = ['--datastore <datastore>', 'the PostgreSQL datastore (name or ID)'] as const;
export const DATABASE = ['--database <database>', 'the database (name or ID)'] as const;
