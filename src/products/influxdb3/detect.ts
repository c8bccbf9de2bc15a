// Core and Enterprise say which they are in /ping's x-influxdb-build header (or its product_name).

import type { HttpClient } from '../../api/http.js';
import { InfluxDb3Client } from './client.js';

export async function detect(http: HttpClient, debug: (line: string) => void): Promise<'core' | 'enterprise' | undefined> {
  const answer = await new InfluxDb3Client(http).ping().catch((error: unknown) => {
    debug(`product detection: /ping failed: ${(error as Error).message}`);
    return undefined;
  });
  const build = `${answer?.build ?? ''} ${answer?.productName ?? ''}`.toLowerCase();
  const product = build.includes('enterprise') ? 'enterprise' : build.includes('core') ? 'core' : undefined;
  debug(`product detection: /ping says ${JSON.stringify(answer ?? null)} → ${product ?? 'unknown'}`);
  return product;
}
