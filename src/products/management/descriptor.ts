// InfluxDB 3 Cloud Dedicated and Clustered: one Management API, two path prefixes. What they can do.

import type { Family, ProductInfo } from '../types.js';

const TEMPLATE = ['--template-tag', '--template-tag-bucket', '--template-timeformat'];
const PERMISSIONS = ['--permission', '--read-database', '--write-database'];
const NO_TABLE_LISTING = 'the Management API has no table listing; run `SHOW TABLES` (or query information_schema.tables) with a database token, or use `influxctl table list DATABASE`';

const verbs = {
  'database create': ['--retention-period', '--max-tables', '--max-columns', ...TEMPLATE],
  'database list': [],
  'database update': ['--retention-period', '--max-tables', '--max-columns'],
  'database delete': [],
  'database rename': [],
  'database undelete': [],
  'table create': TEMPLATE,
  'table delete': [],
  'table rename': [],
  'table undelete': [],
  'token create': ['--description', '--name', ...PERMISSIONS, '--expiry', '--expires-at', '--output-file'],
  'token list': ['--include-revoked', '--sort'],
  'token get': ['--include-revoked'],
  'token update': ['--description', ...PERMISSIONS, '--add-permission', '--remove-permission'],
  'token revoke': [],
};

const bearer = (token: string): [string, string] => ['authorization', `Bearer ${token}`];

const product = (title: string, defaultHost?: string): ProductInfo => ({
  title,
  ...(defaultHost ? { defaultHost } : {}),
  authHeader: bearer,
  verbs,
  advice: { 'table list': NO_TABLE_LISTING },
});

export const management = {
  products: {
    dedicated: product('InfluxDB 3 Cloud Dedicated', 'https://console.influxdata.com'),
    clustered: product('InfluxDB 3 Clustered'),
  },
  load: () => import('./backend.js'),
} satisfies Family<'dedicated' | 'clustered'>;
