// The product API clients a command gets from its connection; each is imported only when used.

import type { InfluxDb3Client } from '../api/influxdb3.js';
import type { ManagementClient } from '../api/management.js';
import type { Connection } from '../context.js';

export async function managementClient(conn: Connection): Promise<ManagementClient> {
  const { ManagementClient } = await import('../api/management.js');
  const { target } = conn;
  return new ManagementClient(conn.http, { product: target.product as 'dedicated' | 'clustered', account: target.account, cluster: target.cluster });
}

export async function influxDb3Client(conn: Connection): Promise<InfluxDb3Client> {
  const { InfluxDb3Client } = await import('../api/influxdb3.js');
  return new InfluxDb3Client(conn.http);
}
