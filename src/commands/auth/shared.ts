// Which profile an auth verb is about.

import type { Context } from '../../context.js';
import { usageError } from '../../errors.js';
import { chooseProfile } from '../../config/resolve.js';
import type { ConfigFile, ProfileRecord } from '../../config/store.js';

export function selectedProfile(ctx: Context, config: ConfigFile): { name: string; record: ProfileRecord } {
  const chosen = chooseProfile(ctx.globals, ctx.env, config);
  if (!chosen.name || !chosen.record) {
    throw usageError('which profile? pass --profile NAME or make one active', 'create one with `influxadm profile create NAME --product …`');
  }
  return { name: chosen.name, record: chosen.record };
}
