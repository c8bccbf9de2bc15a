// InfluxDB OSS v2: its legacy (v1-compatible) username/password authorizations.

import type { Family } from '../types.js';

const TARGET = ['--id', '--username'];

export const v2 = {
  products: {
    v2: {
      title: 'InfluxDB OSS v2',
      defaultHost: 'http://localhost:8086',
      env: { host: 'INFLUX_HOST', token: 'INFLUX_TOKEN', tlsNoVerify: 'INFLUX_SKIP_VERIFY' },
      authHeader: (token) => ['authorization', `Token ${token}`],
      verbs: {
        'v1-auth create': ['--username', '--description', '--read-bucket', '--write-bucket', '--permission', '--org', '--org-id', '--password-stdin', '--no-password'],
        'v1-auth list': ['--username', '--id', '--user', '--user-id', '--org', '--org-id'],
        'v1-auth get': TARGET,
        'v1-auth update': [...TARGET, '--description'],
        'v1-auth set-active': TARGET,
        'v1-auth set-inactive': TARGET,
        'v1-auth set-password': [...TARGET, '--password-stdin'],
        'v1-auth delete': TARGET,
      },
    },
  },
  load: () => import('./backend.js'),
} satisfies Family<'v2'>;
