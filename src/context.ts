// What every command action receives: parsed global options, the terminal, and lazy access to the target
// and its backend. Heavy modules (the HTTP client, a product's backend and schemas) are imported only when a
// command actually talks to a server.

import { asUsage, CliError, ExitCode, usageError } from './errors.js';
import { FORMATS, type Format, type GlobalOptions } from './globals.js';
import { durationToMs, parseDuration } from './input/duration.js';
import { createIo, type Io } from './io.js';
import { detectProduct, loadBackend, productInfo, productsFor, unsupportedFlagReason, unsupportedReason, type Product } from './products/registry.js';
import type { Backend, ServiceUser, Session } from './products/types.js';
import { defaultProviders, flagProvider, resolveToken, type CredentialProvider, type ResolvedToken } from './config/credentials.js';
import { normaliseHost, ProductMissing, resolveTarget, type Target } from './config/resolve.js';
import { readConfig } from './config/store.js';
import type { HttpClient, HttpConfig } from './api/http.js';

declare const __INFLUXADM_VERSION__: string;
export const VERSION = typeof __INFLUXADM_VERSION__ === 'string' ? __INFLUXADM_VERSION__ : '0.0.0-dev';

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface Context {
  globals: GlobalOptions;
  env: NodeJS.ProcessEnv;
  io: Io;
  format: Format;
  timeoutMs: number;
  yes: boolean;
  /** The command's own flags given on the line (long names), for the capability check. */
  flags: readonly string[];
  debug(line: string): void;
  /**
   * What the command did (`created database "x"`), one line on stderr; nothing with --quiet, where the exit
   * code and stdout say it. Warnings and errors are not this.
   */
  done(line: string): void;
  /**
   * Where the command goes (flag > env > profile > default). With no product anywhere, a host's /ping may
   * say; failing that, `verb` (the first call's) picks the one product that has it (`v1-auth …` is v2's).
   */
  target(verb?: string): Promise<Target>;
  /**
   * Checks the verb, and the flags given, against what the target's product declares; then hands out its
   * backend. Nothing is sent: the backend opens its connection (and finds the token) on its first request.
   */
  backend(verb: string): Promise<Backend>;
  /** The backend of a given target and token, without the capability check (auth status probes every profile). */
  backendFor(target: Target, token: ResolvedToken | undefined): Promise<Backend>;
  /**
   * The token for `target` by the usual precedence: a stored one only for its profile's own host, and
   * renewed first when it is about to expire. `flags: false` leaves out --token/--token-file/--token-stdin
   * (a caller that already read them); `optional` answers undefined instead of exit 4 when there is none.
   */
  tokenFor(target: Target, options?: { flags?: boolean; optional?: boolean }): Promise<ResolvedToken | undefined>;
}

export function createContext(globals: GlobalOptions, env: NodeJS.ProcessEnv = process.env, flags: readonly string[] = []): Context {
  const format = pickFormat(globals);
  const timeoutMs = globals.timeout === undefined ? DEFAULT_TIMEOUT_MS : asUsage(() => durationToMs(parseTimeout(globals.timeout!)));
  const io = createIo(globals.color === false);
  const debug = (line: string) => {
    if (globals.debug) io.err(`debug: ${line}\n`);
  };
  // The flags' token is read once per run, whoever asks first: standard input and a FIFO (`--token-file
  // <(pass show core)`) give it only once, and product detection asks before the command does.
  let flagsRead: Promise<ResolvedToken | undefined> | undefined;
  const flagsOnce: CredentialProvider = { name: flagProvider.name, find: (request) => (flagsRead ??= flagProvider.find(request)) };
  const providersWith = (flags: boolean) => defaultProviders.flatMap((p) => (p !== flagProvider ? [p] : flags ? [flagsOnce] : []));
  let targetPromise: Promise<Target> | undefined;
  const target = (verb?: string) => {
    targetPromise ??= readConfig().then(async (config) => {
      let t: Target;
      // A verb only one product has names that product, when nothing else does.
      const only = verb === undefined ? undefined : productsFor(verb);
      const implied = (error: ProductMissing): Target => {
        if (only?.length !== 1) throw error;
        const resolved = resolveTarget({ ...globals, product: only[0] }, env, config);
        resolved.origins.product = `\`${verb}\` (only ${only[0]} has it)`;
        return resolved;
      };
      const detected = async (error: ProductMissing, host: string): Promise<Target> => {
        // The one product with the verb goes where its own settings say: a host that is not that one (another
        // product's variable, INFLUXDB3_HOST_URL beside INFLUX_HOST) is not asked what it is.
        const would = only?.length === 1 ? unlessThrows(() => implied(error)) : undefined;
        if (would && would.host !== host) return would;
        // Asked as the product it would be: its TLS settings are the flags and then its official variables
        // (INFLUXDB3_TLS_CA, INFLUXDB3_TLS_NO_VERIFY), as its commands' are.
        const tlsAs = (as: Product): Where => {
          const t = unlessThrows(() => resolveTarget({ ...globals, product: as }, env, config));
          return t ? { tlsCa: t.tlsCa, tlsNoVerify: t.tlsNoVerify, origins: t.origins }
            : { tlsCa: globals.tlsCa, tlsNoVerify: globals.tlsNoVerify === true, origins: { tlsNoVerify: '--tls-no-verify' } };
        };
        const found = await detectProduct(async (as) => {
          // No token is not a reason not to ask (the server may say who it is); a token that cannot be had
          // (a --token-file that is not there) is the command's error, not 'no product given'.
          const token = await resolveToken({ product: as, globals, env }, providersWith(true)).catch((error: unknown) => {
            if (error instanceof CliError && error.exitCode === ExitCode.auth) return undefined;
            throw error;
          });
          return openHttp(host, as, token, tlsAs(as));
        }, (line) => debug(line.replace('product detection: ', `product detection: ${host}: `)));
        if (!found) {
          if (only?.length === 1) return implied(error);
          throw usageError(`no product given, and ${host}/ping did not identify an InfluxDB 3 Core or Enterprise server`, error.hint);
        }
        const resolved = resolveTarget({ ...globals, product: found }, env, config);
        resolved.origins.product = `${host}/ping`;
        return resolved;
      };
      try {
        t = resolveTarget(globals, env, config);
      } catch (error) {
        if (!(error instanceof ProductMissing)) throw error;
        t = error.host === undefined ? implied(error) : await detected(error, error.host);
      }
      debug(`target: product ${t.product} (${t.origins.product}), host ${t.host} (${t.origins.host})${t.profileName ? `, profile ${t.profileName}` : ''}${t.tlsNoVerify ? `, TLS verification off (${t.origins.tlsNoVerify})` : ''}`);
      return t;
    });
    return targetPromise;
  };

  const warned = new Set<string>();
  const warnOnce = (line: string) => {
    if (warned.has(line)) return;
    warned.add(line);
    io.err(`${line}\n`);
  };

  type Where = Pick<Target, 'tlsCa' | 'tlsNoVerify' | 'profileHost' | 'profile'> & { origins: Partial<Record<string, string>> };
  const openHttp = async (host: string, product: Product, token: ResolvedToken | undefined, tls: Where): Promise<HttpClient> => {
    // Safety switches are loud, every run: a reader of the log can tell what this run trusted.
    if (tls.tlsNoVerify) {
      warnOnce(`warning: TLS certificate verification is off for ${host} (from ${tls.origins.tlsNoVerify ?? 'the settings'}); anyone on the path can read and change what is sent`);
    }
    const url = new URL(host);
    const acknowledged = tls.profile?.allowHttp === true && host === tls.profileHost;
    if (token && url.protocol === 'http:' && !isLoopback(url.hostname) && !acknowledged) {
      warnOnce(`warning: the token goes in clear text over http:// to ${url.host}; use https://, or acknowledge it for a profile with \`influxadm profile update NAME --allow-http\``);
    }
    return newClient(host, tls, {
      auth: token ? productInfo(product).authHeader(token.value) : undefined,
      authSource: token && { source: token.source, detail: token.detail },
      secrets: token ? [token.value] : [],
    });
  };

  /** An HTTP client with this run's timeout, debug log and the target's TLS settings. */
  const newClient = async (baseUrl: string, tls: Pick<Target, 'tlsCa' | 'tlsNoVerify'>, credentials: Pick<HttpConfig, 'auth' | 'authSource' | 'secrets'>): Promise<HttpClient> => {
    const { HttpClient } = await import('./api/http.js');
    return new HttpClient({
      baseUrl,
      ...credentials,
      timeoutMs,
      tlsCa: tls.tlsCa,
      tlsNoVerify: tls.tlsNoVerify,
      userAgent: `influxadm/${VERSION}`,
      debug: globals.debug ? debug : undefined,
    }, env);
  };

  const tokenFor: Context['tokenFor'] = async (t, { flags = true, optional = false } = {}) => {
    const request = { product: t.product, profileName: t.profileName, profile: t.profile, globals, env, host: t.host, profileHost: t.profileHost };
    const providers = providersWith(flags);
    let token = optional
      ? await resolveToken(request, providers).catch((error: unknown) => {
        if (error instanceof CliError && error.exitCode === ExitCode.auth) return undefined;
        throw error;
      })
      : await resolveToken(request, providers);
    debug(token ? `token: from ${token.source} (${token.detail})` : 'token: none (not needed for this request)');
    // A stored token that expires is renewed (or refused, exit 4) before anything is sent with it.
    if (token && (token.source === 'keychain' || token.source === 'credential-file') && t.profile?.tokenExpiresAt && t.profileName) {
      const { freshStoredToken, renewingTarget } = await import('./config/renew.js');
      const login = async (user: ServiceUser) => (await loadBackend(session(renewingTarget(t), { token: undefined }))).login!(user);
      token = await freshStoredToken({ profileName: t.profileName, profile: t.profile, token, env, login, debug });
    }
    return token;
  };

  /** A session whose client is opened, with the token of the usual precedence, on its first request. */
  const session = (t: Target, given?: { token: ResolvedToken | undefined }): Session => {
    const clients = new Map<boolean, Promise<HttpClient>>();
    const open = async (tokenOptional: boolean) => openHttp(t.host, t.product, given ? given.token : await tokenFor(t, { optional: tokenOptional }), t);
    return {
      target: t,
      env,
      debug,
      httpFor: (baseUrl, { secrets }) => newClient(normaliseHost(baseUrl, 'the identity URL'), t, { secrets }),
      notice: (line) => io.err(`${line}\n`),
      http: ({ tokenOptional = false } = {}) => {
        let client = clients.get(tokenOptional);
        if (!client) clients.set(tokenOptional, (client = open(tokenOptional)));
        return client;
      },
    };
  };

  return {
    globals,
    env,
    io,
    format,
    timeoutMs,
    yes: globals.yes === true,
    flags,
    debug,
    done: (line) => {
      if (globals.quiet !== true) io.err(`${line}\n`);
    },
    target,
    async backend(verb) {
      const t = await target(verb);
      const reason = unsupportedReason(verb, t.product) ?? flags.map((flag) => unsupportedFlagReason(verb, flag, t.product)).find(Boolean);
      if (reason) throw usageError(reason);
      return loadBackend(session(t));
    },
    backendFor: (t, token) => loadBackend(session(t, { token })),
    tokenFor,
  };
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function pickFormat(globals: GlobalOptions): Format {
  if (globals.json) {
    if (globals.format !== undefined && globals.format !== 'json') throw usageError(`--json and --format ${globals.format} disagree; give one of them`);
    return 'json';
  }
  // influxdb3's names: `pretty` (show) and `text` (create token) are our table; parquet is binary and has no
  // place on a terminal or pipe.
  if (globals.format === 'parquet') {
    throw usageError('--format parquet is not supported: influxadm prints text for terminals and pipes', 'use json, jsonl or csv; for Parquet files, query with `influxdb3 query --format parquet --output FILE`');
  }
  const format = globals.format === 'pretty' || globals.format === 'text' ? 'table' : (globals.format ?? 'table');
  if (!(FORMATS as readonly string[]).includes(format)) throw usageError(`unknown format "${format}"; formats: ${FORMATS.join(', ')}`);
  return format as Format;
}

function parseTimeout(text: string): bigint {
  const ns = parseDuration(text);
  if (ns < 1_000_000n) throw usageError(`--timeout ${text} is shorter than a millisecond`);
  if (ns > 24n * 3600n * 1_000_000_000n) throw usageError(`--timeout ${text} is longer than a day`);
  return ns;
}

/** What `fn` returns, or undefined when it throws (a guess that may not apply). */
function unlessThrows<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
