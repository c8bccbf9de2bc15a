// Which product manages which kinds, and with which fields: read from every product's own declaration
// (its backend's `resources()`), so that a file asking a product for a kind or a field it lacks is an
// error that names the products that have it, and `influxadm schema` describes every product. The
// backends are made with a session that never sends: declarations need no server.

import { loadBackend, PRODUCTS, type Product } from '../products/registry.js';
import type { ResourceKind, Session } from '../products/types.js';

export type Catalog = ReadonlyMap<Product, readonly ResourceKind[]>;

export async function loadCatalog(env: NodeJS.ProcessEnv): Promise<Catalog> {
  const entries = await Promise.all(PRODUCTS.map(async (product) => [product, await kindsOf(product, env)] as const));
  return new Map(entries.filter(([, kinds]) => kinds.length > 0));
}

/** One product's declaration (what a file's target is checked against; the others load only to explain an error). */
export async function kindsOf(product: Product, env: NodeJS.ProcessEnv): Promise<readonly ResourceKind[]> {
  const backend = await loadBackend(inertSession(product, env));
  return (await backend.resources?.()) ?? [];
}

function inertSession(product: Product, env: NodeJS.ProcessEnv): Session {
  return {
    target: { product, host: 'http://catalog.invalid', tlsNoVerify: false, origins: {} },
    env,
    http: () => Promise.reject(new Error('the declaration catalog never sends a request')),
    httpFor: () => Promise.reject(new Error('the declaration catalog never sends a request')),
    debug: () => undefined,
    notice: () => undefined,
  };
}

/** Every kind some product has, in the order products declare them. */
export function allKinds(catalog: Catalog): string[] {
  return [...new Set([...catalog.values()].flatMap((kinds) => kinds.map((k) => k.kind)))];
}

export function productsWithKind(catalog: Catalog, kind: string): Product[] {
  return [...catalog].filter(([, kinds]) => kinds.some((k) => k.kind === kind)).map(([p]) => p);
}

export function productsWithField(catalog: Catalog, kind: string, field: string): Product[] {
  return [...catalog].filter(([, kinds]) => kinds.some((k) => k.kind === kind && Object.hasOwn(k.fields, field))).map(([p]) => p);
}
