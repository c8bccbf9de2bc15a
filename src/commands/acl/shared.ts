// What the ACL verbs share.

export const DATASTORE = ['--datastore <datastore>', 'the Kafka datastore (name or ID)'] as const;
