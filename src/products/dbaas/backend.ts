// The Selectel Managed Databases backend. Its verbs arrive with the product; until then `auth status` is
// all that reaches it.

import type { Backend } from '../types.js';

export function createBackend(): Backend {
  return { probe: async () => ({ verdict: 'not checked', detail: 'no check is known for dbaas yet' }) };
}
