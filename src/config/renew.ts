// A stored token that expires (a project token from an identity service) is renewed on use when the
// service user's password was kept; otherwise an expired one is a clear exit 4 naming `auth login`,
// before anything is sent with it.

import { CliError, ExitCode } from '../errors.js';
import type { ServiceUser } from '../products/types.js';
import { isProduct, productInfo } from '../products/registry.js';
import type { ResolvedToken } from './credentials.js';
import type { Target } from './resolve.js';
import type { ProfileRecord } from './store.js';

/** A token this close to its end is taken for expired: it could run out before the request arrives. */
const MARGIN_MS = 60_000;
/**
 * A token that can be renewed (its password is kept) is renewed once this little is left, so that it does
 * not run out in the middle of a long command: a --wait polls for up to 60 minutes by default, an apply
 * may too. Selectel's tokens last 24 h, so this is at most one more login a day.
 */
const EARLY_MS = 2 * 60 * 60_000;

export interface Renewal {
  profileName: string;
  profile: ProfileRecord;
  token: ResolvedToken;
  env: NodeJS.ProcessEnv;
  login(user: ServiceUser): Promise<{ token: string; expiresAt: string }>;
  debug(line: string): void;
  now?: number;
}

export async function freshStoredToken({ profileName, profile, token, env, login, debug, now = Date.now() }: Renewal): Promise<ResolvedToken> {
  const expiresAt = profile.tokenExpiresAt;
  if (expiresAt === undefined || Date.parse(expiresAt) - EARLY_MS > now) return token;
  // Early (still good for a while), a renewal that cannot be made or fails leaves the token as it is.
  const stillGood = Date.parse(expiresAt) - MARGIN_MS > now;
  const { passwordIn, serviceUser, project, account } = profile;
  const identityUrl = profile.identityUrl ?? productInfo(profile.product).identityUrl;
  if (!passwordIn || !serviceUser || !project || !account || !identityUrl) {
    if (stillGood) return token;
    throw new CliError(`the token of profile "${profileName}" expired at ${expiresAt}`, ExitCode.auth, `log in again: influxadm auth login --profile ${profileName}${serviceUser ? ` --user ${serviceUser}` : ''}`);
  }
  const { defaultStores, passwordAccount } = await import('./secrets.js');
  const stores = defaultStores(env, profile.keychainScope);
  const password = await stores[passwordIn].get(passwordAccount(profileName));
  if (password === undefined) {
    if (stillGood) return token;
    throw new CliError(`the token of profile "${profileName}" expired at ${expiresAt}, and its kept password is gone`, ExitCode.auth, `log in again: influxadm auth login --profile ${profileName} --user ${serviceUser}`);
  }
  let fresh: { token: string; expiresAt: string };
  try {
    fresh = await login({ accountId: account, userName: serviceUser, password, projectId: project, identityUrl });
  } catch (error) {
    if (!stillGood) throw error;
    debug(`token: not renewed early (${(error as Error).message}); the stored one is good until ${expiresAt}`);
    return token;
  }
  await stores[profile.secretIn ?? 'file'].set(profileName, fresh.token);
  const { updateConfig } = await import('./store.js');
  await updateConfig((config) => {
    const current = config.profiles[profileName];
    if (current) current.tokenExpiresAt = fresh.expiresAt;
  });
  debug(`token: renewed for service user "${serviceUser}" (valid until ${fresh.expiresAt})`);
  return { ...token, value: fresh.token };
}

/**
 * The target whose backend renews a profile's token: the profile's own product, which issued it. A command
 * may name another product (--product, INFLUXADM_PRODUCT) for the same host, and that one has no login.
 */
export function renewingTarget(target: Target): Target {
  const own = target.profile?.product;
  return own !== undefined && isProduct(own) ? { ...target, product: own } : target;
}
