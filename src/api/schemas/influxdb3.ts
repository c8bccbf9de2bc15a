// zod schemas for InfluxDB 3 Core/Enterprise answers. The server's shapes are awkward
// (`[{"iox::database": …}]`); commands normalise them into documented camelCase objects.

import * as z from 'zod/mini';

export const showDatabasesRows = z.array(z.looseObject({
  'iox::database': z.string(),
  deleted: z.optional(z.boolean()),
}));

export const tableNameRows = z.array(z.looseObject({ table_name: z.string() }));

export const pingBody = z.looseObject({
  version: z.optional(z.string()),
  revision: z.optional(z.string()),
  product_name: z.optional(z.string()),
});
