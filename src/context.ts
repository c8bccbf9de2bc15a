// What every command action receives: parsed global options, the terminal, and lazy access to the
// target server. Heavy modules (undici, zod) are imported only when a command actually connects.

import { asUsage, usageError } from './errors.js';
import { FORMATS, type Format, type GlobalOptions } from './globals.js';
import { durationToMs, parseDuration } from './input/duration.js';
import { createIo, type Io } from './io.js';
import { unsupportedReason, type Product, type Verb } from './products.js';
import { resolveToken, type ResolvedToken } from './config/credentials.js';
import { resolveTarget, type Target } from './config/resolve.js';
import { readConfig } from './config/store.js';
import type { HttpClient } from './api/http.js';

declare const __INFLUXADM_VERSION__: string;
export const VERSION = typeof __INFLUXADM_VERSION__ === 'string' ? __INFLUXADM_VERSION__ : '0.0.0-dev';

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface Connection {
  target: Target;
  token: ResolvedToken;
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
  /** Checks the verb against the capability matrix, finds the token and opens an HTTP client. */
  connect(verb: Verb): Promise<Connection>;
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
    targetPromise ??= readConfig().then((config) => {
      const t = resolveTarget(globals, env, config);
      debug(`target: product ${t.product} (${t.origins.product}), host ${t.host} (${t.origins.host})${t.profileName ? `, profile ${t.profileName}` : ''}`);
      return t;
    });
    return targetPromise;
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
    async connect(verb) {
      const t = await target();
      const reason = unsupportedReason(verb, t.product);
      if (reason) throw usageError(reason);
      const token = await resolveToken({ product: t.product, profileName: t.profileName, globals, env });
      debug(`token: from ${token.source} (${token.detail})`);
      const { HttpClient } = await import('./api/http.js');
      const http = new HttpClient({
        baseUrl: t.host,
        auth: AUTH_SCHEME[t.product](token.value),
        secrets: [token.value],
        timeoutMs,
        tlsCa: t.tlsCa,
        tlsNoVerify: t.tlsNoVerify,
        userAgent: `influxadm/${VERSION}`,
        debug: globals.debug ? debug : undefined,
      }, env);
      return { target: t, token, http };
    },
  };
}

function pickFormat(globals: GlobalOptions): Format {
  if (globals.json) {
    if (globals.format !== undefined && globals.format !== 'json') throw usageError(`--json and --format ${globals.format} disagree; give one of them`);
    return 'json';
  }
  const format = globals.format ?? 'table';
  if (!(FORMATS as readonly string[]).includes(format)) throw usageError(`unknown format "${format}"; formats: ${FORMATS.join(', ')}`);
  return format as Format;
}

function parseTimeout(text: string): bigint {
  const ns = parseDuration(text);
  if (ns < 1_000_000n) throw usageError(`--timeout ${text} is shorter than a millisecond`);
  if (ns > 24n * 3600n * 1_000_000_000n) throw usageError(`--timeout ${text} is longer than a day`);
  return ns;
}
