// The read-only catalogs at `/v1/datastore-types`, `/v1/flavors`, `/v1/configuration-parameters` and
// `/v1/available-extensions`: list (with the documented filters) and get by ID. Writes to them are
// operator-only in the real service and answer 405 here.

import type { ApiRequest, Reply } from '../api.js';
import { catalog } from './catalog.js';
import { filtered, invalid, noRoute, notAllowed, notFound, ok } from './shared.js';

interface CatalogRoute {
  singular: string;
  label: string;
  filters: readonly string[];
  items(): Array<Record<string, unknown>>;
  /** Filters with a meaning of their own. */
  special?(items: Array<Record<string, unknown>>, query: URLSearchParams): Array<Record<string, unknown>>;
}

const ROUTES: Record<string, CatalogRoute> = {
  'datastore-types': { singular: 'datastore-type', label: 'datastoretype', filters: [], items: () => catalog().types as unknown as Array<Record<string, unknown>> },
  flavors: { singular: 'flavor', label: 'flavor', filters: ['id', 'name', 'fl_size'], items: () => catalog().flavors as unknown as Array<Record<string, unknown>> },
  'configuration-parameters': {
    singular: 'configuration-parameter',
    label: 'configurationparameter',
    filters: ['id', 'datastore_type_id', 'name'],
    items: () => catalog().parameters as unknown as Array<Record<string, unknown>>,
    special(items, query) {
      // The real service sizes some values to a flavor given by ram/vcpus/disk; the sandbox's catalog
      // has fixed values, so these are only checked to be integers.
      for (const name of ['ram', 'vcpus', 'disk']) {
        const value = query.get(name);
        if (value !== null && !/^\d+$/.test(value)) throw invalid(new Map([[name, `'${value}' is not of type 'integer'`]]));
      }
      return items;
    },
  },
  'available-extensions': {
    singular: 'available-extension',
    label: 'availableextension',
    filters: ['id', 'name'],
    items: () => catalog().extensions as unknown as Array<Record<string, unknown>>,
    special(items, query) {
      const type = query.get('datastore_type_id');
      return type === null ? items : items.filter((e) => (e.datastore_type_ids as string[]).includes(type));
    },
  },
};

export function ownsCatalog(collection: string): boolean {
  return collection in ROUTES;
}

export function handleCatalog(collection: string, request: ApiRequest, rest: string[]): Reply {
  const route = ROUTES[collection] as CatalogRoute;
  const [id, ...extra] = rest;
  if (extra.length > 0) return noRoute();
  if (request.method !== 'GET') return notAllowed();
  const items = route.items();
  if (id === undefined) {
    const query = request.url.searchParams;
    return ok(collection, filtered(route.special ? route.special(items, query) : items, query, route.filters));
  }
  const item = items.find((i) => i.id === id);
  if (!item) throw notFound(route.label, id);
  return ok(route.singular, item);
}
