// What the user verbs share: where the user is.

export interface Where {
  datastore?: string;
}

export const DATASTORE = ['--datastore <datastore>', 'the datastore (name or ID)'] as const;
