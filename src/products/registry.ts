// Every product influxadm drives, from the folders under src/products. Adding a product is a folder and
// one line in FAMILIES. What each product can do is declared there and read here, so the capability errors,
// --help and completion all come from one place. Only the small descriptors load at start-up; a backend is
// imported when a command first talks to its product.

import { dbaas } from './dbaas/descriptor.js';
import { influxdb3 } from './influxdb3/descriptor.js';
import { management } from './management/descriptor.js';
import type { HttpClient } from '../api/http.js';
import type { Backend, Family, ProductInfo, Session } from './types.js';
import { v2 } from './v2/descriptor.js';

const FAMILIES = [management, influxdb3, v2, dbaas] as const;

type ProductsOf<F> = F extends Family<infer P> ? P : never;
export type Product = ProductsOf<(typeof FAMILIES)[number]>;

export const PRODUCTS: readonly Product[] = FAMILIES.flatMap((f) => Object.keys(f.products) as Product[]);

export function isProduct(value: string): value is Product {
  return (PRODUCTS as readonly string[]).includes(value);
}

function familyOf(product: Product): Family {
  return FAMILIES.find((f) => Object.hasOwn(f.products, product))!;
}

export function productInfo(product: Product): ProductInfo {
  return (familyOf(product).products as Record<string, ProductInfo>)[product]!;
}

export async function loadBackend(session: Session): Promise<Backend> {
  const { createBackend } = await familyOf(session.target.product).load();
  return createBackend(session);
}

/** Whether a host can be asked if it is this product (see detectProduct). */
export function detectable(product: Product): boolean {
  return (familyOf(product) as Family).detection !== undefined;
}

/** Asks a host which product it is, through every family that knows how; undefined when none can tell. */
export async function detectProduct(open: (as: Product) => Promise<HttpClient>, debug: (line: string) => void): Promise<Product | undefined> {
  for (const family of FAMILIES) {
    const detection = (family as Family).detection;
    if (!detection) continue;
    const found = await detection.detect(await open(detection.as as Product), debug);
    if (found) return found as Product;
  }
  return undefined;
}

/** The products that have a verb, in registry order. */
export function productsFor(verb: string): Product[] {
  return PRODUCTS.filter((p) => Object.hasOwn(productInfo(p).verbs, verb));
}

/** Every verb some product has, grouped by noun. */
export function allVerbs(): string[] {
  const verbs = [...new Set(PRODUCTS.flatMap((p) => Object.keys(productInfo(p).verbs)))];
  const nouns = [...new Set(verbs.map((v) => v.split(' ')[0]))];
  return nouns.flatMap((noun) => verbs.filter((v) => v.split(' ')[0] === noun));
}

/** The products that understand a flag of a verb. */
export function productsForFlag(verb: string, flag: string): Product[] {
  return productsFor(verb).filter((p) => productInfo(p).verbs[verb]!.includes(flag));
}

export function describeProducts(products: readonly Product[]): string {
  return products.map((p) => `${p} (${productInfo(p).title})`).join(', ');
}

/** A sentence saying why `verb` is unavailable on `product`, or undefined when it is available. */
export function unsupportedReason(verb: string, product: Product): string | undefined {
  const products = productsFor(verb);
  if (products.includes(product)) return undefined;
  const advice = productInfo(product).advice?.[verb];
  if (advice) return `\`${verb}\` is not available for ${product}: ${advice}`;
  return `\`${verb}\` is not available for ${product} (${productInfo(product).title}); it works on ${describeProducts(products)}`;
}

/**
 * The same for a flag. A flag that no product of the verb declares is not the products' business (the
 * influxdb3-shaped aliases route with such flags); one declared by some but not this product is refused.
 */
export function unsupportedFlagReason(verb: string, flag: string, product: Product): string | undefined {
  const products = productsForFlag(verb, flag);
  if (products.length === 0 || products.includes(product)) return undefined;
  return `\`${verb} ${flag}\` is not available for ${product} (${productInfo(product).title}); it works on ${describeProducts(products)}`;
}
