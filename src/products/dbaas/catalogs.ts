// The service's read-only catalogs: datastore types, flavors, configuration parameters and available
// extensions. Filters the API has go to it; a type may be named (`postgresql-16`) wherever an ID goes.

import { CliError, ExitCode } from '../../errors.js';
import type { CatalogKind, CatalogOps, Listing } from '../types.js';
import { isId } from './inputs.js';
import type { Kit } from './kit.js';
import { exactlyOne, findType, typeLabel } from './resolve.js';
import type { DatastoreType } from './schemas.js';
import { availableExtensionColumns, DATASTORE_TYPE_COLUMNS, flavorColumns, parameterColumns } from './views.js';

export function catalogOps(kit: Kit): CatalogOps {
  const { resolve } = kit;
  const typeId = async (ref: string | undefined) => (ref === undefined ? undefined : (await resolve.datastoreType(ref)).id);

  const list = async (kind: CatalogKind, filters: Record<string, string | undefined>): Promise<Listing> => {
    const api = await kit.client();
    switch (kind) {
      case 'datastore-types': {
        const items = (await resolve.datastoreTypes()).filter((t) => filters.engine === undefined || t.engine === filters.engine);
        return { items, columns: DATASTORE_TYPE_COLUMNS, json: (t) => t };
      }
      case 'flavors': {
        const type = await typeId(filters.type);
        const items = (await api.listFlavors({ name: filters.name })).filter((f) => (type === undefined || f.datastore_type_ids.includes(type)) && (filters.name === undefined || f.name === filters.name));
        return { items, columns: flavorColumns(await resolve.typeNames()), json: (f) => f };
      }
      case 'configuration-parameters': {
        const type = await typeId(filters.type);
        const items = (await api.listConfigurationParameters({ datastore_type_id: type, name: filters.name }))
          .filter((p) => (type === undefined || p.datastore_type_id === type) && (filters.name === undefined || p.name === filters.name));
        return { items, columns: parameterColumns(await resolve.typeNames()), json: (p) => p };
      }
      case 'available-extensions': {
        const type = await typeId(filters.type);
        const items = (await api.listAvailableExtensions({ name: filters.name, datastore_type_id: type }))
          .filter((e) => (type === undefined || e.datastore_type_ids.includes(type)) && (filters.name === undefined || e.name === filters.name));
        return { items, columns: availableExtensionColumns(await resolve.typeNames()), json: (e) => e };
      }
    }
  };

  return {
    list,
    async get(kind, ref, filters = {}) {
      const listing = await list(kind, { type: filters.type });
      const noun = kind.replace(/s$/, '').replace(/-/g, ' ');
      // A datastore type is named `engine-version`; the other catalogs' objects by their name.
      const named = (listing.items as Array<{ id: string; name?: string | null; engine?: string; version?: string }>)
        .map((item) => ({ item, id: item.id, name: item.engine ? typeLabel(item as DatastoreType) : (item.name ?? '') }));
      // A type is found as --type finds it: an engine with one version names it too.
      const type = kind === 'datastore-types' ? findType(listing.items as DatastoreType[], ref) : undefined;
      const found = (type && named.find((n) => n.id === type.id)) ?? named.find((n) => n.id === ref) ?? (isId(ref) ? undefined : exactlyOne(named, ref, noun));
      if (!found) throw new CliError(`no ${noun} ${ref}`, ExitCode.notFound);
      return { item: found.item, columns: listing.columns, json: found.item, name: found.name, id: found.id };
    },
  };
}
