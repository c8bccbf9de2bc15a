// The one HTTP module (design §8): an undici keep-alive Agent (EnvHttpProxyAgent when proxy variables
// are set), a per-request timeout, the retry policy of retry.ts, API error bodies turned into one-line
// errors with the documented exit codes, and --debug logging with every secret redacted.

import { readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { Agent, EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import { CliError, ExitCode, exitCodeForStatus } from '../errors.js';
import { errorMessageFromBody } from './error-body.js';
import { redactBody, redactHeaders, scrubSecrets } from './redact.js';
import { retryDecision, type Outcome } from './retry.js';

export interface HttpConfig {
  /** Server root, path prefix included, no trailing slash. */
  baseUrl: string;
  /** Header carrying the credential, e.g. ['authorization', 'Bearer …']. */
  auth?: [string, string];
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
  /** A 422 here means "already exists" (exit 5) rather than invalid input (exit 2). */
  conflictOn422?: boolean;
  /** A read sent with POST (SQL queries): retried like a GET. */
  idempotent?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** An API answered with a non-2xx status. */
export class ApiError extends CliError {
  constructor(
    message: string,
    exitCode: number,
    hint: string | undefined,
    readonly status: number,
    readonly serverMessage: string | undefined,
  ) {
    super(message, exitCode, hint);
    this.name = 'ApiError';
  }
}

/** Answers larger than this are refused rather than held in memory (a 10,000-database list is ~2 MiB). */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

class TooLarge extends Error {}

const REFUSED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
const TIMEOUT = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

export class HttpClient {
  private readonly dispatcher: Dispatcher;

  constructor(private readonly config: HttpConfig, env: NodeJS.ProcessEnv = process.env) {
    // undici parses HTTP with llhttp compiled to WebAssembly. V8 tiers it up with TurboFan in the
    // background: ~30 MiB of peak RSS and a core's worth of CPU, wasted on a process that makes a few
    // requests and exits. The baseline compiler (Liftoff) is plenty; it must be set before the first
    // request compiles the module.
    setFlagsFromString('--liftoff-only');
    const connect: Record<string, unknown> = {};
    if (config.tlsCa) {
      try {
        connect.ca = readFileSync(config.tlsCa);
      } catch (error) {
        throw new CliError(`cannot read the CA file ${config.tlsCa}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, ExitCode.usage);
      }
    }
    if (config.tlsNoVerify) connect.rejectUnauthorized = false;
    const options = { keepAliveTimeout: 10_000, connect };
    this.dispatcher = PROXY_VARS.some((name) => env[name]) ? new EnvHttpProxyAgent(options) : new Agent(options);
  }

  async send(spec: RequestSpec): Promise<HttpResponse> {
    for (let attempt = 0; ; attempt++) {
      const result = await this.once(spec);
      if ('response' in result && result.response.status < 400) return result.response;
      const outcome: Outcome = 'response' in result
        ? { kind: 'status', status: result.response.status, retryAfter: header(result.response.headers, 'retry-after') }
        : result.outcome;
      const decision = retryDecision(isRead(spec), outcome, attempt);
      if (!decision.retry) throw 'response' in result ? this.statusError(spec, result.response) : this.transportError(spec, result);
      this.log(`retrying in ${decision.delayMs} ms (attempt ${attempt + 2})`);
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
    await this.dispatcher.close();
  }

  private url(spec: RequestSpec): string {
    const query = Object.entries(spec.query ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined);
    const search = query.length ? `?${new URLSearchParams(query).toString()}` : '';
    return `${this.config.baseUrl}${spec.path}${search}`;
  }

  private async once(spec: RequestSpec): Promise<{ response: HttpResponse } | { outcome: Outcome; code: string; message: string }> {
    const url = this.url(spec);
    const headers: Record<string, string> = { 'user-agent': this.config.userAgent, accept: 'application/json' };
    if (this.config.auth) headers[this.config.auth[0]] = this.config.auth[1];
    let body: string | undefined;
    if (spec.body !== undefined) {
      body = JSON.stringify(spec.body);
      headers['content-type'] = 'application/json';
    }
    this.log(`→ ${spec.method} ${url}`);
    for (const [name, value] of Object.entries(redactHeaders(headers))) this.log(`→ ${name}: ${value}`);
    if (body !== undefined) this.log(`→ body ${this.preview(body)}`);

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.config.timeoutMs);
    const started = Date.now();
    try {
      const res = await request(url, {
        method: spec.method,
        headers,
        body,
        dispatcher: this.dispatcher,
        signal: controller.signal,
        headersTimeout: this.config.timeoutMs,
        bodyTimeout: this.config.timeoutMs,
      });
      const text = await readCapped(res.body, controller);
      const response = { status: res.statusCode, headers: res.headers, text };
      this.log(`← ${res.statusCode} ${STATUS_CODES[res.statusCode] ?? ''} (${Date.now() - started} ms, ${Buffer.byteLength(text)} bytes)`);
      if (text) this.log(`← body ${this.preview(text)}`);
      return { response };
    } catch (error) {
      if (error instanceof TooLarge) {
        this.log(`← more than ${MAX_RESPONSE_BYTES} bytes; stopped reading`);
        throw new CliError(`${spec.what} failed: the server's answer is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB; it was not read`, ExitCode.failure, isRead(spec) ? 'check that --host points at the right server' : WRITE_APPLIED);
      }
      const code = errorCode(error);
      const outcome: Outcome = controller.signal.aborted || TIMEOUT.has(code)
        ? { kind: 'timeout' }
        : REFUSED.has(code) ? { kind: 'refused' } : { kind: 'network' };
      const message = scrubSecrets((error as Error).message ?? String(error), this.config.secrets);
      this.log(`← ${outcome.kind}: ${code || message} (${Date.now() - started} ms)`);
      return { outcome, code, message };
    } finally {
      clearTimeout(timer);
    }
  }

  private statusError(spec: RequestSpec, response: HttpResponse): ApiError {
    const serverMessage = errorMessageFromBody(response.text);
    const reason = STATUS_CODES[response.status] ?? 'error';
    const cleaned = serverMessage ? scrubSecrets(serverMessage, this.config.secrets) : undefined;
    const detail = cleaned && cleaned.toLowerCase() !== reason.toLowerCase() ? `: ${cleaned}` : '';
    const conflictLike = spec.conflictOn422 === true || /already exists|conflict/i.test(cleaned ?? '');
    const hint = spec.hints?.[response.status] ?? defaultHint(response.status, isRead(spec));
    return new ApiError(`${spec.what} failed: ${response.status} ${reason}${detail}`, exitCodeForStatus(response.status, conflictLike), hint, response.status, cleaned);
  }

  private transportError(spec: RequestSpec, failure: { outcome: Outcome; code: string; message: string }): CliError {
    const origin = safeOrigin(this.config.baseUrl);
    const write = !isRead(spec);
    const maybeApplied = write ? 'the server may have applied the change; check its state before trying again' : undefined;
    if (failure.outcome.kind === 'timeout') {
      return new CliError(`${spec.what} failed: no answer from ${origin} within ${formatMs(this.config.timeoutMs)}`, ExitCode.failure, maybeApplied ?? 'raise --timeout, or check the server');
    }
    if (failure.outcome.kind === 'refused') {
      return new CliError(`${spec.what} failed: cannot connect to ${origin} (${failure.code || failure.message})`, ExitCode.failure, 'check --host and that the server is running');
    }
    if (/CERT|SSL|TLS/i.test(failure.code)) {
      return new CliError(`${spec.what} failed: TLS verification of ${origin} failed (${failure.code})`, ExitCode.failure, 'trust its CA with --tls-ca PATH, or (insecure) --tls-no-verify');
    }
    return new CliError(`${spec.what} failed: the connection to ${origin} broke (${failure.code || failure.message})`, ExitCode.failure, maybeApplied);
  }

  private log(line: string): void {
    if (this.config.debug) this.config.debug(scrubSecrets(line, this.config.secrets));
  }

  private preview(text: string): string {
    const redacted = redactBody(text, this.config.secrets);
    return redacted.length > 2000 ? `${redacted.slice(0, 2000)}… (${redacted.length} chars)` : redacted;
  }
}

/** For a write whose answer was unusable: the server got it, so it has most likely done it. */
export const WRITE_APPLIED = 'the server received the request and has probably applied it; check its state (list) before trying again';

async function readCapped(body: AsyncIterable<Buffer>, controller: AbortController): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_RESPONSE_BYTES) {
      controller.abort();
      throw new TooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function isRead(spec: RequestSpec): boolean {
  return spec.method === 'GET' || spec.idempotent === true;
}

function defaultHint(status: number, read: boolean): string | undefined {
  if (status === 401) return 'the server did not accept the token; check --token-file, INFLUXADM_TOKEN or the profile';
  if (status === 403) return 'the token is valid but lacks permission for this';
  if (status === 429) return 'the server is rate-limiting; wait and try again';
  if (status >= 500) return read ? 'the server failed (the request was retried); try again later' : 'the server failed, but it may have applied the change; check its state before trying again';
  return undefined;
}

function header(headers: HttpResponse['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function errorCode(error: unknown): string {
  const e = error as { code?: unknown; cause?: { code?: unknown } };
  if (typeof e?.code === 'string') return e.code;
  if (typeof e?.cause?.code === 'string') return e.cause.code;
  return '';
}

function safeOrigin(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return 'the server';
  }
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
