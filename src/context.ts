// What every command action receives: parsed global options, the terminal, and lazy access to the
// target server. Heavy modules (undici, zod) are imported only when a command actually connects.

import { asUsage, CliError, ExitCode, usageError } from './errors.js';
import { FORMATS, type Format, type GlobalOptions } from './globals.js';
import { durationToMs, parseDuration } from './input/duration.js';
import { createIo, type Io } from './io.js';
import { unsupportedFlagReason, unsupportedReason, type Product, type Verb } from './products.js';
import { resolveToken, type ResolvedToken } from './config/credentials.js';
import { ProductMissing, resolveTarget, type Target } from './config/resolve.js';
import { readConfig } from './config/store.js';
import type { HttpClient } from './api/http.js';

declare const __INFLUXADM_VERSION__: string;
export const VERSION = typeof __INFLUXADM_VERSION__ === 'string' ? __INFLUXADM_VERSION__ : '0.0.0-dev';

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface Connection {
  target: Target;
  /** Absent only when the caller allowed it (the operator token is minted without one). */
  token?: ResolvedToken;
  http: HttpClient;
}

export interface Context {
  globals: GlobalOptions;
  env: NodeJS.ProcessEnv;
  io: Io;
  format: Format;
  timeoutMs: number;
  yes: boolean;
  debug(line: string): void;
  /** Where the command goes (flag > env > profile > default). */
  target(): Promise<Target>;
  /** Resolves the target and checks the verb and the product-specific flags given against the capability matrix. */
  check(verb: Verb, flags?: readonly string[]): Promise<Target>;
  /** check(), then finds the token and opens an HTTP client. Nothing is sent before these pass. */
  connect(verb: Verb, flags?: readonly string[], options?: { tokenOptional?: boolean }): Promise<Connection>;
  /** An HTTP client for a target without the capability check (auth status probes every profile). */
  open(target: Target, token: ResolvedToken | undefined): Promise<HttpClient>;
}

const AUTH_SCHEME: Record<Product, (token: string) => [string, string]> = {
  dedicated: (t) => ['authorization', `Bearer ${t}`],
  clustered: (t) => ['authorization', `Bearer ${t}`],
  core: (t) => ['authorization', `Bearer ${t}`],
  enterprise: (t) => ['authorization', `Bearer ${t}`],
  v2: (t) => ['authorization', `Token ${t}`],
  dbaas: (t) => ['x-auth-token', t],
};

export function createContext(globals: GlobalOptions, env: NodeJS.ProcessEnv = process.env): Context {
  const format = pickFormat(globals);
  const timeoutMs = globals.timeout === undefined ? DEFAULT_TIMEOUT_MS : asUsage(() => durationToMs(parseTimeout(globals.timeout!)));
  const io = createIo(globals.color === false);
  const debug = (line: string) => {
    if (globals.debug) io.err(`debug: ${line}\n`);
  };
  let targetPromise: Promise<Target> | undefined;
  const target = () => {
    targetPromise ??= readConfig().then(async (config) => {
      let t: Target;
      try {
        t = resolveTarget(globals, env, config);
      } catch (error) {
        if (!(error instanceof ProductMissing) || error.host === undefined) throw error;
        const detected = await detectProduct(error.host);
        if (!detected) {
          throw usageError(`no product given, and ${error.host}/ping did not identify an InfluxDB 3 Core or Enterprise server`, error.hint);
        }
        t = resolveTarget({ ...globals, product: detected }, env, config);
        t.origins.product = `${error.host}/ping`;
      }
      debug(`target: product ${t.product} (${t.origins.product}), host ${t.host} (${t.origins.host})${t.profileName ? `, profile ${t.profileName}` : ''}`);
      return t;
    });
    return targetPromise;
  };

  const openHttp = async (host: string, product: Product, token: ResolvedToken | undefined, tls: { tlsCa?: string; tlsNoVerify: boolean }) => {
    const { HttpClient } = await import('./api/http.js');
    return new HttpClient({
      baseUrl: host,
      auth: token ? AUTH_SCHEME[product](token.value) : undefined,
      secrets: token ? [token.value] : [],
      timeoutMs,
      tlsCa: tls.tlsCa,
      tlsNoVerify: tls.tlsNoVerify,
      userAgent: `influxadm/${VERSION}`,
      debug: globals.debug ? debug : undefined,
    }, env);
  };

  /** Core and Enterprise say which they are in /ping's x-influxdb-build header (or product_name). */
  const detectProduct = async (host: string): Promise<Product | undefined> => {
    const token = await resolveToken({ product: 'core', globals, env }).catch(() => undefined);
    const http = await openHttp(host, 'core', token, { tlsCa: globals.tlsCa, tlsNoVerify: globals.tlsNoVerify === true });
    const { InfluxDb3Client } = await import('./api/influxdb3.js');
    const answer = await new InfluxDb3Client(http).ping().catch((error: unknown) => {
      debug(`product detection: /ping failed: ${(error as Error).message}`);
      return undefined;
    });
    const build = `${answer?.build ?? ''} ${answer?.productName ?? ''}`.toLowerCase();
    const product = build.includes('enterprise') ? 'enterprise' : build.includes('core') ? 'core' : undefined;
    debug(`product detection: ${host}/ping says ${JSON.stringify(answer ?? null)} → ${product ?? 'unknown'}`);
    return product;
  };

  const check = async (verb: Verb, flags: readonly string[] = []): Promise<Target> => {
    const t = await target();
    const reason = unsupportedReason(verb, t.product) ?? flags.map((flag) => unsupportedFlagReason(verb, flag, t.product)).find(Boolean);
    if (reason) throw usageError(reason);
    return t;
  };

  return {
    globals,
    env,
    io,
    format,
    timeoutMs,
    yes: globals.yes === true || globals.force === true,
    debug,
    target,
    check,
    open: (t, token) => openHttp(t.host, t.product, token, t),
    async connect(verb, flags = [], options = {}) {
      const t = await check(verb, flags);
      const request = { product: t.product, profileName: t.profileName, profile: t.profile, globals, env };
      const token = options.tokenOptional
        ? await resolveToken(request).catch((error: unknown) => {
          if (error instanceof CliError && error.exitCode === ExitCode.auth) return undefined;
          throw error;
        })
        : await resolveToken(request);
      debug(token ? `token: from ${token.source} (${token.detail})` : 'token: none (not needed for this request)');
      return { target: t, token, http: await openHttp(t.host, t.product, token, t) };
    },
  };
}

function pickFormat(globals: GlobalOptions): Format {
  if (globals.json) {
    if (globals.format !== undefined && globals.format !== 'json') throw usageError(`--json and --format ${globals.format} disagree; give one of them`);
    return 'json';
  }
  // influxdb3's names: `pretty` is our table; parquet is binary and has no place on a terminal or pipe.
  if (globals.format === 'parquet') {
    throw usageError('--format parquet is not supported: influxadm prints text for terminals and pipes', 'use json, jsonl or csv; for Parquet files, query with `influxdb3 query --format parquet --output FILE`');
  }
  const format = globals.format === 'pretty' ? 'table' : (globals.format ?? 'table');
  if (!(FORMATS as readonly string[]).includes(format)) throw usageError(`unknown format "${format}"; formats: ${FORMATS.join(', ')}`);
  return format as Format;
}

function parseTimeout(text: string): bigint {
  const ns = parseDuration(text);
  if (ns < 1_000_000n) throw usageError(`--timeout ${text} is shorter than a millisecond`);
  if (ns > 24n * 3600n * 1_000_000_000n) throw usageError(`--timeout ${text} is longer than a day`);
  return ns;
}
