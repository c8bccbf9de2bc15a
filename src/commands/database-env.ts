// influxdb3 reads the database of `create/delete table -d`, `update database -d` and the name of
// `create/delete database` from INFLUXDB3_DATABASE_NAME when none is given; its shapes here do too, on the
// products whose official variable it is (the product's descriptor names it).

import type { Context } from '../context.js';
import { usageError } from '../errors.js';
import { productInfo, PRODUCTS } from '../products/registry.js';

/**
 * The database given on the line, else the target product's official variable; exit 2 when there is neither.
 * `verb` is the command's, so that the target resolves as the command's own would (a verb only one product
 * has picks that product): the target is resolved once, by its first caller.
 */
export async function databaseOrEnv(ctx: Context, verb: string, given: string | undefined, missing: string): Promise<string> {
  if (given !== undefined && given !== '') return given;
  const variables = [...new Set(PRODUCTS.map((p) => productInfo(p).env?.database).filter((v): v is string => v !== undefined))];
  // None set: the line is incomplete whatever the product, and nothing needs resolving (or asking) to say so.
  if (variables.some((v) => ctx.env[v])) {
    const variable = productInfo((await ctx.target(verb)).product).env?.database;
    const fromEnv = variable ? ctx.env[variable] : undefined;
    if (fromEnv) {
      ctx.debug(`database: ${fromEnv} (from ${variable})`);
      return fromEnv;
    }
  }
  throw usageError(missing, variables.length > 0 ? `${describe(variables)}: ${variables.join(' or ')} gives the default` : undefined);
}

function describe(variables: readonly string[]): string {
  return PRODUCTS.filter((p) => variables.includes(productInfo(p).env?.database ?? '')).join(', ');
}
