// zod schemas for Management API responses (Cloud Dedicated and Clustered share them). Objects are
// loose: unknown fields a newer server adds are kept and passed through to --format json.

import { z } from 'zod';

export const partitionTemplatePart = z.looseObject({
  type: z.string(),
  value: z.unknown(),
});

export const managementDatabase = z.looseObject({
  accountId: z.string().optional(),
  clusterId: z.string().optional(),
  id: z.number().int().optional(),
  name: z.string(),
  maxTables: z.number().int(),
  maxColumnsPerTable: z.number().int(),
  // Rename and undelete responses do not list retentionPeriod as required.
  retentionPeriod: z.number().int().nonnegative().optional(),
  partitionTemplate: z.array(partitionTemplatePart).optional(),
});

export const managementDatabaseList = z.array(managementDatabase);

export type ManagementDatabase = z.infer<typeof managementDatabase>;
