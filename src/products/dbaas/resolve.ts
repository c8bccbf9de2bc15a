// Names are accepted wherever the API wants IDs, so scripts need no UUID plumbing. A name is looked up with
// the API's own filters and then checked here against what came back (exact match): a server that ignored
// a filter can never make the tool act on another object. No match is exit 3; two are exit 2 naming their
// IDs. Catalogs (types, flavors, parameters, extensions) are read once per run.

import { CliError, ExitCode, usageError } from '../../errors.js';
import { printable } from '../../input/names.js';
import type { FlavorChoice } from '../types.js';
import type { DbaasClient } from './client.js';
import { isId } from './inputs.js';
import type { AvailableExtension, ConfigurationParameter, Datastore, DatastoreType, Flavor } from './schemas.js';
import type { Names } from './views.js';

interface Named {
  id: string;
  name: string;
}

/** The one object of `items` called `name`; `what` names the kind, `where` (` in datastore "pg"`) where it was looked for. */
export function exactlyOne<T extends Named>(items: readonly T[], name: string, what: string, where = ''): T {
  const matches = items.filter((item) => item.name === name);
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) throw new CliError(`no ${what} named "${printable(name)}"${where}`, ExitCode.notFound);
  throw usageError(`${matches.length} ${what}s are named "${printable(name)}"${where} (IDs ${matches.map((m) => m.id).join(', ')}); give the ID`);
}

export const typeLabel = (t: DatastoreType): string => `${t.engine}-${t.version}`;

/** The type `ref` names among `types`: its ID, its `engine-version`, or its engine when that has one version. */
export function findType(types: readonly DatastoreType[], ref: string): DatastoreType | undefined {
  const found = types.find((t) => t.id === ref) ?? types.find((t) => typeLabel(t) === ref);
  if (found) return found;
  const ofEngine = types.filter((t) => t.engine === ref);
  return ofEngine.length === 1 ? ofEngine[0] : undefined;
}

export class Resolver {
  private types?: Promise<DatastoreType[]>;
  private flavorList?: Promise<Flavor[]>;
  private extensionList?: Promise<AvailableExtension[]>;
  private readonly parameterMaps = new Map<string, Promise<Map<string, ConfigurationParameter>>>();

  constructor(private readonly client: () => Promise<DbaasClient>) {}

  async datastore(ref: string): Promise<Datastore> {
    const api = await this.client();
    if (isId(ref)) return api.getDatastore(ref);
    return exactlyOne(await api.listDatastores({ name: ref }), ref, 'datastore');
  }

  /** Every datastore type of the service. */
  datastoreTypes(): Promise<DatastoreType[]> {
    this.types ??= this.client().then((api) => api.listDatastoreTypes());
    return this.types;
  }

  /** Datastore type ID → `engine-version`, for tables. */
  async typeNames(): Promise<Names> {
    return new Map((await this.datastoreTypes()).map((t) => [t.id, typeLabel(t)]));
  }

  /** A type by ID, by `engine-version` (`postgresql-16`), or by engine alone when it has one version. */
  async datastoreType(ref: string): Promise<DatastoreType> {
    const types = await this.datastoreTypes();
    const found = findType(types, ref);
    if (found) return found;
    const ofEngine = types.filter((t) => t.engine === ref);
    const known = types.map(typeLabel).join(', ');
    if (ofEngine.length > 1) throw usageError(`"${printable(ref)}" has ${ofEngine.length} versions; say which: ${ofEngine.map(typeLabel).join(', ')}`);
    throw usageError(`no datastore type "${printable(ref)}"; types: ${known}`, 'see `influxadm datastore-types list`');
  }

  flavors(): Promise<Flavor[]> {
    this.flavorList ??= this.client().then((api) => api.listFlavors());
    return this.flavorList;
  }

  /** A flavor by ID or name, or the one with exactly these vcpus, RAM (MB) and disk (GB), for this type. */
  async flavor(choice: FlavorChoice, typeId: string): Promise<Flavor> {
    const forType = (await this.flavors()).filter((f) => f.datastore_type_ids.includes(typeId));
    if (choice.flavor !== undefined) {
      if (isId(choice.flavor)) {
        const byId = (await this.flavors()).find((f) => f.id === choice.flavor);
        if (!byId) throw new CliError(`no flavor ${choice.flavor}`, ExitCode.notFound, 'see `influxadm flavors list`');
        if (!byId.datastore_type_ids.includes(typeId)) throw usageError(`flavor ${choice.flavor} is not offered for this datastore type`);
        return byId;
      }
      return exactlyOne(forType as Array<Flavor & Named>, choice.flavor, 'flavor', ' for this datastore type');
    }
    const sized = forType.filter((f) => f.vcpus === choice.vcpus && f.ram === choice.ram && f.disk === choice.disk);
    if (sized.length >= 1) return sized[0]!;
    const offered = forType.map((f) => `${f.vcpus} vCPU/${f.ram} MB/${f.disk} GB`).join(', ');
    throw usageError(`no flavor with ${choice.vcpus} vCPU, ${choice.ram} MB RAM and ${choice.disk} GB disk for this datastore type`, `offered: ${offered || 'none'}`);
  }

  /** The configuration parameters of a datastore type, by name. */
  parameters(typeId: string): Promise<Map<string, ConfigurationParameter>> {
    let found = this.parameterMaps.get(typeId);
    if (!found) {
      found = this.client()
        .then((api) => api.listConfigurationParameters({ datastore_type_id: typeId }))
        .then((list) => new Map(list.filter((p) => p.datastore_type_id === typeId).map((p) => [p.name, p])));
      this.parameterMaps.set(typeId, found);
    }
    return found;
  }

  availableExtensions(): Promise<AvailableExtension[]> {
    this.extensionList ??= this.client().then((api) => api.listAvailableExtensions());
    return this.extensionList;
  }

  async availableExtension(ref: string, typeId?: string): Promise<AvailableExtension> {
    const all = await this.availableExtensions();
    const byId = isId(ref) ? all.find((e) => e.id === ref) : undefined;
    const found = byId ?? exactlyOne(all.filter((e) => typeId === undefined || e.datastore_type_ids.includes(typeId)), ref, 'available extension');
    if (typeId !== undefined && !found.datastore_type_ids.includes(typeId)) throw usageError(`the extension "${found.name}" is not available for this datastore type`);
    return found;
  }
}
