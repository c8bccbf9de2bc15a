// The one HTTP module (design §8): requests over transport.ts (node:http, keep-alive, proxies from
// the environment), a per-request timeout, the retry policy of retry.ts, API error bodies turned into
// one-line errors with the documented exit codes, and --debug logging with every secret redacted and
// everything a server sent made terminal-safe.
//
// Only a 2xx answer is success. Redirects are never followed (a credential must not travel to where
// a server points, and a write that was redirected did not happen): a 3xx is an error that names the
// Location. A request that cannot be sent — a credential that cannot go in a header, a bad proxy
// variable, a proxy that wants credentials — fails before anything leaves, and says so.

import { readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import type { ResolvedToken } from '../config/credentials.js';
import { CliError, ExitCode, exitCodeForStatus } from '../errors.js';
import { ApiError } from './api-error.js';
import { errorCodeFromBody, errorMessageFromBody } from './error-body.js';
import { exactJson } from '../format/exact-json.js';
import { terminalSafeLine as printable } from '../format/terminal-text.js';
import { proxyFor, type Proxy } from './proxy.js';
import { maskSecretParams, previewBody, redactHeaders, scrubSecrets, secretValues } from './redact.js';
import { MAX_RETRY_AFTER_MS, RETRYABLE_FOR_GET, retryDecision, type Outcome } from './retry.js';
import { formatMs, Transport, WireError, type WireResponse } from './transport.js';

export interface HttpConfig {
  /** Server root, path prefix included, no trailing slash. */
  baseUrl: string;
  /** Header carrying the credential, e.g. ['authorization', 'Bearer …']. */
  auth?: [string, string];
  /** Where the credential came from, for messages (`INFLUXADM_TOKEN`, `the token file ~/t`); never the secret. */
  authSource?: Pick<ResolvedToken, 'source' | 'detail'>;
  /** Values to scrub from anything logged. */
  secrets: string[];
  timeoutMs: number;
  tlsCa?: string;
  tlsNoVerify: boolean;
  userAgent: string;
  debug?: (line: string) => void;
}

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** What the request does, for error messages: `creating database "x"`. */
  what: string;
  /** Extra advice per HTTP status, shown as the error's second line. */
  hints?: Partial<Record<number, string>>;
  /**
   * The error body's `code` that means "already exists" here (v2's Error.code `conflict`): when set, it
   * alone decides whether a 4xx is a conflict (exit 5); otherwise the message decides ("already exists").
   */
  conflictCode?: string;
  /** Advice for a conflict, whatever status said it. */
  conflictHint?: string;
  /** A read sent with POST (SQL queries): retried like a GET. */
  idempotent?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export { ApiError };

/** A request body as JSON text; a bigint goes as the exact integer it is (exact-json.ts). */
export function jsonText(value: unknown): string {
  return exactJson(value);
}

/** Answers larger than this are refused rather than held in memory (a 10,000-database list is ~2 MiB). */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

type Attempt = { response: HttpResponse } | { failure: WireError };

export class HttpClient {
  private readonly transport: Transport;
  private readonly proxy: Proxy | undefined;
  /** The server's origin, for messages. */
  private readonly origin: string;

  /** Whether requests carry a credential (one may be optional for a request, and none was found). */
  get sendsCredential(): boolean {
    return this.config.auth !== undefined;
  }

  constructor(private readonly config: HttpConfig, env: NodeJS.ProcessEnv = process.env) {
    let ca: Buffer | undefined;
    if (config.tlsCa) {
      try {
        ca = readFileSync(config.tlsCa);
      } catch (error) {
        throw new CliError(`cannot read the CA file ${config.tlsCa}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, ExitCode.usage);
      }
    }
    const base = new URL(config.baseUrl);
    this.origin = base.origin;
    this.proxy = proxyFor(base, env);
    this.transport = new Transport({ ca, rejectUnauthorized: !config.tlsNoVerify, proxy: this.proxy });
  }

  async send(spec: RequestSpec): Promise<HttpResponse> {
    const headers = this.headers(spec);
    const body = spec.body === undefined ? undefined : jsonText(spec.body);
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    // A new password or token value the request carries must not come back in an error or a log.
    const secrets = [...this.config.secrets, ...secretValues(spec.body), ...(this.proxy?.secrets ?? [])];
    for (let attempt = 0; ; attempt++) {
      const result = await this.once(spec, headers, body, secrets);
      if ('response' in result) {
        const { status } = result.response;
        if (status >= 200 && status < 300) return result.response;
        if (status >= 300 && status < 400 && header(result.response.headers, 'location')) throw this.redirectError(spec, result.response, secrets);
      }
      if ('failure' in result && !RETRIABLE_KINDS.has(result.failure.kind)) throw this.transportError(spec, result.failure);
      const outcome: Outcome = 'response' in result
        ? { kind: 'status', status: result.response.status, retryAfter: header(result.response.headers, 'retry-after') }
        : { kind: result.failure.kind as 'refused' | 'network' | 'timeout' | 'tls' };
      const decision = retryDecision(isRead(spec), outcome, attempt, undefined, undefined, this.config.timeoutMs);
      if (!decision.retry) {
        throw 'response' in result ? this.statusError(spec, result.response, secrets, decision.serverWaitMs) : this.transportError(spec, result.failure);
      }
      this.log(`retrying in ${decision.delayMs} ms (attempt ${attempt + 2})`, secrets);
      await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
    }
  }

  /** Parses a JSON response body; a body that is not JSON is a clear error, not a crash. */
  json(spec: RequestSpec, response: HttpResponse): unknown {
    try {
      return JSON.parse(response.text);
    } catch {
      throw new CliError(`${spec.what} failed: the server's answer is not JSON (${response.text.length} bytes, status ${response.status})`, ExitCode.failure, isRead(spec) ? 'check that --host points at the right server' : WRITE_APPLIED);
    }
  }

  async close(): Promise<void> {
    await this.transport.close();
  }

  private url(spec: RequestSpec): URL {
    const query = Object.entries(spec.query ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined);
    const search = query.length ? `?${new URLSearchParams(query).toString()}` : '';
    return new URL(`${this.config.baseUrl}${spec.path}${search}`);
  }

  /** The request headers, each checked here so that a value Node would reject is a usage error, not a network one. */
  private headers(spec: RequestSpec): Record<string, string> {
    const headers: Record<string, string> = { 'user-agent': this.config.userAgent, accept: 'application/json' };
    if (this.config.auth) headers[this.config.auth[0]] = this.config.auth[1];
    for (const [name, value] of Object.entries(headers)) {
      const bad = unsendable(value);
      if (bad === undefined) continue;
      const credential = this.config.auth?.[0] === name;
      const what = credential ? `the token${this.config.authSource ? ` (from ${tokenOrigin(this.config.authSource)})` : ''}` : `the ${name} header`;
      throw new CliError(
        `${spec.what} failed before anything was sent: ${what} contains ${bad}, which cannot be sent in the ${headerName(name)} header`,
        ExitCode.usage,
        credential ? 'check the token for a stray line break or a pasted character, and set it again' : undefined,
      );
    }
    return headers;
  }

  private async once(spec: RequestSpec, headers: Record<string, string>, body: string | undefined, secrets: string[]): Promise<Attempt> {
    const url = this.url(spec);
    // Without --debug nothing of the log is even formatted: redacting a 10,000-item body costs tens of ms.
    const debug = this.config.debug !== undefined;
    if (debug) {
      this.log(`→ ${spec.method} ${url.href}${this.proxy ? ` (through the proxy at ${this.proxy.display}, from ${this.proxy.variable})` : ''}`, secrets);
      for (const [name, value] of Object.entries(redactHeaders(headers))) this.log(`→ ${name}: ${value}`, secrets);
      if (body !== undefined) this.log(`→ body ${previewBody(body, secrets)}`, secrets);
    }
    const started = Date.now();
    try {
      const res: WireResponse = await this.transport.request({ url, method: spec.method, headers, body, timeoutMs: this.config.timeoutMs, maxBytes: MAX_RESPONSE_BYTES });
      // A byte order mark (some servers write UTF-8 with one) is not text: JSON.parse would refuse it.
      const text = res.body.toString('utf8').replace(/^\ufeff/, '');
      if (debug) {
        this.log(`← ${res.status} ${STATUS_CODES[res.status] ?? ''} (${Date.now() - started} ms, ${res.body.length} bytes)`, secrets);
        for (const [name, value] of Object.entries(redactHeaders(res.headers))) this.log(`← ${name}: ${value}`, secrets);
        if (text) this.log(`← body ${previewBody(text, secrets)}`, secrets);
      }
      return { response: { status: res.status, headers: res.headers, text } };
    } catch (error) {
      if (!(error instanceof WireError)) throw error;
      this.log(`← ${error.kind}: ${error.code || error.message} (${Date.now() - started} ms)`, secrets);
      return { failure: error };
    }
  }

  private redirectError(spec: RequestSpec, response: HttpResponse, secrets: readonly string[]): ApiError {
    const reason = `${response.status} ${STATUS_CODES[response.status] ?? 'Redirect'}`;
    const target = redirectTarget(header(response.headers, 'location')!, this.url(spec), spec.path, secrets);
    return new ApiError(
      `${spec.what} failed: the server redirected to ${target.shown} (${reason}); influxadm does not follow redirects`,
      ExitCode.failure,
      target.host ? `if that is the right server, use --host ${target.host}` : 'check that --host points at the right server',
      response.status,
      undefined,
    );
  }

  private statusError(spec: RequestSpec, response: HttpResponse, secrets: readonly string[], serverWaitMs?: number): ApiError {
    // Scrubbed before it is parsed and clipped, so a secret the server echoes is never half-visible.
    const cleaned = errorMessageFromBody(scrubSecrets(response.text, secrets));
    const reason = STATUS_CODES[response.status] ?? 'unexpected status';
    // An error page often says no more than the status (nginx: "502 Bad Gateway"), which is already there.
    const repeats = cleaned !== undefined && [reason, `${response.status} ${reason}`].some((r) => r.toLowerCase() === cleaned.toLowerCase());
    const detail = cleaned && !repeats ? `: ${cleaned}` : '';
    const wait = serverWaitMs === undefined ? '' : `; the server asked to wait ${formatWait(serverWaitMs)} before trying again`;
    const conflictLike = spec.conflictCode !== undefined ? errorCodeFromBody(response.text) === spec.conflictCode : /already exists|\bconflict\b/i.test(cleaned ?? '');
    const exitCode = exitCodeForStatus(response.status, conflictLike);
    // A wait that was not waited for: the request was not retried, whatever the status would say. One
    // that --timeout cut short the user can choose to wait.
    const notWaited = serverWaitMs === undefined
      ? undefined
      : serverWaitMs <= MAX_RETRY_AFTER_MS
        ? `it was not waited for, being longer than --timeout ${formatMs(this.config.timeoutMs)}; raise --timeout to wait for it`
        : 'it was not waited for, nor the request retried; try again after that';
    const hint = (exitCode === ExitCode.conflict ? spec.conflictHint : undefined) ?? spec.hints?.[response.status] ?? notWaited ?? this.hintFor(spec, response.status);
    return new ApiError(`${spec.what} failed: ${response.status} ${reason}${detail}${wait}`, exitCode, hint, response.status, cleaned);
  }

  /** What to do about a status, from what this client knows: where its token came from, where it sent the request. */
  private hintFor(spec: RequestSpec, status: number): string | undefined {
    if (status === 401 || status === 403) return rejectedTokenHint(status, this.config.authSource);
    // Only listings: a 404 for one object is that object missing, not the server or the path.
    if (status === 404 && spec.method === 'GET' && /^listing /.test(spec.what)) {
      const url = this.url({ ...spec, query: undefined });
      return listNotFoundHint(printable(`${url.origin}${url.pathname}`));
    }
    return defaultHint(status, isRead(spec));
  }

  private transportError(spec: RequestSpec, failure: WireError): CliError {
    const origin = this.origin;
    const maybeApplied = isRead(spec) ? undefined : 'the server may have applied the change; check its state before trying again';
    const fail = (text: string, code: number, hint?: string) => new CliError(`${spec.what} failed: ${printable(text)}`, code, hint);
    switch (failure.kind) {
      case 'proxy-auth':
        return fail(failure.detail!, ExitCode.auth, `put the proxy's user and password in ${this.proxy?.variable ?? 'the proxy variable'} (http://user:password@host:port); nothing was sent to the server`);
      case 'proxy':
        return fail(failure.detail!, ExitCode.failure, `check ${this.proxy?.variable ?? 'the proxy variable'} and NO_PROXY; nothing was sent to the server`);
      case 'unsendable':
        return fail(`it could not be sent (${failure.code || failure.message})`, ExitCode.usage, 'nothing was sent');
      case 'too-large':
        return fail(`the server's answer is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB; it was not read`, ExitCode.failure, isRead(spec) ? 'check that --host points at the right server' : WRITE_APPLIED);
      case 'timeout':
        return fail(`no answer from ${origin} within ${formatMs(this.config.timeoutMs)}`, ExitCode.failure, maybeApplied ?? 'raise --timeout, or check the server');
      case 'refused':
        return fail(failure.detail ?? `cannot connect to ${origin} (${failure.code === 'CONNECT_TIMEOUT' ? failure.message : failure.code || failure.message})`, ExitCode.failure, 'check --host and that the server is running; nothing was sent');
      case 'tls':
        if (failure.detail) return fail(failure.detail, ExitCode.failure, 'trust its CA with NODE_EXTRA_CA_CERTS=PATH');
        // OpenSSL's words for a server that answered in plain HTTP.
        if (/wrong.version.number|packet.length.too.long|http.request/i.test(`${failure.code} ${failure.message}`)) {
          return fail(`${origin} did not answer in TLS (${failure.code})`, ExitCode.failure, 'if the server speaks plain HTTP, use http:// in --host');
        }
        return fail(`TLS verification of ${origin} failed (${failure.code})`, ExitCode.failure, 'trust its CA with --tls-ca PATH, or (insecure) --tls-no-verify');
      case 'network':
        if (failure.code.startsWith('HPE_')) return fail(`the answer from ${origin} is not valid HTTP (${failure.code})`, ExitCode.failure, maybeApplied ?? 'check that --host points at an HTTP API');
        return fail(`the connection to ${origin} broke (${failure.code || failure.message})`, ExitCode.failure, maybeApplied);
    }
  }

  private log(line: string, secrets: readonly string[]): void {
    if (this.config.debug) this.config.debug(printable(scrubSecrets(line, secrets)));
  }
}

/** Failures the retry policy decides on; the others are final at once. */
const RETRIABLE_KINDS = new Set(['refused', 'network', 'timeout', 'tls']);

/** For a write whose answer was unusable: the server got it, so it has most likely done it. */
export const WRITE_APPLIED = 'the server received the request and has probably applied it; check its state (list) before trying again';

export function isRead(spec: RequestSpec): boolean {
  return spec.method === 'GET' || spec.idempotent === true;
}

/** What keeps a header value from being sent: HTTP allows tab, visible ASCII and Latin-1 (obs-text). */
export function unsendable(value: string): string | undefined {
  const bad = /[^\t\x20-\x7e\x80-\xff]/.exec(value)?.[0];
  if (bad === undefined) return undefined;
  // Which kind of character, never which character: it is part of a secret.
  if (bad === '\0') return 'a NUL character';
  if (bad === '\r' || bad === '\n') return 'a line break';
  if (bad < ' ' || bad === '\x7f') return 'a control character';
  return 'a character outside Latin-1';
}

function headerName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => `${dash}${c.toUpperCase()}`);
}

/** How much of a redirect's target an error shows. */
const MAX_SHOWN_URL = 300;

/**
 * A redirect's target made safe to show: resolved, credentials removed, the request's secrets scrubbed
 * (a server may put the token it got into the URL it points to, percent-encoded or not), the values of
 * query and fragment parameters named like secrets (`?access_token=…`) masked, terminal-safe; and the
 * --host it implies, scrubbed alike.
 */
export function redirectTarget(location: string, requestUrl: URL, requestPath: string, secrets: readonly string[] = []): { shown: string; host?: string } {
  // Cut after scrubbing, so a secret is never cut in half and left half-visible; before escaping, so an
  // escape is never cut either. A Location may be as long as a header may be (16 KiB).
  const safe = (text: string) => {
    const scrubbed = scrubSecrets(text, secrets);
    return printable(scrubbed.length > MAX_SHOWN_URL ? `${scrubbed.slice(0, MAX_SHOWN_URL)}…` : scrubbed);
  };
  let target: URL;
  try {
    target = new URL(location, requestUrl);
  } catch {
    return { shown: `"${safe(maskSecretParams(location.replace(/\/\/[^/@\s]*@/, '//')))}"` };
  }
  target.username = '';
  target.password = '';
  const shown = safe(maskSecretParams(target.href));
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return { shown };
  // The same API path under another root (http → https, another host or prefix): that root is the --host.
  const index = target.pathname.endsWith(requestPath) ? target.pathname.length - requestPath.length : -1;
  const prefix = index >= 0 ? target.pathname.slice(0, index).replace(/\/$/, '') : '';
  return { shown, host: safe(`${target.origin}${prefix}`) };
}

function defaultHint(status: number, read: boolean): string | undefined {
  if (status === 429) return 'the server is rate-limiting; wait and try again';
  if (status >= 500 && !read) return 'the server failed, but it may have applied the change; check its state before trying again';
  if (status >= 500) return RETRYABLE_FOR_GET.has(status) ? 'the server failed (the request was retried); try again later' : 'the server failed; try again later';
  if (status < 400) return 'only a 2xx answer means success; check that --host points at the API itself';
  return undefined;
}

function header(headers: HttpResponse['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function formatWait(ms: number): string {
  return Number.isFinite(ms) ? `${Math.ceil(ms / 1000)}s` : 'longer than any timer allows';
}

/** Where a token came from, in the words of its source: `--token`, `INFLUXADM_TOKEN`, `the token file PATH`… */
function tokenOrigin({ source, detail }: Pick<ResolvedToken, 'source' | 'detail'>): string {
  return source === 'file' ? `the token file ${detail}` : detail;
}

/** A 401 or 403, saying where the token came from, since that is where to fix it. */
function rejectedTokenHint(status: 401 | 403, token: Pick<ResolvedToken, 'source' | 'detail'> | undefined): string {
  if (status === 403) return `the token${token ? ` from ${tokenOrigin(token)}` : ''} is valid but lacks permission for this`;
  if (!token) return 'no token was sent, and the server wants one; pass one with --token-file or INFLUXADM_TOKEN, or store one with `influxadm auth login`';
  const fix = {
    flag: `check ${token.detail}`,
    file: `check ${tokenOrigin(token)}`,
    stdin: 'check what was piped in',
    env: `check ${token.detail}, or unset it to use the profile's token`,
    keychain: 'it was stored for the profile: store a new one with `influxadm auth login`',
    'credential-file': 'it was stored for the profile: store a new one with `influxadm auth login`',
  }[token.source];
  return `the server did not accept the token from ${tokenOrigin(token)}; ${fix}`;
}

/**
 * A 404 on a listing: the collection itself is missing, so the request went to the wrong place rather
 * than for a missing object.
 */
function listNotFoundHint(url: string): string {
  return `nothing answers at ${url}: check that --host is the server's root (a path prefix in it is kept) and that --product is the one that server runs`;
}
