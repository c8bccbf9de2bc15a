// The shapes of InfluxDB OSS v2: legacy authorizations, buckets and orgs. Loose objects: unknown
// fields are kept and passed through to --format json.

import * as z from '../../api/shape.js';

const legacyPermission = z.looseObject({
  action: z.string(),
  resource: z.looseObject({
    type: z.string(),
    id: z.optional(z.string()),
    orgID: z.optional(z.string()),
    name: z.optional(z.string()),
    org: z.optional(z.string()),
  }),
});

export const legacyAuthorization = z.looseObject({
  id: z.string(),
  /** For a legacy authorization, the v1 username (not a secret). */
  token: z.string(),
  status: z.optional(z.string()),
  description: z.optional(z.string()),
  orgID: z.optional(z.string()),
  org: z.optional(z.string()),
  userID: z.optional(z.string()),
  user: z.optional(z.string()),
  permissions: z.array(legacyPermission),
  createdAt: z.optional(z.string()),
  updatedAt: z.optional(z.string()),
});

export const legacyAuthorizationList = z.looseObject({ authorizations: z.array(legacyAuthorization) });

export const bucketList = z.looseObject({
  buckets: z.array(z.looseObject({ id: z.string(), name: z.string(), orgID: z.optional(z.string()) })),
});

export const orgList = z.looseObject({ orgs: z.array(z.looseObject({ id: z.string(), name: z.string() })) });

export type LegacyAuthorization = z.Infer<typeof legacyAuthorization>;
export type LegacyPermission = z.Infer<typeof legacyPermission>;
