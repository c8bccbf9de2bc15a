// Selectel Managed Databases (API v1): datastores and what lives in them, the project's metrics tokens,
// and the service's catalogs. The server is picked by region; every request carries X-Auth-Token.

import type { Family } from '../types.js';

const REGIONS = ['ru-1', 'ru-2', 'ru-3', 'ru-7', 'ru-8', 'ru-9', 'uz-1', 'kz-1'] as const;
const DEFAULT_IDENTITY_URL = 'https://cloud.api.selcloud.ru/identity/v3';

const WAIT = ['--wait', '--no-wait', '--wait-timeout'];
const FLAVOR = ['--flavor', '--vcpus', '--ram', '--disk'];
// `get` takes the type too: a configuration parameter's name is the same on every engine version.
const catalog = (filters: string[]) => ({ list: filters, get: filters.filter((f) => f === '--type') });

const catalogs = Object.fromEntries(Object.entries({
  'datastore-types': catalog(['--engine']),
  flavors: catalog(['--name', '--type']),
  'configuration-parameters': catalog(['--name', '--type']),
  'available-extensions': catalog(['--name', '--type']),
}).flatMap(([noun, verbs]) => Object.entries(verbs).map(([verb, flags]) => [`${noun} ${verb}`, flags])));

export const dbaas = {
  products: {
    dbaas: {
      title: 'Selectel Managed Databases',
      regions: REGIONS,
      hostOf: (region: string) => `https://${region}.dbaas.selcloud.ru`,
      identityUrl: DEFAULT_IDENTITY_URL,
      authHeader: (token) => ['x-auth-token', token],
      verbs: {
        'datastore list': ['--name', '--status', '--type', '--flavor', '--subnet', '--deleted'],
        'datastore get': [],
        'datastore create': ['--type', ...FLAVOR, '--nodes', '--subnet', '--config', '--pooler-mode', '--pooler-size', '--backup-retention-days', '--password-stdin', ...WAIT],
        'datastore rename': WAIT,
        'datastore delete': WAIT,
        'datastore resize': ['--nodes', ...FLAVOR, '--disk-size', ...WAIT],
        'datastore config': ['--set', '--reset', ...WAIT],
        'datastore firewall': ['--ip', '--add', '--remove', '--clear', ...WAIT],
        'datastore pooler': ['--mode', '--size', ...WAIT],
        'datastore backups': ['--retention-days', ...WAIT],
        'datastore password': ['--password-stdin', ...WAIT],
        'datastore wait': ['--wait-timeout'],
        'database create': ['--datastore', '--owner', '--lc-collate', '--lc-ctype', ...WAIT],
        'database list': ['--datastore', '--status'],
        'database update': ['--datastore', '--owner', ...WAIT],
        'database delete': ['--datastore', ...WAIT],
        'user create': ['--datastore', '--password-stdin', ...WAIT],
        'user list': ['--datastore', '--name', '--status'],
        'user update': ['--datastore', '--password-stdin', ...WAIT],
        'user delete': ['--datastore', ...WAIT],
        'grant create': ['--datastore', '--user', '--database', ...WAIT],
        'grant list': ['--datastore', '--user', '--database', '--status'],
        'grant delete': ['--datastore', '--user', '--database', ...WAIT],
        'acl create': ['--datastore', '--user', '--pattern', '--pattern-type', '--read', '--write', ...WAIT],
        'acl list': ['--datastore', '--user', '--pattern', '--pattern-type', '--status'],
        'acl update': ['--read', '--no-read', '--write', '--no-write', ...WAIT],
        'acl delete': WAIT,
        'topic create': ['--datastore', '--partitions', ...WAIT],
        'topic list': ['--datastore', '--name', '--status'],
        'topic update': ['--datastore', '--partitions', ...WAIT],
        'topic delete': ['--datastore', ...WAIT],
        'extension create': ['--datastore', '--database', ...WAIT],
        'extension list': ['--datastore', '--database', '--status'],
        'extension delete': ['--datastore', '--database', ...WAIT],
        'replication-slot create': ['--datastore', '--database', ...WAIT],
        'replication-slot list': ['--datastore', '--database', '--name', '--status'],
        'replication-slot delete': ['--datastore', ...WAIT],
        'token create': ['--name', '--output-file'],
        'token list': ['--show-value'],
        'token get': ['--show-value'],
        'token rename': ['--show-value'],
        'token revoke': [],
        ...catalogs,
      },
    },
  },
  load: () => import('./backend.js'),
} satisfies Family<'dbaas'>;
