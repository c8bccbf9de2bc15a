// The facts the generated reference pages are made of (scripts/docs.mjs), read from where they live.

import { EXIT_CODE_MEANINGS } from './errors.js';
import { allVerbs, PRODUCTS, productInfo, productsFor, productsForFlag } from './products/registry.js';

export function docsFacts() {
  const verbs = allVerbs().map((verb) => [verb, productsFor(verb)] as const);
  const flags = verbs.flatMap(([verb, having]) => {
    const all = [...new Set(having.flatMap((p) => productInfo(p).verbs[verb] ?? []))].sort();
    return all
      .map((flag) => [verb, flag, productsForFlag(verb, flag)] as const)
      .filter(([, , some]) => some.length < having.length);
  });
  return {
    products: PRODUCTS,
    titles: Object.fromEntries(PRODUCTS.map((p) => [p, productInfo(p).title])),
    verbs,
    flags,
    exitCodes: EXIT_CODE_MEANINGS,
  };
}
