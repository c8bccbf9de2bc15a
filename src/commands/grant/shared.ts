// What the grant verbs share: a grant is a user's access to a database, in a datastore.

export interface GrantFlags {
  datastore?: string;
  user?: string;
  database?: string;
}

export const DATASTORE = ['--datastore <datastore>', 'the datastore (name or ID)'] as const;
