// The one way a verb reaches a product: check the verb against the target's capabilities, then take the
// noun's operations from its backend.

import type { Context } from '../context.js';
import { productInfo } from '../products/registry.js';
import type { Backend } from '../products/types.js';

type Nouns = Exclude<keyof Backend, 'probe'>;

export async function ops<K extends Nouns>(ctx: Context, verb: string, noun: K): Promise<NonNullable<Backend[K]>> {
  const found = (await ctx.backend(verb))[noun];
  // The registry's unit test holds declared verbs to implemented operations; this is a bug if it happens.
  if (!found) throw new Error(`\`${verb}\` is declared for this product but its backend has no ${noun}`);
  return found as NonNullable<Backend[K]>;
}

/** The flags the target's product declares for a verb, e.g. to say what an update could change. */
export async function declaredFlags(ctx: Context, verb: string): Promise<readonly string[]> {
  return productInfo((await ctx.target()).product).verbs[verb] ?? [];
}

/** `a, b or c` */
export function orList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
