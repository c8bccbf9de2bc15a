// The Selectel Managed Databases backend: datastores and everything inside them, the project's metrics
// tokens, the read-only catalogs, and project tokens from the identity service for `auth login`.

import { probeWith } from '../probe.js';
import type { Backend, Session } from '../types.js';
import { catalogOps } from './catalogs.js';
import { aclOps, databaseOps, extensionOps, grantOps, replicationSlotOps, topicOps, userOps } from './children.js';
import { datastoreOps } from './datastores.js';
import { createKit } from './kit.js';
import { metricsTokenOps } from './tokens.js';

export function createBackend(session: Session): Backend {
  const kit = createKit(session);
  const ops = { datastores: datastoreOps(kit), databases: databaseOps(kit), users: userOps(kit), grants: grantOps(kit), acls: aclOps(kit), topics: topicOps(kit) };
  return {
    ...ops,
    extensions: extensionOps(kit),
    replicationSlots: replicationSlotOps(kit),
    tokens: metricsTokenOps(kit),
    catalogs: catalogOps(kit),
    resources: async () => (await import('./resources.js')).dbaasResources(kit, ops),
    async login(user) {
      // Loaded here: it brings the HTTP layer, which a command that sends nothing should not load.
      const [http, { obtainProjectToken }] = await Promise.all([session.httpFor(user.identityUrl, { secrets: [user.password] }), import('./identity.js')]);
      return obtainProjectToken(http, user);
    },
    async probe() {
      // The cheapest authenticated read: a small catalog.
      return probeWith(await session.http(), { method: 'GET', path: '/v1/datastore-types', what: 'checking the token' });
    },
  };
}
