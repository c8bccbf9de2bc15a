// Reads the official CLIs' profiles into influxadm's: influxctl's config.toml ([[profile]] tables) and
// the influx CLI's `configs` (one table per profile). Pure: text in, candidates out; the command decides
// what to write and where tokens go.

import { homedir } from 'node:os';
import { join } from 'node:path';
import { checkProfileName, checkUuid } from '../input/names.js';
import type { ProfileRecord } from './store.js';

export class ImportError extends Error {}

export interface ImportCandidate {
  name: string;
  record?: ProfileRecord;
  token?: string;
  notes: string[];
  /** Why it cannot be imported at all. */
  skip?: string;
}

export type ImportSource = 'influxctl' | 'influx';

export function defaultImportPath(source: ImportSource, env: NodeJS.ProcessEnv = process.env, platform = process.platform, home = homedir()): string {
  if (source === 'influx') return env.INFLUX_CONFIGS_PATH || join(home, '.influxdbv2', 'configs');
  // influxctl uses Go's os.UserConfigDir().
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'influxctl', 'config.toml');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'influxctl', 'config.toml');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'influxctl', 'config.toml');
}

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

export function fromInfluxctl(doc: Table): ImportCandidate[] {
  const profiles = doc.profile;
  if (!Array.isArray(profiles) || profiles.length === 0) throw new ImportError('it has no [[profile]] entries');
  return profiles.map((entry, index) => {
    if (!isTable(entry)) return { name: `#${index + 1}`, notes: [], skip: 'not a table' };
    const name = str(entry.name) ?? `#${index + 1}`;
    const candidate: ImportCandidate = { name, notes: [] };
    const invalid = nameProblem(name);
    if (invalid) return { ...candidate, skip: invalid };
    const product = str(entry.product) ?? 'dedicated';
    if (product !== 'dedicated' && product !== 'clustered') return { ...candidate, skip: `unknown product "${product}"` };
    const record: ProfileRecord = { product };
    const tls = isTable(entry.tls) ? entry.tls : {};
    if (product === 'dedicated') {
      for (const [key, field] of [['account_id', 'account'], ['cluster_id', 'cluster']] as const) {
        const value = str(entry[key]);
        if (value === undefined) return { ...candidate, skip: `no ${key}` };
        try {
          record[field] = checkUuid(value, key);
        } catch (error) {
          return { ...candidate, skip: (error as Error).message };
        }
      }
      const host = str(entry.host);
      if (host) {
        // Not stored (it is not the Management API), but shown: without credentials all the same.
        const shown = /^[a-z][a-z0-9+.-]*:\/\//i.test(host) ? withoutCredentials(host, candidate.notes) : withoutCredentials(`//${host}`, candidate.notes).slice(2);
        candidate.notes.push(`host ${shown} is the query/write endpoint; the Management API is at console.influxdata.com`);
      }
    } else {
      const host = str(entry.host);
      if (!host) return { ...candidate, skip: 'no host' };
      const scheme = tls.disable === true ? 'http' : 'https';
      const port = str(entry.port) ?? (typeof entry.port === 'number' ? String(entry.port) : undefined);
      const base = withoutCredentials(/^https?:\/\//.test(host) ? host : `${scheme}://${host}`, candidate.notes);
      record.host = port && !/:\d+$/.test(base) ? `${base}:${port}` : base;
      if (hasCredentials(record.host)) return { ...candidate, skip: 'its host carries credentials that could not be removed' };
    }
    if (tls.insecure === true) record.tlsNoVerify = true;
    if (str(tls.ca)) record.tlsCa = str(tls.ca);
    if (str(tls.cert) || str(tls.key)) candidate.notes.push('client certificates (tls.cert, tls.key) are not supported and were left out');
    const token = str(entry.mgmt_token);
    if (token) candidate.token = token;
    const auth = isTable(entry.auth) ? entry.auth : {};
    if (!token && isTable(auth.oauth2)) {
      candidate.notes.push('it logs in with OAuth2, which influxadm does not do: imported without a token; store a management token with `influxadm auth login`');
    }
    if (isTable(auth.token) && str(auth.token.token_file)) {
      candidate.notes.push(`its admin token file ${str(auth.token.token_file)} was not read; pass it with --token-file`);
    }
    return { ...candidate, record };
  });
}

export function fromInfluxCli(doc: Table): ImportCandidate[] {
  const names = Object.keys(doc);
  if (names.length === 0) throw new ImportError('it has no profiles');
  return names.map((name) => {
    const entry = doc[name];
    const candidate: ImportCandidate = { name, notes: [] };
    if (!isTable(entry)) return { ...candidate, skip: 'not a table' };
    const invalid = nameProblem(name);
    if (invalid) return { ...candidate, skip: invalid };
    const given = str(entry.url);
    if (!given) return { ...candidate, skip: 'no url' };
    const url = withoutCredentials(given, candidate.notes);
    if (!/^https?:\/\//.test(url)) return { ...candidate, skip: `url "${url}" is not http(s)` };
    if (hasCredentials(url)) return { ...candidate, skip: 'its url carries credentials that could not be removed' };
    const record: ProfileRecord = { product: 'v2', host: url.replace(/\/+$/, '') };
    if (str(entry.org)) record.org = str(entry.org);
    if (str(entry.token)) candidate.token = str(entry.token);
    if (str(entry.cookie)) candidate.notes.push('its username/password sign-in (cookie) is not supported and was left out');
    if (entry.active === true) candidate.notes.push('it is the influx CLI\'s active profile; `influxadm profile use` makes it ours');
    return { ...candidate, record };
  });
}

// Scheme, any slashes (a URL parser takes `http:u:p@h` and `http:\\u:p@h` too), then `userinfo@`.
const USERINFO = /^([a-z][a-z0-9+.-]*:)?[/\\]*[^/\\?#]*@/i;

/**
 * The URL without a `user:password@` part, which is never stored or shown; a note says it was
 * dropped. The rest of the text is kept as written.
 */
function withoutCredentials(url: string, notes: string[]): string {
  if (!USERINFO.test(url)) return url;
  notes.push('credentials in the URL were not imported');
  return url.replace(USERINFO, (_userinfo, scheme: string | undefined) => `${scheme ?? ''}//`);
}

/** What a URL parser would still take for credentials (a backslash is a slash to it, for one). */
function hasCredentials(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== '' || parsed.password !== '';
  } catch {
    return false;
  }
}

function nameProblem(name: string): string | undefined {
  try {
    checkProfileName(name);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
