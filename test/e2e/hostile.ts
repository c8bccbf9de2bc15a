// A small hostile HTTP server for the tests, in the test process (the CLI runs as a child, so the
// server's event loop stays free): each test says how to answer, and every request is recorded. Also a
// CONNECT proxy that can demand credentials, and the TLS key pair both can serve with.

import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Answer = (req: Recorded, res: ServerResponse) => void;

export interface Hostile {
  url: string;
  port: number;
  requests: Recorded[];
  /** How to answer from now on; by default 200 with `[]`. */
  answer(handler: Answer): void;
  reset(): void;
  close(): Promise<void>;
}

/**
 * A test CA and a server certificate for 127.0.0.1 and localhost, valid until 2126, made with
 * `openssl req -x509` (CA, key discarded) and `openssl x509 -req` (subjectAltName IP:127.0.0.1,DNS:localhost).
 */
export const TLS_FIXTURES = {
  ca: new URL('../fixtures/tls/ca.pem', import.meta.url),
  key: readFileSync(new URL('../fixtures/tls/server-key.pem', import.meta.url)),
  cert: readFileSync(new URL('../fixtures/tls/server.pem', import.meta.url)),
};

const json: Answer = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
};

export async function startHostile(options: { tls?: boolean } = {}): Promise<Hostile> {
  const requests: Recorded[] = [];
  let handler: Answer = json;
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      handler(recorded, res);
    });
  };
  const server: Server = options.tls ? createHttpsServer({ key: TLS_FIXTURES.key, cert: TLS_FIXTURES.cert }, onRequest) : createHttpServer(onRequest);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    answer: (next) => void (handler = next),
    reset: () => {
      requests.length = 0;
      handler = json;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export interface RawServer {
  url: string;
  /** The head (request line and headers) of every request received. */
  heads: string[];
  close(): Promise<void>;
}

/** A TCP server that writes whatever bytes `answer` gives for each request head: status lines Node's server would never send. */
export async function startRawServer(answer: (head: string) => string | Buffer): Promise<RawServer> {
  const heads: string[] = [];
  const server = createNetServer((socket) => {
    let text = '';
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return;
      heads.push(text.slice(0, end));
      text = '';
      socket.end(answer(heads[heads.length - 1]!));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    heads,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface ConnectProxy {
  url: string;
  port: number;
  /** host:port of every CONNECT, in order. */
  tunnels: string[];
  /** The Proxy-Authorization header of every CONNECT. */
  authorizations: Array<string | undefined>;
  close(): Promise<void>;
}

/**
 * A CONNECT proxy; with `credentials` ("user:password") it answers 407 to any other
 * Proxy-Authorization; with `tls` it is reached over TLS itself (an https:// proxy); with `intercept`
 * it opens the tunnel and answers inside it itself with those raw bytes (a proxy that reads and
 * rewrites plain HTTP), never reaching the server.
 */
export async function startConnectProxy(options: { credentials?: string; tls?: boolean; intercept?: string } = {}): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const authorizations: Array<string | undefined> = [];
  const expected = options.credentials === undefined ? undefined : `Basic ${Buffer.from(options.credentials).toString('base64')}`;
  const refuse = (_req: IncomingMessage, res: ServerResponse) => res.writeHead(405).end();
  const server: Server = options.tls ? createHttpsServer({ key: TLS_FIXTURES.key, cert: TLS_FIXTURES.cert }, refuse) : createHttpServer(refuse);
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    authorizations.push(req.headers['proxy-authorization']);
    if (expected !== undefined && req.headers['proxy-authorization'] !== expected) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const intercept = options.intercept;
    if (intercept !== undefined) {
      client.on('error', () => undefined);
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      client.once('data', () => client.end(intercept));
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    tunnels,
    authorizations,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
