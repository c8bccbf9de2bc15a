// Flag texts the token verbs share.

export const PERMISSION_HELP = 'TYPE:NAMES:ACTIONS, e.g. db:mydb:read,write, db:*:read, system:health:read (repeatable)';
