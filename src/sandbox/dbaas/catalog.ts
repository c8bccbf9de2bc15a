// The read-only catalogs of the DBaaS sandbox: datastore types, flavors, configuration parameters and
// available extensions, with plausible contents. IDs are derived from names, so they are the same in
// every sandbox and every state file; the catalog is built on first use, not at module load.

import { createHash } from 'node:crypto';

export type Engine = 'postgresql' | 'mysql' | 'mysql_native' | 'redis' | 'kafka';

export interface DatastoreType {
  id: string;
  engine: Engine;
  version: string;
}

export interface Flavor {
  id: string;
  name: string;
  description: string;
  fl_size: string;
  datastore_type_ids: string[];
  vcpus: number;
  ram: number;
  disk: number;
  host: { line: string; processor: string; available_count: number };
}

export type ParameterValue = number | string | boolean;

export interface ConfigurationParameter {
  id: string;
  datastore_type_id: string;
  name: string;
  type: 'int' | 'float' | 'str' | 'bool';
  unit: string;
  min: number | null;
  max: number | null;
  default_value: ParameterValue | null;
  choices: string[] | null;
  invalid_values: ParameterValue[] | null;
  is_restart_required: boolean;
  is_changeable: boolean;
}

export interface AvailableExtension {
  id: string;
  name: string;
  datastore_type_ids: string[];
  dependency_ids: string[];
}

export interface Catalog {
  types: DatastoreType[];
  flavors: Flavor[];
  parameters: ConfigurationParameter[];
  extensions: AvailableExtension[];
}

/** A stable UUID (version-5 layout) for a catalog entry. */
function catalogId(key: string): string {
  const h = createHash('sha1').update(`influxadm-sandbox-dbaas:${key}`).digest('hex');
  const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const TYPES: Array<[Engine, string]> = [
  ['postgresql', '14'], ['postgresql', '15'], ['postgresql', '16'],
  ['mysql', '8'], ['mysql_native', '8'],
  ['redis', '7'],
  ['kafka', '3.5'],
];

// [vcpus, ram MB, disk GB, fl_size, engines]
const FLAVORS: Array<[number, number, number, string, Engine[]]> = [
  [2, 4096, 32, 'small', ['postgresql', 'mysql', 'mysql_native']],
  [2, 8192, 64, 'medium', ['postgresql', 'mysql', 'mysql_native']],
  [4, 16384, 128, 'large', ['postgresql', 'mysql', 'mysql_native', 'kafka']],
  [8, 32768, 256, 'xlarge', ['postgresql', 'mysql', 'mysql_native']],
  [2, 4096, 64, 'small', ['kafka']],
  [1, 2048, 8, 'small', ['redis']],
  [2, 8192, 16, 'medium', ['redis']],
];

type ParameterSpec = Omit<ConfigurationParameter, 'id' | 'datastore_type_id' | 'invalid_values'> & { invalid_values?: ParameterValue[] };

const int = (name: string, min: number, max: number, default_value: number, unit = '', is_restart_required = false): ParameterSpec =>
  ({ name, type: 'int', unit, min, max, default_value, choices: null, is_restart_required, is_changeable: true });
const choice = (name: string, choices: string[], default_value: string, is_restart_required = false): ParameterSpec =>
  ({ name, type: 'str', unit: '', min: null, max: null, default_value, choices, is_restart_required, is_changeable: true });
const bool = (name: string, default_value: boolean): ParameterSpec =>
  ({ name, type: 'bool', unit: '', min: null, max: null, default_value, choices: null, is_restart_required: false, is_changeable: true });
const float = (name: string, min: number, max: number, default_value: number): ParameterSpec =>
  ({ name, type: 'float', unit: '', min, max, default_value, choices: null, is_restart_required: false, is_changeable: true });

const MYSQL_PARAMETERS: ParameterSpec[] = [
  int('max_connections', 10, 100000, 151, '', true),
  int('innodb_lock_wait_timeout', 1, 1073741824, 50, 's'),
  choice('transaction_isolation', ['READ-UNCOMMITTED', 'READ-COMMITTED', 'REPEATABLE-READ', 'SERIALIZABLE'], 'REPEATABLE-READ'),
  { ...choice('concurrent_insert', ['NEVER', 'AUTO', 'ALWAYS', '0', '1', '2'], 'AUTO'), invalid_values: ['0'] },
  bool('slow_query_log', false),
];

const PARAMETERS: Record<Engine, ParameterSpec[]> = {
  postgresql: [
    int('max_connections', 10, 10000, 100, '', true),
    int('work_mem', 64, 2097151, 4096, 'kB'),
    int('statement_timeout', 0, 2147483647, 0, 'ms'),
    int('temp_file_limit', -1, 2147483647, -1, 'kB'),
    float('autovacuum_vacuum_scale_factor', 0, 100, 0.2),
    choice('default_transaction_isolation', ['read uncommitted', 'read committed', 'repeatable read', 'serializable'], 'read committed'),
    bool('autovacuum', true),
    { ...int('shared_buffers', 16, 1073741823, 16384, '8kB', true), is_changeable: false },
  ],
  mysql: MYSQL_PARAMETERS,
  mysql_native: MYSQL_PARAMETERS,
  redis: [
    choice('maxmemory-policy', ['noeviction', 'allkeys-lru', 'volatile-lru', 'allkeys-random', 'volatile-random', 'volatile-ttl', 'allkeys-lfu', 'volatile-lfu'], 'noeviction'),
    int('timeout', 0, 2147483647, 0, 's'),
  ],
  kafka: [
    int('log.retention.hours', 1, 8760, 168, 'h'),
    int('message.max.bytes', 1024, 104857600, 1048588, 'B'),
    bool('auto.create.topics.enable', false),
  ],
};

// [name, names of the extensions it needs]
const EXTENSIONS: Array<[string, string[]]> = [
  ['pgcrypto', []],
  ['pg_stat_statements', []],
  ['uuid-ossp', []],
  ['hstore', []],
  ['pg_trgm', []],
  ['fuzzystrmatch', []],
  ['postgis', []],
  ['postgis_topology', ['postgis']],
  ['postgis_tiger_geocoder', ['postgis', 'fuzzystrmatch']],
];

let built: Catalog | undefined;

export function catalog(): Catalog {
  if (built) return built;
  const types = TYPES.map(([engine, version]) => ({ id: catalogId(`datastore-type:${engine}:${version}`), engine, version }));
  const typeIds = (engines: Engine[]) => types.filter((t) => engines.includes(t.engine)).map((t) => t.id);
  const flavors = FLAVORS.map(([vcpus, ram, disk, fl_size, engines]) => ({
    id: catalogId(`flavor:${vcpus}-${ram}-${disk}:${engines.join(',')}`),
    name: `PRC${engines.includes('redis') ? 'M' : ''}10.${vcpus}-${ram}-${disk}`,
    description: `${vcpus} vCPU, ${ram / 1024} GB RAM, ${disk} GB disk`,
    fl_size,
    datastore_type_ids: typeIds(engines),
    vcpus,
    ram,
    disk,
    host: { line: 'PRC', processor: 'Intel Xeon Gold 6240R', available_count: 100 },
  }));
  const parameters = types.flatMap((type) => PARAMETERS[type.engine].map((spec) => ({
    invalid_values: null,
    ...spec,
    id: catalogId(`configuration-parameter:${type.engine}:${type.version}:${spec.name}`),
    datastore_type_id: type.id,
  })));
  const extensionId = (name: string) => catalogId(`available-extension:${name}`);
  const extensions = EXTENSIONS.map(([name, needs]) => ({
    id: extensionId(name),
    name,
    datastore_type_ids: typeIds(['postgresql']),
    dependency_ids: needs.map(extensionId),
  }));
  built = { types, flavors, parameters, extensions };
  return built;
}

export function engineOf(typeId: string): Engine | undefined {
  return catalog().types.find((t) => t.id === typeId)?.engine;
}

export function typeLabel(typeId: string): string {
  const type = catalog().types.find((t) => t.id === typeId);
  return type ? `${type.engine} ${type.version}` : typeId;
}
