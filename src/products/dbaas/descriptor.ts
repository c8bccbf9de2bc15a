// Selectel Managed Databases (API v1): datastores and what lives in them.

import type { Family } from '../types.js';

export const dbaas = {
  products: {
    dbaas: {
      title: 'Selectel Managed Databases',
      authHeader: (token) => ['x-auth-token', token],
      verbs: {},
    },
  },
  load: () => import('./backend.js'),
} satisfies Family<'dbaas'>;
