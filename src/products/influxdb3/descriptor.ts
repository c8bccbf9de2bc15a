// InfluxDB 3 Core and Enterprise: the /api/v3 HTTP API. Enterprise adds resource tokens, table retention
// and data-only deletes; everything else is shared.

import type { Family, ProductInfo } from '../types.js';

const PERMISSIONS = ['--permission', '--read-database', '--write-database'];
const SECRET_OUTPUT = ['--output-file'];

const core = {
  'database create': ['--retention-period'],
  'database list': ['--show-deleted'],
  'database update': ['--retention-period'],
  'database delete': ['--hard-delete'],
  'table create': ['--tags', '--fields'],
  'table list': ['--show-deleted'],
  'table delete': ['--hard-delete'],
  'token create': ['--admin', '--name', '--expiry', '--expires-at', ...SECRET_OUTPUT],
  'token list': ['--admin-only', '--expired', '--name-like'],
  'token revoke': [],
  'token regenerate': SECRET_OUTPUT,
};

const enterprise = {
  ...core,
  'database delete': ['--hard-delete', '--data-only', '--remove-tables'],
  'table create': ['--tags', '--fields', '--retention-period'],
  'table update': ['--retention-period'],
  'table delete': ['--hard-delete', '--data-only'],
  'token create': [...core['token create'], ...PERMISSIONS],
};

const product = (title: string, verbs: ProductInfo['verbs']): ProductInfo => ({
  title,
  defaultHost: 'http://127.0.0.1:8181',
  env: { host: 'INFLUXDB3_HOST_URL', token: 'INFLUXDB3_AUTH_TOKEN', tlsCa: 'INFLUXDB3_TLS_CA', tlsNoVerify: 'INFLUXDB3_TLS_NO_VERIFY', database: 'INFLUXDB3_DATABASE_NAME' },
  authHeader: (token) => ['authorization', `Bearer ${token}`],
  verbs,
});

export const influxdb3 = {
  products: {
    core: product('InfluxDB 3 Core', core),
    enterprise: product('InfluxDB 3 Enterprise', enterprise),
  },
  load: () => import('./backend.js'),
  // A host without a product may be one of these: ask its /ping (with Core's credentials and header).
  detection: { as: 'core', detect: async (http, debug) => (await import('./detect.js')).detect(http, debug) },
} satisfies Family<'core' | 'enterprise'>;
