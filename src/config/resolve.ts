// Resolves where a command goes: flag > env > active profile > built-in default (design §5).
// Pure apart from reading the config file, so the precedence is unit-tested directly.

import { CliError, ExitCode, usageError } from '../errors.js';
import type { GlobalOptions } from '../globals.js';
import { detectable, isProduct, productInfo, PRODUCTS, type Product } from '../products/registry.js';
import { checkProfileShape, type ConfigFile, type ProfileRecord } from './store.js';

export type Origin = 'flag' | 'env' | 'profile' | 'default';

export interface Target {
  product: Product;
  host: string;
  account?: string;
  cluster?: string;
  profileName?: string;
  profile?: ProfileRecord;
  tlsCa?: string;
  tlsNoVerify: boolean;
  /** Where the product picks its server by region. */
  region?: string;
  /** The host the profile itself names (or its product's default): the profile's stored token goes there only. */
  profileHost?: string;
  /** Where each value came from, for --debug and `auth status`. */
  origins: Record<string, string>;
}

/** No product anywhere; carries the host, if one was given, so the caller can ask the server. */
export class ProductMissing extends CliError {
  constructor(readonly host: string | undefined) {
    super('no product given', ExitCode.usage, `pass --product ${PRODUCTS.join('|')}, set INFLUXADM_PRODUCT, or create a profile with \`influxadm profile create\``);
  }
}

export interface ProfileChoice {
  name?: string;
  record?: ProfileRecord;
  origin?: string;
}

/** The profile in use, checked to be of the shape the tool writes (a hand-edited one fails here, by name). */
export function chooseProfile(globals: GlobalOptions, env: NodeJS.ProcessEnv, config: ConfigFile): ProfileChoice {
  const chosen = findProfile(globals, env, config);
  if (chosen.name !== undefined) checkProfileShape(chosen.name, chosen.record);
  return chosen;
}

function findProfile(globals: GlobalOptions, env: NodeJS.ProcessEnv, config: ConfigFile): ProfileChoice {
  const explicit: Array<[string | undefined, string]> = [
    [globals.profile, '--profile'],
    [env.INFLUXADM_PROFILE || undefined, 'INFLUXADM_PROFILE'],
  ];
  for (const [name, origin] of explicit) {
    if (name === undefined) continue;
    const record = config.profiles[name];
    if (record === undefined) {
      throw usageError(`there is no profile named "${name}" (from ${origin})`, 'see `influxadm profile list`, or create it with `influxadm profile create`');
    }
    return { name, record, origin };
  }
  // INFLUXCTL_PROFILE names an influxctl profile, INFLUX_ACTIVE_CONFIG an influx one (profile import keeps
  // their names); use one only when we have a profile of that name. Neither changes the active profile.
  for (const variable of ['INFLUXCTL_PROFILE', 'INFLUX_ACTIVE_CONFIG']) {
    const name = env[variable];
    if (name && Object.hasOwn(config.profiles, name)) return { name, record: config.profiles[name], origin: variable };
  }
  if (config.active && config.profiles[config.active]) return { name: config.active, record: config.profiles[config.active], origin: 'active profile' };
  return {};
}

export function resolveTarget(globals: GlobalOptions, env: NodeJS.ProcessEnv, config: ConfigFile): Target {
  const profile = chooseProfile(globals, env, config);
  const record = profile.record;
  const origins: Record<string, string> = {};
  const pick = (key: string, candidates: Array<[string | undefined, string]>): string | undefined => {
    for (const [value, origin] of candidates) {
      if (value !== undefined && value !== '') {
        origins[key] = origin;
        return value;
      }
    }
    return undefined;
  };
  const profileOrigin = profile.name ? `profile ${profile.name}` : 'profile';

  const productText = pick('product', [
    [globals.product, '--product'],
    [env.INFLUXADM_PRODUCT, 'INFLUXADM_PRODUCT'],
    [record?.product, profileOrigin],
  ]);
  if (productText === undefined) {
    // The official host variable of a product that can say what it is may point at such a server.
    const official = PRODUCTS.filter(detectable).map((p) => productInfo(p).env?.host).find((name) => name && env[name]);
    const host = globals.host ?? (env.INFLUXADM_HOST || (official ? env[official] : undefined) || record?.host);
    throw new ProductMissing(host ? normaliseHost(host, 'host') : undefined);
  }
  if (!isProduct(productText)) {
    throw usageError(`unknown product "${productText}" (from ${origins.product}); products: ${PRODUCTS.join(', ')}`);
  }
  const product = productText;

  const info = productInfo(product);
  const officialEnv = info.env ?? {};
  // A region picks the server of a product that has regions; given on the line to another, it is a mistake.
  // The environment's and the profile's are left out for such a product (a dbaas profile used with --product).
  const region = pick('region', [
    [globals.region, '--region'],
    [info.regions ? env.INFLUXADM_REGION : undefined, 'INFLUXADM_REGION'],
    [info.regions ? record?.region : undefined, profileOrigin],
  ]);
  if (region !== undefined) checkRegion(product, region, origins.region!);
  // A region given on the line or in the environment outranks the profile's host, as every flag does a profile's.
  const regionGiven = region !== undefined && origins.region !== profileOrigin;
  const host = pick('host', [
    [globals.host, '--host'],
    [env.INFLUXADM_HOST, 'INFLUXADM_HOST'],
    [officialEnv.host ? env[officialEnv.host] : undefined, officialEnv.host ?? ''],
    [regionGiven && info.hostOf ? info.hostOf(region) : undefined, `region ${region}`],
    [record?.host, profileOrigin],
    [info.defaultHost, 'default'],
    [region && info.hostOf ? info.hostOf(region) : undefined, `region ${region}`],
  ]);
  if (host === undefined) {
    throw usageError(`no host given for ${product}`, info.regions
      ? `pass --region ${info.regions.join('|')} (or --host URL), set INFLUXADM_REGION, or store it in a profile`
      : 'pass --host https://your-cluster-host, set INFLUXADM_HOST, or store it in a profile');
  }

  const account = pick('account', [
    [globals.account, '--account'],
    [env.INFLUXADM_ACCOUNT_ID, 'INFLUXADM_ACCOUNT_ID'],
    [record?.account, profileOrigin],
  ]);
  const cluster = pick('cluster', [
    [globals.cluster, '--cluster'],
    [env.INFLUXADM_CLUSTER_ID, 'INFLUXADM_CLUSTER_ID'],
    [record?.cluster, profileOrigin],
  ]);
  const tlsCa = pick('tlsCa', [
    [globals.tlsCa, '--tls-ca'],
    [officialEnv.tlsCa ? env[officialEnv.tlsCa] : undefined, officialEnv.tlsCa ?? ''],
    [record?.tlsCa, profileOrigin],
  ]);
  const envNoVerify = officialEnv.tlsNoVerify !== undefined && envSwitch(officialEnv.tlsNoVerify, env[officialEnv.tlsNoVerify]);
  const tlsNoVerify = globals.tlsNoVerify === true || envNoVerify || record?.tlsNoVerify === true;
  if (tlsNoVerify) origins.tlsNoVerify = globals.tlsNoVerify ? '--tls-no-verify' : envNoVerify ? officialEnv.tlsNoVerify! : profileOrigin;
  const profileHost = record ? ownHost(record) : undefined;

  return {
    product,
    host: normaliseHost(host, origins.host ?? 'host'),
    account,
    cluster,
    profileName: profile.name,
    profile: record,
    tlsCa,
    tlsNoVerify,
    ...(region ? { region } : {}),
    ...(profileHost ? { profileHost: normaliseHost(profileHost, profileOrigin) } : {}),
    origins,
  };
}

/**
 * The host a profile itself names, by its own product (its host, else its product's default or its
 * region's): where its stored token may go. With --product (or INFLUXADM_PRODUCT) naming another product,
 * that product's default host is not this.
 */
export function ownHost(record: ProfileRecord): string | undefined {
  const own = isProduct(record.product) ? productInfo(record.product) : undefined;
  return record.host ?? own?.defaultHost ?? (record.region && own?.hostOf ? own.hostOf(record.region) : undefined);
}

/**
 * A profile's own host written as a command compares it (normalised), for telling whether another host is
 * the same; a hand-written one that is not a URL is compared as it is.
 */
export function comparableOwnHost(record: ProfileRecord): string | undefined {
  const host = ownHost(record);
  if (host === undefined) return undefined;
  try {
    return normaliseHost(host, 'the profile');
  } catch {
    return host;
  }
}

/** An identity service URL: http(s), no credentials, no query; checked like a host. */
export function checkIdentityUrl(url: string): string {
  return normaliseHost(url, '--identity-url');
}

/** A region must be one of the product's; a product without regions takes none. */
export function checkRegion(product: Product, region: string, origin: string): string {
  const regions = productInfo(product).regions;
  if (!regions) throw usageError(`${product} has no regions (--region from ${origin})`, `--region picks the server of ${PRODUCTS.filter((p) => productInfo(p).regions).join(', ')}`);
  if (!regions.includes(region)) throw usageError(`unknown region "${region}" (from ${origin}); regions: ${regions.join(', ')}`);
  return region;
}

/**
 * A refused host as it is repeated in the error: what sits before an @ (a password, in a URL or in text
 * that only looks like one) and any query or fragment (a pasted `?token=…`) are left out.
 */
function shownHost(host: string): string {
  return host.replace(/^([^@/]*\/\/)?[^@]*@/, '$1…@').replace(/[?#].*$/s, '…');
}

/** Checks a server root URL and drops a trailing slash; a path prefix is kept. */
export function normaliseHost(host: string, origin: string): string {
  let url: URL;
  try {
    url = new URL(host);
  } catch {
    throw usageError(`the host "${shownHost(host)}" (from ${origin}) is not a URL`, 'write it with its scheme, e.g. https://cluster.example.com or http://127.0.0.1:8181');
  }
  // Checked first so that a URL carrying a password is never echoed back.
  if (url.username || url.password) {
    throw new CliError(`the host (from ${origin}) must not carry credentials; pass the token with --token-file, --token-stdin or INFLUXADM_TOKEN`, ExitCode.usage);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(`the host "${shownHost(host)}" (from ${origin}) must use http:// or https://`);
  }
  if (url.search || url.hash) throw usageError(`the host "${shownHost(host)}" (from ${origin}) must not have a query or fragment`);
  return url.href.replace(/\/+$/, '');
}

/**
 * A boolean variable of an official tool, read as it reads it (clap's falsey words are false), except that a
 * value that is neither a yes nor a no word is exit 2 rather than a yes: these switch safety checks off.
 */
function envSwitch(name: string, value: string | undefined): boolean {
  const text = (value ?? '').trim().toLowerCase();
  if (['', '0', 'false', 'no', 'off', 'n', 'f'].includes(text)) return false;
  if (['1', 'true', 'yes', 'on', 'y', 't'].includes(text)) return true;
  throw usageError(`${name}=${JSON.stringify(value).slice(1, -1)} is neither on nor off`, `set it to 1, true, yes or on (or 0, false, no, off), or unset it`);
}
