// The wire under the HTTP layer: node:http, and node:https (loaded only for https:// hosts), with one
// keep-alive Agent per scheme: at most MAX_SOCKETS connections per host, idle ones closed after
// IDLE_SOCKET_MS (or sooner when the server's Keep-Alive header says so), so a batch of requests
// reuses a few warm connections.
//
// Why not undici: loading it costs more than everything else a one-request command does. Measured
// on the development machine (Node 20.20, 2 shared and busy cores, 41 interleaved runs, medians,
// against `node -e 0` at 30 ms): `import('undici')` alone 150 ms (5.0×), `require('node:http')` 35 ms
// (1.17×); the HTTP layer's chunk loads in 45 ms (1.5×, an ESM entry included) where the undici one
// took 117 ms (3.9×). `database list --json` of 5 databases took 165 ms (5.5×) on undici and takes
// 96 ms (3.2×) on this; a bare node:http GET of the same URL takes 54 ms (1.8×), the rest is the
// CLI's own start-up. Through a CONNECT proxy: 178 ms on undici, 103 ms on this.
//
// Proxies are done here too rather than by lazily loading undici's EnvHttpProxyAgent: a CONNECT
// tunnel is a few lines, it keeps one code path (and one classification of failures) for direct and
// proxied requests, and a proxied command does not pay undici's load either. Every request through a
// proxy goes through a CONNECT tunnel, http:// targets included, as undici's ProxyAgent does.
//
// What it reports, as a WireError kind, is what the retry policy and the messages need to know:
// whether the request can have reached the server. A request Node never handed to the operating
// system (no 'finish': the connection, the tunnel or the TLS handshake was not ready) was never sent,
// whatever the error code; one that was handed over may have arrived, unless the error says the
// connection never existed. Doubt falls on the side of "it may have been applied".

import { Agent as HttpAgent, request as httpRequest, STATUS_CODES, type ClientRequest, type ClientRequestArgs, type IncomingHttpHeaders } from 'node:http';
import { isIP, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Proxy } from './proxy.js';

/** Connections per host; `apply` runs about this many requests at once. */
export const MAX_SOCKETS = 8;
/** Below the 5 s keep-alive of Node servers, so a kept socket is not reused just as the server closes it. */
const IDLE_SOCKET_MS = 4_000;
/** Establishing a connection (TCP, proxy tunnel, TLS, writing the request) may take this long at most. */
const CONNECT_TIMEOUT_MS = 10_000;

interface TransportOptions {
  ca?: Buffer;
  rejectUnauthorized: boolean;
  /** The proxy for this client's host (see proxy.ts); undefined to connect directly. */
  proxy?: Proxy;
}

export interface WireRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  maxBytes: number;
}

export interface WireResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type FailureKind =
  /** Never sent: no connection (refused, DNS, unreachable, connect timeout, a proxy that could not reach it). */
  | 'refused'
  /** Sent, then the connection broke or the answer was not HTTP. */
  | 'network'
  /** Sent, and no complete answer within the timeout. */
  | 'timeout'
  /** The TLS handshake failed; nothing was sent. */
  | 'tls'
  /** The answer passed maxBytes; reading stopped and the connection was closed. */
  | 'too-large'
  /** The proxy answered the tunnel request with 407. */
  | 'proxy-auth'
  /** The proxy refused the tunnel for another reason. */
  | 'proxy'
  /** Node would not build the request (an invalid header, say); nothing was sent. */
  | 'unsendable';

export class WireError extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly code: string,
    message: string,
    /** A complete description for the user (proxy failures), used instead of one built from kind and code. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'WireError';
  }
}

const REFUSED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'CONNECT_TIMEOUT']);
const TLS_CODE = /^ERR_(SSL|TLS)_|CERT|CRL|^UNABLE_TO_|HOSTNAME_MISMATCH|INVALID_CA|PATH_LENGTH_EXCEEDED|INVALID_PURPOSE|^EPROTO$/;

/** Options a request carries through the Agent to createConnection. */
interface TunnelArgs extends ClientRequestArgs {
  connectTimeoutMs?: number;
}

export class Transport {
  private readonly agents = new Map<string, Promise<HttpAgent>>();

  constructor(private readonly options: TransportOptions) {}

  async request(req: WireRequest): Promise<WireResponse> {
    const agent = await this.agent(req.url.protocol);
    return exchange(agent, req, Math.min(CONNECT_TIMEOUT_MS, req.timeoutMs));
  }

  async close(): Promise<void> {
    const agents = await Promise.all(this.agents.values());
    this.agents.clear();
    for (const agent of agents) agent.destroy();
  }

  private agent(protocol: string): Promise<HttpAgent> {
    let agent = this.agents.get(protocol);
    if (!agent) {
      agent = createAgent(protocol === 'https:', this.options);
      this.agents.set(protocol, agent);
    }
    return agent;
  }
}

async function createAgent(secure: boolean, { ca, rejectUnauthorized, proxy }: TransportOptions): Promise<HttpAgent> {
  const common = { keepAlive: true, maxSockets: MAX_SOCKETS, timeout: IDLE_SOCKET_MS };
  if (!secure) {
    if (!proxy) return new HttpAgent(common);
    return new (class TunnelAgent extends HttpAgent {
      override createConnection(options: TunnelArgs, callback: (error: Error | null, socket: Duplex) => void): undefined {
        deliver(openTunnel(proxy, options), callback);
        return undefined;
      }
    })(common);
  }
  const https = await import('node:https');
  if (!proxy) return new https.Agent({ ...common, ca, rejectUnauthorized });
  const tls = await import('node:tls');
  return new (class TlsTunnelAgent extends https.Agent {
    override createConnection(options: TunnelArgs, callback: (error: Error | null, socket: Duplex) => void): undefined {
      const host = String(options.host);
      // host is what the certificate is checked against; an IP address must not be sent as SNI.
      const secured = openTunnel(proxy, options).then((socket) => tls.connect({ socket, host, servername: isIP(host) ? undefined : host, ca, rejectUnauthorized }));
      deliver(secured, callback);
      return undefined;
    }
  })({ ...common, ca, rejectUnauthorized });
}

/** Hands an asynchronously made socket to the Agent, which accepts it through the callback. */
function deliver(socket: Promise<Duplex>, callback: (error: Error | null, socket: Duplex) => void): void {
  socket.then((s) => callback(null, s), (error: Error) => callback(error, undefined as unknown as Duplex));
}

/** Asks the proxy for a CONNECT tunnel to the request's host and port. */
async function openTunnel(proxy: Proxy, options: TunnelArgs): Promise<Socket> {
  const request = proxy.protocol === 'https:' ? (await import('node:https')).request : httpRequest;
  const host = String(options.host);
  const authority = `${host.includes(':') ? `[${host}]` : host}:${String(options.port)}`;
  const headers: Record<string, string> = { host: authority };
  if (proxy.authorization) headers['proxy-authorization'] = proxy.authorization;
  return new Promise((resolve, reject) => {
    const connect = request({ host: proxy.hostname, port: proxy.port, method: 'CONNECT', path: authority, headers, agent: false });
    const timeoutMs = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
    // A timer over the whole exchange, not an idle timeout: a proxy that trickles its answer a byte at a
    // time would reset one forever, and this request is all that bounds the wait (the request's own
    // clocks start once it has its connection) and all that would keep the process alive after it.
    const timer = setTimeout(() => connect.destroy(new WireError('refused', 'CONNECT_TIMEOUT', 'proxy timeout', `the proxy at ${proxy.display} did not open a tunnel within ${formatMs(timeoutMs)}`)), timeoutMs);
    connect.once('close', () => clearTimeout(timer));
    connect.once('connect', (res, socket, head) => {
      clearTimeout(timer);
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) {
        if (head.length > 0) socket.unshift(head);
        resolve(socket as Socket);
        return;
      }
      socket.destroy();
      const reason = `${status} ${STATUS_CODES[status] ?? ''}`.trim();
      if (status === 407) {
        reject(new WireError('proxy-auth', 'PROXY_407', 'proxy 407', `the proxy at ${proxy.display} asked for credentials (407)`));
      } else {
        // A proxy answers 502-504 when it cannot reach the server: nothing was sent, as with a refused connection.
        reject(new WireError(status >= 500 ? 'refused' : 'proxy', `PROXY_${status}`, `proxy ${status}`, `the proxy at ${proxy.display} did not open a tunnel to ${authority} (${reason})`));
      }
    });
    connect.once('error', (error) => {
      if (error instanceof WireError) return reject(error);
      const code = errorCode(error);
      if (TLS_CODE.test(code)) reject(new WireError('tls', code, error.message, `TLS verification of the proxy at ${proxy.display} failed (${code})`));
      else reject(new WireError('refused', code, error.message, `cannot connect to the proxy at ${proxy.display} (${code || 'no connection'})`));
    });
    connect.end();
  });
}

function exchange(agent: HttpAgent, req: WireRequest, connectTimeoutMs: number): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    let sent = false;
    let settled = false;
    let request: ClientRequest | undefined;
    const timers: NodeJS.Timeout[] = [];
    const settle = (error: WireError | undefined, response?: WireResponse) => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      if (error) {
        request?.destroy();
        reject(error);
      } else {
        resolve(response!);
      }
    };

    const args: TunnelArgs = {
      protocol: req.url.protocol,
      // WHATWG URLs keep the brackets of an IPv6 address; sockets want it bare.
      hostname: req.url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: req.url.port || undefined,
      path: `${req.url.pathname}${req.url.search}`,
      method: req.method,
      headers: req.headers,
      agent,
      connectTimeoutMs,
    };
    try {
      request = httpRequest(args);
    } catch (error) {
      // Node validates headers and the path before anything goes out.
      reject(new WireError('unsendable', errorCode(error), (error as Error).message));
      return;
    }
    const connected = () => {
      sent = true;
      clearTimeout(timers[0]);
    };
    // The clocks start when the request gets its connection, not when it joins the Agent's queue: with
    // more requests at once than MAX_SOCKETS (apply --concurrency 16), the wait for a connection another
    // request holds is neither a connection that could not be made nor a server that did not answer.
    // The wait itself is bounded: by the timeouts of the requests ahead, and a tunnel by its own.
    request.once('socket', () => {
      if (settled) return;
      timers.push(setTimeout(() => settle(new WireError('refused', 'CONNECT_TIMEOUT', `no connection within ${formatMs(connectTimeoutMs)}`)), connectTimeoutMs));
      timers.push(setTimeout(() => settle(sent ? new WireError('timeout', 'TIMEOUT', 'timeout') : new WireError('refused', 'CONNECT_TIMEOUT', 'connect timeout')), req.timeoutMs));
    });
    // 'finish': the whole request was handed to the operating system, so the server may act on it.
    request.on('finish', connected);
    request.on('error', (error) => settle(classify(error, sent)));
    // A 101 with Upgrade headers comes as 'upgrade', not 'response'; unheard, it would stall until the
    // timeout. Nothing here asked to switch protocols, so it is a final 1xx answer: an error at once.
    request.on('upgrade', (res, socket) => {
      connected();
      socket.destroy();
      settle(undefined, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.alloc(0) });
    });
    request.on('response', (res) => {
      connected();
      const tooLarge = () => new WireError('too-large', 'TOO_LARGE', `more than ${req.maxBytes} bytes`);
      // A declared length over the cap is refused before a byte of the body is read.
      if (Number(res.headers['content-length']) > req.maxBytes) return settle(tooLarge());
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > req.maxBytes) {
          settle(tooLarge());
          res.destroy();
        } else {
          chunks.push(chunk);
        }
      });
      res.on('end', () => settle(undefined, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', (error) => settle(classify(error, true)));
      res.on('close', () => {
        if (!res.complete) settle(new WireError('network', 'ECONNRESET', 'the answer was cut short'));
      });
    });
    request.end(req.body);
  });
}

function classify(error: unknown, sent: boolean): WireError {
  if (error instanceof WireError) return error;
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (TLS_CODE.test(code)) return new WireError('tls', code, message);
  // Never handed over: the server cannot have acted on a request it did not receive.
  if (REFUSED.has(code) || !sent) return new WireError('refused', code, message);
  return new WireError('network', code, message);
}

function errorCode(error: unknown): string {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  if (typeof e?.code === 'string') return e.code;
  if (typeof e?.cause?.code === 'string') return e.cause.code;
  return '';
}

export function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
