// Pieces the auth verbs share: which profile, and the cheap authenticated read per product.

import type { HttpClient, RequestSpec } from '../../api/http.js';
import type { Context } from '../../context.js';
import { usageError } from '../../errors.js';
import { chooseProfile } from '../../config/resolve.js';
import type { ConfigFile, ProfileRecord } from '../../config/store.js';
import type { Product } from '../../products.js';

export function selectedProfile(ctx: Context, config: ConfigFile): { name: string; record: ProfileRecord } {
  const chosen = chooseProfile(ctx.globals, ctx.env, config);
  if (!chosen.name || !chosen.record) {
    throw usageError('which profile? pass --profile NAME or make one active', 'create one with `influxadm profile create NAME --product …`');
  }
  return { name: chosen.name, record: chosen.record };
}

/** The cheapest read each API offers that still needs a valid token. */
const PROBES: Partial<Record<Product, (prefix: string) => RequestSpec>> = {
  dedicated: (prefix) => ({ method: 'GET', path: `${prefix}/databases`, what: 'checking the token' }),
  clustered: (prefix) => ({ method: 'GET', path: `${prefix}/databases`, what: 'checking the token' }),
  core: () => ({ method: 'GET', path: '/api/v3/configure/database', query: { format: 'json' }, what: 'checking the token' }),
  enterprise: () => ({ method: 'GET', path: '/api/v3/configure/database', query: { format: 'json' }, what: 'checking the token' }),
  v2: () => ({ method: 'GET', path: '/api/v2/orgs', what: 'checking the token' }),
};

export type Verdict = 'accepted' | 'rejected' | 'unreachable' | 'not checked';

export async function probe(http: HttpClient, product: Product, target: { account?: string; cluster?: string }): Promise<{ verdict: Verdict; detail?: string }> {
  const build = PROBES[product];
  if (!build) return { verdict: 'not checked', detail: `no check is known for ${product}` };
  let prefix = '';
  if (product === 'dedicated' || product === 'clustered') {
    const { managementPrefix } = await import('../../api/management.js');
    try {
      prefix = managementPrefix({ product, account: target.account, cluster: target.cluster });
    } catch (error) {
      return { verdict: 'not checked', detail: (error as Error).message };
    }
  }
  const { ApiError } = await import('../../api/http.js');
  try {
    await http.send(build(prefix));
    return { verdict: 'accepted' };
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return { verdict: 'rejected', detail: `${error.status}${error.serverMessage ? `: ${error.serverMessage}` : ''}` };
    return { verdict: 'unreachable', detail: (error as Error).message };
  }
}
