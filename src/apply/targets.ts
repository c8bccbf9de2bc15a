// From a file's target to a server to talk to. The location the file gives takes the place of the
// command line's --profile/--product/--host/--account/--cluster; what it leaves out comes by the usual
// precedence (flags, environment, profile, default), and so does the token unless the target names its
// own (tokenEnv, tokenFile). Every target is resolved, and its token found, before anything is sent.

import type { Context } from '../context.js';
import { CliError, usageError } from '../errors.js';
import type { GlobalOptions } from '../globals.js';
import { flagProvider, sendable, type ResolvedToken } from '../config/credentials.js';
import { resolveTarget, type Target } from '../config/resolve.js';
import type { ConfigFile } from '../config/store.js';
import { productInfo, PRODUCTS } from '../products/registry.js';
import type { Location } from './document.js';

export interface Resolved {
  target: Target;
  token: ResolvedToken;
}

/** The origin of an org that the file's target names (`org:`). */
export const FILE_ORG = 'the file';

/** The target's Target (no token yet): needs only the config file. */
export function locate(location: Location, ctx: Context, config: ConfigFile): Target {
  if (location.profile !== undefined && !Object.hasOwn(config.profiles, location.profile)) {
    throw usageError(`there is no profile named "${location.profile}"`, 'see `influxadm profile list`, or create it with `influxadm profile create`');
  }
  const given = location.profile !== undefined || location.product !== undefined || location.host !== undefined || location.region !== undefined;
  const globals: GlobalOptions = {
    ...ctx.globals,
    // A target that names its own place is not moved by the command line's.
    ...(given ? { profile: undefined, product: undefined, host: undefined, account: undefined, cluster: undefined, region: undefined } : {}),
    ...pick(location, ['profile', 'product', 'host', 'account', 'cluster', 'region', 'tlsCa', 'tlsNoVerify']),
  };
  const target = resolveTarget(globals, given ? withoutPlaceVariables(ctx.env) : ctx.env, config);
  if (location.org !== undefined) {
    target.profile = { ...(target.profile ?? { product: target.product }), org: location.org };
    // Named in the file, it goes before INFLUX_ORG and INFLUX_ORG_ID, as a flag would (docs/apply.md).
    target.origins.org = FILE_ORG;
  }
  return target;
}

/** The token of each target, found before anything is sent; --token-stdin is read once for all. */
export function tokenFinder(ctx: Context): (target: Target, location: Location) => Promise<ResolvedToken> {
  let fromFlags: Promise<ResolvedToken | undefined> | undefined;
  return async (target, location) => {
    if (location.tokenEnv !== undefined) {
      const value = ctx.env[location.tokenEnv]?.trim();
      if (!value) throw usageError(`the token variable ${location.tokenEnv} of this target is not set`);
      return { value: sendable(value, location.tokenEnv), source: 'env', detail: location.tokenEnv };
    }
    if (location.tokenFile !== undefined) return (await flagProvider.find({ product: target.product, globals: { tokenFile: location.tokenFile }, env: ctx.env }))!;
    fromFlags ??= flagProvider.find({ product: target.product, globals: ctx.globals, env: ctx.env });
    // The flags are read once for all targets; the rest (environment, the profile's stored token, for its
    // own host only) per target.
    return (await fromFlags) ?? (await ctx.tokenFor(target, { flags: false }))!;
  };
}

/** Two targets that resolve to the same server would fight over it. */
export function sameServer(a: Target, b: Target): boolean {
  return a.product === b.product && a.host === b.host && a.account === b.account && a.cluster === b.cluster;
}

/** A target's error as a usage error naming the target. */
export function targetError(name: string, error: unknown): CliError {
  if (error instanceof CliError) return new CliError(`target ${name}: ${error.message}`, error.exitCode, error.hint);
  return new CliError(`target ${name}: ${(error as Error).message}`);
}

/**
 * The environment without the variables that name a place, which a target naming its own is not moved by,
 * as it is not by their flags: INFLUXADM_HOST exported for everyday commands would otherwise send every
 * such target's changes (a --prune too) to that one server, where --host on the line moves none.
 */
function withoutPlaceVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const place = new Set(['INFLUXADM_PROFILE', 'INFLUXCTL_PROFILE', 'INFLUX_ACTIVE_CONFIG', 'INFLUXADM_PRODUCT', 'INFLUXADM_HOST', 'INFLUXADM_ACCOUNT_ID', 'INFLUXADM_CLUSTER_ID', 'INFLUXADM_REGION',
    ...PRODUCTS.flatMap((p) => productInfo(p).env?.host ?? [])]);
  return Object.fromEntries(Object.entries(env).filter(([name]) => !place.has(name)));
}

function pick<T extends object, K extends keyof T>(object: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (object[key] !== undefined) out[key] = object[key];
  return out;
}
