// Profile fields from the global flags (only what was typed: env vars are not copied into profiles).

import { CliError, ExitCode, usageError, asUsage } from '../../errors.js';
import type { GlobalOptions } from '../../globals.js';
import { checkProfileName, checkUuid } from '../../input/names.js';
import { isProduct, productInfo, PRODUCTS } from '../../products/registry.js';
import { checkRegion, normaliseHost } from '../../config/resolve.js';
import { checkProfileShape, PROFILE_FIELDS, STORE_MODES, type ConfigFile, type ProfileRecord, type StoreMode } from '../../config/store.js';
import { flagColumn, type Column } from '../../format/output.js';
import type { Context } from '../../context.js';
import type { SecretStore } from '../../config/secrets.js';

export function profileName(name: string): string {
  return asUsage(() => checkProfileName(name));
}

/** The profile fields given on the command line, checked. */
export interface LocalProfileFlags {
  org?: string;
  allowHttp?: boolean;
}

export function profileFields(globals: GlobalOptions, local: LocalProfileFlags = {}): Partial<ProfileRecord> {
  const fields: Partial<ProfileRecord> = {};
  if (local.allowHttp) fields.allowHttp = true;
  if (globals.credentialStore !== undefined) {
    if (!(STORE_MODES as readonly string[]).includes(globals.credentialStore)) throw usageError(`unknown credential store "${globals.credentialStore}"; use auto, keyring or file`);
    fields.credentialStore = globals.credentialStore as StoreMode;
  }
  if (local.org !== undefined) {
    if (local.org.trim() === '') throw usageError('the organization name is empty');
    fields.org = local.org;
  }
  if (globals.product !== undefined) {
    if (!isProduct(globals.product)) throw usageError(`unknown product "${globals.product}"; products: ${PRODUCTS.join(', ')}`);
    fields.product = globals.product;
  }
  if (globals.host !== undefined) fields.host = normaliseHost(globals.host, '--host');
  if (globals.region !== undefined) {
    // Checked against the product when one is given here; an update's stored product is checked on use.
    const product = fields.product ?? PRODUCTS.find((p) => productInfo(p).regions?.includes(globals.region!));
    if (!product) throw usageError(`unknown region "${globals.region}"`, `regions: ${PRODUCTS.flatMap((p) => productInfo(p).regions ?? []).join(', ')}`);
    fields.region = checkRegion(product, globals.region, '--region');
  }
  if (globals.account !== undefined) fields.account = asUsage(() => checkUuid(globals.account!, 'account ID'));
  if (globals.cluster !== undefined) fields.cluster = asUsage(() => checkUuid(globals.cluster!, 'cluster ID'));
  if (globals.tlsCa !== undefined) fields.tlsCa = globals.tlsCa;
  if (globals.tlsNoVerify) fields.tlsNoVerify = true;
  if (globals.token !== undefined || globals.tokenFile !== undefined || globals.tokenStdin) {
    throw usageError('profiles do not keep tokens in the config file', 'store one with `influxadm auth login --profile NAME --token-stdin`');
  }
  return fields;
}

/** The named profile, of the shape the tool writes; `anyShape` for deleting one that is not. */
export function requireProfile(config: ConfigFile, name: string, anyShape = false): ProfileRecord {
  const record = config.profiles[name];
  if (record === undefined) throw new CliError(`there is no profile named "${name}"`, ExitCode.notFound, 'see `influxadm profile list`');
  if (!anyShape) checkProfileShape(name, record);
  return record;
}

/**
 * Removes what a profile keeps in the secret stores: its token and a service user's kept password; `who`
 * names the profile in the messages (`"p"`, `the old "p"`). A failure is a warning: the profile goes all
 * the same.
 */
export async function removeStoredSecrets(ctx: Context, name: string, record: ProfileRecord, who = `"${name}"`): Promise<void> {
  // A hand-edited entry may name a store that does not exist: nothing of ours can be there.
  if (!record || (!record.secretIn && !record.passwordIn)) return;
  const { defaultStores, passwordAccount } = await import('../../config/secrets.js');
  const stores = defaultStores(ctx.env, record.keychainScope);
  const remove = (store: SecretStore, account: string, what: string) => store.delete(account).then(
    () => ctx.done(`removed the ${what} of ${who} from ${store.where(account)}`),
    (error: unknown) => ctx.io.err(`warning: could not remove the ${what} of ${who} from ${store.where(account)}: ${(error as Error).message}\n`),
  );
  if (record.secretIn && Object.hasOwn(stores, record.secretIn)) await remove(stores[record.secretIn], name, 'token');
  if (record.passwordIn && Object.hasOwn(stores, record.passwordIn)) await remove(stores[record.passwordIn], passwordAccount(name), 'kept password');
}

export interface ProfileRow extends ProfileRecord {
  name: string;
  active: boolean;
}

export function profileRows(config: ConfigFile): ProfileRow[] {
  return Object.entries(config.profiles)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, record]) => ({ name, active: config.active === name, ...knownFields(record) }));
}

/**
 * The fields influxadm reads, as docs/json.md lists them. Anything else in a hand-edited entry is not
 * shown: a `token` or influxctl's `mgmt_token` written there by hand (never read) must not reach stdout.
 */
function knownFields(record: ProfileRecord): ProfileRecord {
  if (typeof record !== 'object' || record === null) return record;
  return Object.fromEntries(Object.entries(record).filter(([key]) => PROFILE_FIELDS.includes(key))) as unknown as ProfileRecord;
}

// Text whatever the file holds: `profile list` shows a hand-edited entry too, for `profile delete` to follow.
const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

export const PROFILE_COLUMNS: ReadonlyArray<Column<ProfileRow>> = [
  flagColumn('ACTIVE', (p) => p.active, '*'),
  { header: 'NAME', value: (p) => p.name },
  { header: 'PRODUCT', value: (p) => text(p.product) },
  { header: 'HOST', value: (p) => text(p.host) },
  { header: 'ACCOUNT', value: (p) => text(p.account) },
  { header: 'REGION', value: (p) => text(p.region) },
  { header: 'CLUSTER', value: (p) => text(p.cluster) },
  { header: 'TOKEN STORED', value: (p) => text(p.secretIn) },
  // The table flags the exception (OFF); CSV says whether certificates are verified, as a yes/no column does.
  { header: 'TLS VERIFY', value: (p) => (p.tlsNoVerify ? 'OFF' : ''), csv: (p) => String(p.tlsNoVerify !== true) },
];
