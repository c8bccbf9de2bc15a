// The project's Prometheus metrics tokens, as the `token` noun of this product. Unlike a database
// token, the API returns a token's value on every read, so a table shows it only when asked
// (--show-value); JSON always carries it, as the API does.

import { asUsage, CliError, ExitCode, usageError } from '../../errors.js';
import type { TokenOps } from '../types.js';
import { checkLabel, isId } from './inputs.js';
import type { Kit } from './kit.js';
import { exactlyOne } from './resolve.js';
import type { MetricsToken } from './schemas.js';
import { metricsTokenColumns } from './views.js';

export function metricsTokenOps(kit: Kit): TokenOps {
  const name = (text: string, what = 'token name') => asUsage(() => checkLabel(text, what));
  const find = async (ref: string): Promise<MetricsToken> => {
    const api = await kit.client();
    if (isId(ref)) return api.getMetricsToken(ref);
    return exactlyOne(await api.listMetricsTokens({ name: ref }), ref, 'metrics token');
  };
  const shown = (t: MetricsToken, showValue = false) => ({ item: t, columns: metricsTokenColumns(showValue), json: t, name: t.name, id: t.id });

  return {
    async create(request) {
      if (request.admin || request.permissionsGiven || request.expiry) throw usageError('metrics tokens have only a name: no --admin, permissions or expiry');
      if (request.description !== undefined && request.name !== undefined) throw usageError('give the name once: as the argument or with --name');
      const text = request.name ?? request.description;
      if (text === undefined) throw usageError('a metrics token needs a name', 'influxadm token create NAME');
      const tokenName = name(text);
      const api = await kit.client();
      const named = async () => (await api.listMetricsTokens({ name: tokenName })).find((t) => t.name === tokenName);
      const taken = await named();
      if (taken) throw new CliError(`a metrics token named "${tokenName}" exists already (ID ${taken.id})`, ExitCode.conflict);
      // Its value is shown on every read, so a token whose answer was lost is found again whole.
      const created = await kit.sent(`metrics token "${tokenName}"`, () => api.createMetricsToken(tokenName), named);
      return {
        secret: created.value,
        label: `metrics token "${created.name}"`,
        revokeHint: `delete it with: influxadm token delete ${created.id} --yes`,
        row: created,
        fields: metricsTokenColumns(false),
        json: created,
        secretKey: 'value',
        shownAgain: 'the API shows this value again on every read: `influxadm token get NAME --show-value`',
      };
    },
    async list(filters) {
      const items = await (await kit.client()).listMetricsTokens();
      return { items, columns: metricsTokenColumns(filters.showValue === true), json: (t) => t };
    },
    async get(ref, options) {
      return shown(await find(ref), options.showValue);
    },
    async rename(ref, newName, options) {
      const checked = name(newName, 'new token name');
      const current = await find(ref);
      return shown(await (await kit.client()).renameMetricsToken(current.id, checked), options.showValue);
    },
    async removal(refs, options = {}) {
      const api = await kit.client();
      // Every name is found before anything is deleted; a missing one stays in the batch with --ignore-not-found.
      const items = await kit.entries('metrics token', refs, options.missingAllowed, async (ref) => {
        const token = await find(ref);
        return { label: `metrics token "${token.name}"`, item: token };
      });
      const byKey = new Map(items.map((i) => [i.key, i]));
      // Deleting a metrics token is synchronous: nothing to wait for.
      return {
        names: items.map((i) => i.key),
        label: (ref) => byKey.get(ref)!.label,
        async remove(ref) {
          const entry = byKey.get(ref)!;
          if ('missing' in entry) throw entry.missing;
          await api.deleteMetricsToken(entry.item.id);
        },
      };
    },
  };
}
