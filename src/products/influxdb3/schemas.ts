// The shapes of InfluxDB 3 Core/Enterprise answers. The server's shapes are awkward
// (`[{"iox::database": …}]`); commands normalise them into documented camelCase objects.

import * as z from '../../api/shape.js';

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

/** The answer to every token create and regenerate: the server's own snake_case object. */
export const createdToken = z.looseObject({
  id: z.optional(z.number()),
  name: z.optional(z.string()),
  token: z.string(),
  hash: z.optional(z.string()),
  created_at: z.optional(z.string()),
  expiry: z.optional(z.nullable(z.string())),
});

/** system.tokens rows; null columns are left out by the JSON writer. */
export const systemTokenRows = z.array(z.looseObject({
  token_id: z.number(),
  name: z.string(),
  hash: z.optional(z.string()),
  created_at: z.optional(z.string()),
  description: z.optional(z.nullable(z.string())),
  expiry: z.optional(z.nullable(z.string())),
  permissions: z.optional(z.string()),
}));
