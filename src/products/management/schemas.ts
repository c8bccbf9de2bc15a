// The shapes of Management API responses (Cloud Dedicated and Clustered share them). Objects are
// loose: unknown fields a newer server adds are kept and passed through to --format json.

import * as z from '../../api/shape.js';

const partitionTemplatePart = z.looseObject({
  type: z.string(),
  value: z.unknown(),
});

export const managementDatabase = z.looseObject({
  accountId: z.optional(z.string()),
  clusterId: z.optional(z.string()),
  id: z.optional(z.int()),
  name: z.string(),
  maxTables: z.int(),
  maxColumnsPerTable: z.int(),
  // int64 nanoseconds: a year is ~3.2e16, past the safe integers of int(), so only the sign is checked.
  // Rename and undelete responses do not list retentionPeriod as required.
  retentionPeriod: z.optional(z.nonnegative()),
  partitionTemplate: z.optional(z.array(partitionTemplatePart)),
});

export const managementDatabaseList = z.array(managementDatabase);

export type ManagementDatabase = z.Infer<typeof managementDatabase>;

export const managementTable = z.looseObject({
  accountId: z.optional(z.string()),
  clusterId: z.optional(z.string()),
  databaseName: z.optional(z.string()),
  id: z.optional(z.int()),
  name: z.string(),
  partitionTemplate: z.optional(z.array(partitionTemplatePart)),
});

export type ManagementTable = z.Infer<typeof managementTable>;

export const managementToken = z.looseObject({
  accountId: z.optional(z.string()),
  clusterId: z.optional(z.string()),
  id: z.string(),
  description: z.string(),
  permissions: z.array(z.looseObject({ action: z.string(), resource: z.string() })),
  createdAt: z.optional(z.string()),
  expiresAt: z.optional(z.nullable(z.string())),
  revokedAt: z.optional(z.nullable(z.string())),
  /** Only in the answer to a create. */
  accessToken: z.optional(z.string()),
});

export const managementTokenList = z.array(managementToken);

export type ManagementToken = z.Infer<typeof managementToken>;
