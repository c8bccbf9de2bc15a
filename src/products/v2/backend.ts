// The InfluxDB OSS v2 backend: legacy (v1-compatible) username/password authorizations under `/private`,
// with the org and bucket lookups they need. The server ignores some filters, so every lookup by name is
// checked here against the name it asked for: a server that ignores a filter never makes the tool act on
// another user's authorization.

import { asUsage, CliError, ExitCode, usageError } from '../../errors.js';
import { probeWith } from '../probe.js';
import type { AuthChoice, Backend, LegacyAuthOps, Session, Shown } from '../types.js';
// The client (and with it the HTTP layer and the response schemas) loads on the first request, so input
// refused before one costs none of it.
import type { LegacyPermissionBody, V2Client } from './client.js';
import { checkBucketPermissions, checkPassword, checkUsername, checkV2Id, isV2Id, resolveBucket } from './inputs.js';
import type { LegacyAuthorization } from './schemas.js';
import { AUTH_COLUMNS, withBucketNames } from './views.js';

type OrgChoice = { id: string } | { name: string };

export function createBackend(session: Session): Backend {
  let opened: Promise<V2Client> | undefined;
  const client = () => (opened ??= Promise.all([session.http(), import('./client.js')]).then(([http, { V2Client }]) => new V2Client(http)));
  const shown = (auth: LegacyAuthorization): Shown<LegacyAuthorization> => ({ item: auth, columns: AUTH_COLUMNS, json: auth, name: auth.token, id: auth.id });

  /** --org/--org-id, then INFLUX_ORG_ID or INFLUX_ORG (as the influx CLI reads them), then the profile's org; checked before anything is sent. */
  const orgChoice = (flags: { org?: string; orgId?: string }): OrgChoice | undefined => {
    if (flags.org !== undefined && flags.orgId !== undefined) throw usageError('give --org or --org-id, not both');
    if (flags.orgId !== undefined) return { id: asUsage(() => checkV2Id(flags.orgId!, 'org ID')) };
    const envId = flags.org === undefined ? session.env.INFLUX_ORG_ID || undefined : undefined;
    if (envId !== undefined) {
      if (session.env.INFLUX_ORG) throw usageError('INFLUX_ORG_ID and INFLUX_ORG are both set; unset one, or pass --org or --org-id');
      return { id: asUsage(() => checkV2Id(envId, 'org ID (from INFLUX_ORG_ID)')) };
    }
    const name = flags.org ?? (session.env.INFLUX_ORG || undefined) ?? session.target.profile?.org;
    return name === undefined ? undefined : { name };
  };
  const requiredOrg = (flags: { org?: string; orgId?: string }): OrgChoice => {
    const wanted = orgChoice(flags);
    if (!wanted) throw usageError('which organization? pass --org NAME or --org-id ID (or set INFLUX_ORG or INFLUX_ORG_ID)');
    return wanted;
  };

  const resolveOrg = async (api: V2Client, choice: OrgChoice): Promise<{ id: string; label: string }> => {
    if ('id' in choice) return { id: choice.id, label: `org ${choice.id}` };
    const id = await api.findOrgId(choice.name);
    if (!id) throw usageError(`no organization named "${choice.name}"`, 'check --org (or INFLUX_ORG), or pass --org-id');
    return { id, label: `org "${choice.name}"` };
  };

  const resolveId = async (api: V2Client, choice: AuthChoice): Promise<string> => {
    if ('id' in choice) return choice.id;
    const found = await api.findByUsername(choice.username);
    if (!found) throw new CliError(`no legacy authorization has the username "${choice.username}"`, ExitCode.notFound, 'see `influxadm v1-auth list`');
    return found.id;
  };

  const legacyAuths: LegacyAuthOps = {
    checkPassword: (password) => asUsage(() => checkPassword(password)),
    choose(positional, flags) {
      if (positional !== undefined && flags.id !== undefined && positional !== flags.id) throw usageError(`two IDs given: ${positional} and --id ${flags.id}`);
      const id = positional ?? flags.id;
      if (id !== undefined && flags.username !== undefined) throw usageError('give the ID or --username, not both');
      if (id !== undefined) return { id: asUsage(() => checkV2Id(id, 'authorization ID')) };
      if (flags.username !== undefined) return { username: asUsage(() => checkUsername(flags.username!)) };
      throw usageError('which authorization? give its ID or --username NAME', 'see `influxadm v1-auth list`');
    },

    async list(filter) {
      const username = filter.username === undefined ? undefined : asUsage(() => checkUsername(filter.username!));
      const id = filter.id === undefined ? undefined : asUsage(() => checkV2Id(filter.id!, 'authorization ID'));
      const userId = filter.userId === undefined ? undefined : asUsage(() => checkV2Id(filter.userId!, 'user ID'));
      if (filter.user === '') throw usageError('--user needs a user name');
      const wanted = orgChoice(filter);
      const api = await client();
      const org = wanted ? await resolveOrg(api, wanted) : undefined;
      // The server filters by orgID, userID and username but ignores the ID filter the spec documents, and
      // the user name filter (it only checks that the user exists), so that one is not sent; every filter is
      // applied here again, so a server that ignores one cannot widen the list.
      const all = await api.list({ orgID: org?.id, userID: userId, token: username });
      const items = all.filter((a) => (id === undefined || a.id === id)
        && (username === undefined || a.token === username)
        && (userId === undefined || a.userID === userId)
        && (filter.user === undefined || a.user === filter.user)
        && (org === undefined || a.orgID === undefined || a.orgID === org.id));
      return { items, columns: AUTH_COLUMNS, json: (a) => a };
    },

    async get(choice) {
      const api = await client();
      return shown(await api.get(await resolveId(api, choice)));
    },

    create(request) {
      const username = asUsage(() => checkUsername(request.username));
      try {
        checkBucketPermissions(request.permissions);
      } catch (error) {
        throw usageError((error as Error).message, request.permissions.length === 0 ? 'pass --read-bucket B, --write-bucket B or --permission bucket:B:read' : undefined);
      }
      const wanted = requiredOrg(request);

      return async (password) => {
        const api = await client();
        const org = await resolveOrg(api, wanted);
        // IDs are taken as given, as `influx v1 auth create` does: the listing is read only to resolve names,
        // so a token that may not list buckets can still grant by ID.
        const needsListing = request.permissions.some((g) => g.name !== '*' && !isV2Id(g.name));
        const buckets = needsListing ? await api.listBuckets(org.id) : undefined;
        // Reads first, then writes, as the influx CLI sends them. A bucket given by name and by ID, or by its ID
        // in capitals, is one bucket: one permission per bucket and action, as the grammar folds repeated names.
        const seen = new Set<string>();
        const permissions: LegacyPermissionBody[] = [];
        for (const g of [...request.permissions].sort((a, b) => a.action.localeCompare(b.action))) {
          const id = asUsage(() => resolveBucket(g.name, buckets, org.label));
          if (seen.has(`${g.action} ${id}`)) continue;
          seen.add(`${g.action} ${id}`);
          permissions.push({ action: g.action as 'read' | 'write', resource: { type: 'buckets', orgID: org.id, ...(id === '*' ? {} : { id }) } });
        }
        const taken = await api.findByUsername(username);
        if (taken) throw new CliError(`the username "${username}" is taken (authorization ${taken.id})`, ExitCode.conflict, 'choose another username, or change that one with `influxadm v1-auth update`');

        const secret = await password();
        const created = await api.create({ orgID: org.id, token: username, ...(request.description !== undefined ? { description: request.description } : {}), permissions });
        if (secret !== undefined) await setPasswordOrRollBack(api, created.id, secret);
        return shown(withBucketNames(created, new Map((buckets ?? []).map((b) => [b.id, b.name]))));
      };
    },

    async update(choice, changes) {
      const api = await client();
      return shown(await api.update(await resolveId(api, choice), changes));
    },

    async setPassword(choice, password) {
      const api = await client();
      const id = await resolveId(api, choice);
      await api.setPassword(id, await password());
      return id;
    },

    async removal(ids, usernames = []) {
      const byId = [...new Set(ids.map((id) => asUsage(() => checkV2Id(id, 'authorization ID'))))];
      const byName = [...new Set(usernames.map((u) => asUsage(() => checkUsername(u))))];
      const both = byName.find((u) => byId.includes(u));
      if (both !== undefined) throw usageError(`"${both}" is given both as an ID and as a username; give it once`);
      const checked = [...byId, ...byName];
      const named = new Set(byName);
      const api = await client();
      const shownAs = (name: string) => (named.has(name) ? `"${name}"` : name);
      const question = (names: readonly string[]) => `Delete legacy ${checked.length === 1 ? 'authorization' : 'authorizations'} ${names.join(', ')}? Clients using ${checked.length === 1 ? 'it' : 'them'} stop working.`;
      return {
        names: checked,
        label: (name) => `legacy authorization ${shownAs(name)}`,
        question: question(checked.map(shownAs)),
        async describe() {
          // Named by username (the `token` field of a legacy authorization); by ID alone when it cannot be read now.
          return question(await Promise.all(checked.map(async (name) => {
            if (named.has(name)) return shownAs(name);
            const username = await api.get(name).then((a) => a.token, () => undefined);
            return username ? `"${username}" (${name})` : name;
          })));
        },
        remove: async (name) => api.delete(named.has(name) ? await resolveId(api, { username: name }) : name),
      };
    },

    async buckets(flags) {
      const wanted = requiredOrg(flags);
      const api = await client();
      return api.listBuckets((await resolveOrg(api, wanted)).id);
    },
  };

  return {
    legacyAuths,
    resources: async () => (await import('./resources.js')).v2Resources(session, { legacyAuths }),
    async probe() {
      return probeWith(await session.http(), { method: 'GET', path: '/api/v2/orgs', what: 'checking the token' });
    },
  };
}

/** The authorization must not outlive a failed password: delete it and say so. */
async function setPasswordOrRollBack(api: V2Client, id: string, password: string): Promise<void> {
  try {
    await api.setPassword(id, password);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    try {
      await api.delete(id);
    } catch (rollback) {
      throw new CliError(`${error.message}; deleting the new authorization ${id} failed too (${(rollback as Error).message})`, error.exitCode, `delete it by hand: influxadm v1-auth delete ${id} --yes`);
    }
    throw new CliError(`${error.message}; the new authorization ${id} was deleted again`, error.exitCode, error.hint);
  }
}
