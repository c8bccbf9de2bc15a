// Datastores: the clusters everything else lives in. Names resolve to IDs; a type is `engine-version`;
// a flavor is a name, an ID, or vcpus/RAM/disk looked up in the flavor catalog; configuration values are
// typed by the parameter catalog before anything is sent.

import { asUsage, usageError } from '../../errors.js';
import { printable } from '../../input/names.js';
import type { DatastoreOps, DatastoreSpec, Shown } from '../types.js';
import type { DatastoreCreate, DatastoreResize } from './client.js';
import { checkDatastoreName, checkFirewallEntry, checkPassword, configValue } from './inputs.js';
import type { Kit } from './kit.js';
import { typeLabel } from './resolve.js';
import type { Datastore } from './schemas.js';
import { datastoreColumns } from './views.js';

const POOLER_MODES = ['session', 'transaction', 'statement'];

export function datastoreOps(kit: Kit): DatastoreOps {
  const { resolve } = kit;
  const shown = async (d: Datastore): Promise<Shown<Datastore>> => ({ item: d, columns: datastoreColumns(await resolve.typeNames()), json: d, name: d.name, id: d.id });
  const read = async (id: string) => (await kit.client()).getDatastore(id);
  const label = (d: Datastore) => `datastore "${d.name}"`;

  const typedConfig = async (typeId: string, set: Record<string, string>) => {
    const keys = Object.keys(set);
    if (keys.length === 0) return {};
    const parameters = await resolve.parameters(typeId);
    const out: Record<string, string | number | boolean> = {};
    for (const key of keys) {
      const parameter = parameters.get(key);
      if (!parameter) throw usageError(`"${key}" is not a configuration parameter of this datastore type`, 'see `influxadm configuration-parameters list --type TYPE`');
      if (parameter.is_changeable === false) throw usageError(`"${key}" cannot be changed`);
      out[key] = asUsage(() => configValue(set[key]!, parameter));
    }
    return out;
  };

  /**
   * The type of a datastore, from the catalog: what its engine lacks (a pooler off PostgreSQL, a password
   * off Redis) is refused before it is sent. A type the catalog does not list is left to the server.
   */
  const typeOf = async (d: Datastore) => (await resolve.datastoreTypes()).find((t) => t.id === d.type_id);
  const POOLER_ENGINE = 'postgresql';

  const pooler = (change: { mode?: string; size?: number }) => {
    if (change.mode !== undefined && !POOLER_MODES.includes(change.mode)) throw usageError(`the pooler mode must be ${POOLER_MODES.join(', ')}, not "${change.mode}"`);
    if (change.size !== undefined && (change.size < 1 || change.size > 500)) throw usageError(`the pooler size must be 1 to 500, not ${change.size}`);
    return { ...(change.mode ? { mode: change.mode as 'session' } : {}), ...(change.size !== undefined ? { size: change.size } : {}) };
  };

  /**
   * A create's body from the catalogs: its name, type, flavor and configuration checked, and refused
   * (a usage error) before anything is sent. Reads only, so that plan can check a file's datastores too.
   */
  const bodyFor = async (spec: DatastoreSpec): Promise<{ name: string; body: DatastoreCreate }> => {
    const name = asUsage(() => checkDatastoreName(spec.name));
    if (spec.nodes < 1) throw usageError('a datastore needs at least one node');
    const type = await resolve.datastoreType(spec.type);
    // Redis needs a password and no other engine takes one. A type named on the command line was
    // checked there; one given by its ID is known only now, from the catalog, and is checked before the
    // rest of the catalogs are read or anything is created.
    const redis = type.engine === 'redis';
    if (redis && !spec.password) throw usageError(`the datastore type ${printable(spec.type)} is ${typeLabel(type)}, which needs a password: pass it with --password-stdin (in an apply file, password: \${VAR})`);
    if (!redis && spec.password) throw usageError(`the datastore type ${printable(spec.type)} is ${typeLabel(type)}, not Redis; only a Redis datastore takes a password`);
    if (spec.pooler && type.engine !== POOLER_ENGINE) throw usageError(`the datastore type ${typeLabel(type)} has no connection pooler; only PostgreSQL has one`);
    const flavor = await resolve.flavor(spec, type.id);
    const config = await typedConfig(type.id, spec.config ?? {});
    const body: DatastoreCreate = {
      name,
      type_id: type.id,
      subnet_id: spec.subnet,
      node_count: spec.nodes,
      flavor_id: flavor.id,
      ...(Object.keys(config).length ? { config } : {}),
      ...(spec.pooler ? { pooler: pooler(spec.pooler) } : {}),
      ...(spec.backupRetentionDays !== undefined ? { backup_retention_days: spec.backupRetentionDays } : {}),
    };
    return { name, body };
  };

  return {
    checkPassword: (password) => asUsage(() => checkPassword(password)),

    async list(filters) {
      const api = await kit.client();
      const type = filters.type === undefined ? undefined : await resolve.datastoreType(filters.type);
      const flavor = filters.flavor === undefined ? undefined : (await resolve.flavors()).find((f) => f.id === filters.flavor || f.name === filters.flavor);
      if (filters.flavor !== undefined && !flavor) throw usageError(`no flavor "${filters.flavor}"`, 'see `influxadm flavors list`');
      const items = (await api.listDatastores({
        name: filters.name, status: filters.status, type_id: type?.id, flavor_id: flavor?.id, subnet_id: filters.subnet, deleted: filters.deleted,
      })).filter((d) => (filters.name === undefined || d.name === filters.name) && (filters.status === undefined || d.status === filters.status)
        && (type === undefined || d.type_id === type.id) && (flavor === undefined || d.flavor_id === flavor.id)
        && (filters.subnet === undefined || d.subnet_id === filters.subnet));
      return { items, columns: datastoreColumns(await resolve.typeNames()), json: (d) => d };
    },

    async get(ref) {
      return shown(await resolve.datastore(ref));
    },

    async check(spec) {
      await bodyFor(spec);
    },

    async create(spec, options = {}) {
      const { name, body } = await bodyFor(spec);
      const api = await kit.client();
      const find = async () => (await api.listDatastores({ name })).find((d) => d.name === name);
      const created = await kit.create(`datastore "${name}"`, find, async () => {
        // Asked only now: everything else has been checked and the name is free.
        if (spec.password) {
          const secret = await spec.password();
          body.redis_password = asUsage(() => checkPassword(secret));
        }
        return api.createDatastore(body);
      }, read, options.wait);
      return shown(created);
    },

    async rename(ref, newName, options = {}) {
      const name = asUsage(() => checkDatastoreName(newName, 'new datastore name'));
      const current = await kit.ready(ref, options.wait);
      const api = await kit.client();
      return shown(await kit.change(label(current), () => api.renameDatastore(current.id, name), read, options.wait));
    },

    async removal(refs, options = {}) {
      const items = await kit.entries('datastore', refs, options.missingAllowed, async (ref) => {
        const d = await resolve.datastore(ref);
        return { label: label(d), item: d };
      });
      const api = await kit.client();
      return kit.removal(items, (id) => api.deleteDatastore(id), read, options.wait);
    },

    async resize(ref, change, options = {}) {
      if (change.nodes === undefined && change.flavor === undefined && change.vcpus === undefined && change.diskSize === undefined) {
        throw usageError('nothing to resize', 'pass --nodes N, --flavor NAME|ID (or --vcpus, --ram and --disk) or --disk-size GB');
      }
      if (change.nodes !== undefined && change.nodes < 1) throw usageError('a datastore needs at least one node');
      const current = await kit.ready(ref, options.wait);
      const body: DatastoreResize = {};
      if (change.nodes !== undefined) body.node_count = change.nodes;
      if (change.flavor !== undefined || change.vcpus !== undefined) body.flavor_id = (await resolve.flavor(change, current.type_id ?? '')).id;
      if (change.diskSize !== undefined) body.disk = { size: change.diskSize };
      const api = await kit.client();
      return shown(await kit.change(label(current), () => api.resizeDatastore(current.id, body), read, options.wait));
    },

    async configure(ref, change, options = {}) {
      if (Object.keys(change.set).length === 0 && change.reset.length === 0) throw usageError('nothing to change', 'pass --set KEY=VALUE or --reset KEY');
      const overlap = change.reset.find((key) => Object.hasOwn(change.set, key));
      if (overlap) throw usageError(`"${overlap}" is both set and reset`);
      const current = await kit.ready(ref, options.wait);
      const config: Record<string, string | number | boolean | null> = await typedConfig(current.type_id ?? '', change.set);
      const known = await resolve.parameters(current.type_id ?? '');
      for (const key of change.reset) {
        if (!known.has(key)) throw usageError(`"${key}" is not a configuration parameter of this datastore type`);
        // The API resets a parameter to its default when it is sent as null.
        config[key] = null;
      }
      const api = await kit.client();
      return shown(await kit.change(label(current), () => api.configureDatastore(current.id, config), read, options.wait));
    },

    async firewall(ref, change, options = {}) {
      const replace = change.ips !== undefined;
      if (replace && (change.add?.length || change.remove?.length)) throw usageError('either give the whole list (--ip) or change it (--add, --remove), not both');
      if (!replace && !change.add?.length && !change.remove?.length) throw usageError('nothing to change', 'pass --ip ADDR (the whole list), --add ADDR or --remove ADDR; --clear for none');
      for (const ip of [...(change.ips ?? []), ...(change.add ?? []), ...(change.remove ?? [])]) asUsage(() => checkFirewallEntry(ip));
      const current = await kit.ready(ref, options.wait);
      const now = (current.firewall ?? []).map((entry) => entry.ip);
      const ips = replace ? [...new Set(change.ips)] : [...new Set([...now, ...(change.add ?? [])])].filter((ip) => !(change.remove ?? []).includes(ip));
      const api = await kit.client();
      return shown(await kit.change(label(current), () => api.setDatastoreFirewall(current.id, ips), read, options.wait));
    },

    async pooler(ref, change, options = {}) {
      if (change.mode === undefined && change.size === undefined) throw usageError('nothing to change', 'pass --mode session|transaction|statement and/or --size N');
      const body = pooler(change);
      const current = await kit.ready(ref, options.wait);
      const type = await typeOf(current);
      if (type && type.engine !== POOLER_ENGINE) throw usageError(`${label(current)} is ${typeLabel(type)}, which has no connection pooler; only PostgreSQL has one`);
      const api = await kit.client();
      return shown(await kit.change(label(current), () => api.setDatastorePooler(current.id, body), read, options.wait));
    },

    async backups(ref, days, options = {}) {
      if (!Number.isInteger(days) || days < 1) throw usageError('backups are kept for at least 1 day');
      const current = await kit.ready(ref, options.wait);
      const api = await kit.client();
      return shown(await kit.change(label(current), () => api.setDatastoreBackups(current.id, days), read, options.wait));
    },

    async password(ref, password, options = {}) {
      const current = await kit.ready(ref, options.wait);
      const type = await typeOf(current);
      if (type && type.engine !== 'redis') throw usageError(`${label(current)} is ${typeLabel(type)}, not Redis; only a Redis datastore has a password`);
      const secret = await password();
      asUsage(() => checkPassword(secret));
      const api = await kit.client();
      return shown(await kit.change(label(current), () => api.setRedisPassword(current.id, secret), read, options.wait));
    },

    async wait(ref, wait) {
      return shown(await kit.ready(ref, wait));
    },
  };
}
