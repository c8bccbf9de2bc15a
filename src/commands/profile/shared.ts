// Profile fields from the global flags (only what was typed: env vars are not copied into profiles).

import { CliError, ExitCode, usageError, asUsage } from '../../errors.js';
import type { GlobalOptions } from '../../globals.js';
import { checkProfileName, checkUuid } from '../../input/names.js';
import { isProduct, PRODUCTS } from '../../products.js';
import { normaliseHost } from '../../config/resolve.js';
import type { ConfigFile, ProfileRecord } from '../../config/store.js';
import type { Column } from '../../format/output.js';

export function profileName(name: string): string {
  return asUsage(() => checkProfileName(name));
}

/** The profile fields given on the command line, checked. */
export function profileFields(globals: GlobalOptions): Partial<ProfileRecord> {
  const fields: Partial<ProfileRecord> = {};
  if (globals.product !== undefined) {
    if (!isProduct(globals.product)) throw usageError(`unknown product "${globals.product}"; products: ${PRODUCTS.join(', ')}`);
    fields.product = globals.product;
  }
  if (globals.host !== undefined) fields.host = normaliseHost(globals.host, '--host');
  if (globals.account !== undefined) fields.account = asUsage(() => checkUuid(globals.account!, 'account ID'));
  if (globals.cluster !== undefined) fields.cluster = asUsage(() => checkUuid(globals.cluster!, 'cluster ID'));
  if (globals.tlsCa !== undefined) fields.tlsCa = globals.tlsCa;
  if (globals.tlsNoVerify) fields.tlsNoVerify = true;
  if (globals.token !== undefined || globals.tokenFile !== undefined || globals.tokenStdin) {
    throw usageError('profiles do not store tokens in the config file', 'pass the token per command (--token-file, --token-stdin, INFLUXADM_TOKEN)');
  }
  return fields;
}

export function requireProfile(config: ConfigFile, name: string): ProfileRecord {
  const record = config.profiles[name];
  if (!record) throw new CliError(`there is no profile named "${name}"`, ExitCode.notFound, 'see `influxadm profile list`');
  return record;
}

export interface ProfileRow extends ProfileRecord {
  name: string;
  active: boolean;
}

export function profileRows(config: ConfigFile): ProfileRow[] {
  return Object.entries(config.profiles)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, record]) => ({ name, active: config.active === name, ...record }));
}

export const PROFILE_COLUMNS: ReadonlyArray<Column<ProfileRow>> = [
  { header: 'ACTIVE', value: (p) => (p.active ? '*' : '') },
  { header: 'NAME', value: (p) => p.name },
  { header: 'PRODUCT', value: (p) => p.product },
  { header: 'HOST', value: (p) => p.host ?? '' },
  { header: 'ACCOUNT', value: (p) => p.account ?? '' },
  { header: 'CLUSTER', value: (p) => p.cluster ?? '' },
];
