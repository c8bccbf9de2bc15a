// Which profile an auth verb is about.

import type { Context } from '../../context.js';
import { usageError } from '../../errors.js';
import { chooseProfile, comparableOwnHost, normaliseHost } from '../../config/resolve.js';
import type { ConfigFile, ProfileRecord } from '../../config/store.js';

export function selectedProfile(ctx: Context, config: ConfigFile): { name: string; record: ProfileRecord } {
  const chosen = chooseProfile(ctx.globals, ctx.env, config);
  if (!chosen.name || !chosen.record) {
    throw usageError('which profile? pass --profile NAME or make one active', 'create one with `influxadm profile create NAME --product …`');
  }
  return { name: chosen.name, record: chosen.record };
}

/**
 * `auth login` stores a token for its profile's own host, the only one it is ever sent to: a --host naming
 * another is a mistake (or a move not made yet), not something to ignore in silence.
 */
export function refuseOtherHost(name: string, record: ProfileRecord, host: string): void {
  const given = normaliseHost(host, '--host');
  const own = comparableOwnHost(record);
  if (own === given) return;
  throw usageError(`profile "${name}" is for ${own ?? 'no host'}, not ${given}; auth login stores the token of the profile's own host`, `to move the profile first: influxadm profile update ${name} --host ${given}`);
}
