// The wire layer against in-process servers: connection reuse and its bound, the answer cap, and
// above all the classification the retry policy depends on — whether a request can have been sent.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_SOCKETS, Transport, WireError, type WireRequest } from '../../src/api/transport.js';
import { parseProxyUrl } from '../../src/api/proxy.js';
import { startConnectProxy, type ConnectProxy } from '../e2e/hostile.js';

const servers: Array<Server | NetServer> = [];
const transports: Transport[] = [];
const proxies: ConnectProxy[] = [];

afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.close()));
  await Promise.all(proxies.splice(0).map((p) => p.close()));
  for (const server of servers.splice(0)) {
    if ('closeAllConnections' in server) server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen<S extends Server | NetServer>(server: S): Promise<{ server: S; url: string; connections: Socket[] }> {
  const connections: Socket[] = [];
  server.on('connection', (socket: Socket) => connections.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections };
}

function httpServer(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  return listen(createServer((req, res) => {
    req.resume();
    req.on('end', () => handler(req, res));
  }));
}

function transport(options: Partial<ConstructorParameters<typeof Transport>[0]> = {}): Transport {
  const t = new Transport({ rejectUnauthorized: true, ...options });
  transports.push(t);
  return t;
}

const request = (url: string, extra: Partial<WireRequest> = {}): WireRequest => ({
  url: new URL(url),
  method: 'GET',
  headers: { accept: 'application/json' },
  timeoutMs: 5_000,
  maxBytes: 1024 * 1024,
  ...extra,
});

async function failure(promise: Promise<unknown>): Promise<WireError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WireError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('Transport', () => {
  it('reuses one kept-alive connection for requests in turn', async () => {
    const { url, connections } = await httpServer((_req, res) => res.end('ok'));
    const t = transport();
    for (let i = 0; i < 3; i++) expect((await t.request(request(`${url}/x${i}`))).body.toString()).toBe('ok');
    expect(connections).toHaveLength(1);
  });

  it(`opens at most ${MAX_SOCKETS} connections for many requests at once, and answers them all`, async () => {
    // Answers are held until MAX_SOCKETS requests are in at once: fewer connections would hang the test.
    const held: ServerResponse[] = [];
    let released = false;
    const { url, connections } = await httpServer((_req, res) => {
      if (released) return void res.end('ok');
      held.push(res);
      if (held.length === MAX_SOCKETS) {
        released = true;
        for (const r of held) r.end('ok');
      }
    });
    const t = transport();
    const answers = await Promise.all(Array.from({ length: 3 * MAX_SOCKETS }, (_, i) => t.request(request(`${url}/${i}`))));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(connections).toHaveLength(MAX_SOCKETS);
  });

  it('does not count the wait for a free connection against the request: a queued request is not a refused one', async () => {
    // apply --concurrency 16 against a server that takes a while: the second eight wait for a
    // connection of the first eight. Each answer comes within the timeout; the wait must not be taken
    // for a connection that could not be made (retried, then "cannot connect").
    const { url } = await httpServer((_req, res) => void setTimeout(() => res.end('ok'), 600));
    const t = transport();
    const answers = await Promise.allSettled(Array.from({ length: 2 * MAX_SOCKETS }, (_, i) => t.request(request(`${url}/${i}`, { timeoutMs: 1_000 }))));
    expect(answers.map((a) => (a.status === 'fulfilled' ? a.value.status : `${(a.reason as WireError).kind} ${(a.reason as WireError).code}`))).toEqual(Array(2 * MAX_SOCKETS).fill(200));
  });

  it('sends the body with its length and returns status, headers and body', async () => {
    let seen: { method?: string; length?: string; type?: string } = {};
    const { url } = await listen(createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen = { method: req.method, length: req.headers['content-length'], type: body };
        res.writeHead(201, { 'x-id': '7' }).end('{"id":7}');
      });
    }));
    const answer = await transport().request(request(url, { method: 'POST', body: '{"name":"é"}', headers: { 'content-length': '13' } }));
    expect(seen).toEqual({ method: 'POST', length: '13', type: '{"name":"é"}' });
    expect(answer.status).toBe(201);
    expect(answer.headers['x-id']).toBe('7');
    expect(answer.body.toString()).toBe('{"id":7}');
  });

  it('stops reading an answer past maxBytes and closes the connection', async () => {
    let closed = false;
    const { url } = await httpServer((_req, res) => {
      res.on('close', () => (closed = true));
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pump = () => {
        while (res.write(chunk)) if (closed) return;
      };
      res.on('drain', pump);
      pump();
    });
    const error = await failure(transport().request(request(url, { maxBytes: 256 * 1024 })));
    expect(error.kind).toBe('too-large');
    await expect.poll(() => closed).toBe(true);
  });

  it('refuses an answer whose declared length is past maxBytes without reading it', async () => {
    // Only the head and a kilobyte come: reading on would end in the timeout instead.
    const { url } = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-length': String(64 * 1024 * 1024) });
      res.write(Buffer.alloc(1024));
    });
    const error = await failure(transport().request(request(url, { maxBytes: 1024 * 1024, timeoutMs: 1_000 })));
    expect(error.kind).toBe('too-large');
  });

  it('calls a closed port refused: nothing was sent', async () => {
    const { server, url } = await listen(createNetServer());
    await new Promise((resolve) => server.close(resolve));
    servers.pop();
    const error = await failure(transport().request(request(url, { method: 'POST', body: '{}' })));
    expect(error).toMatchObject({ kind: 'refused', code: 'ECONNREFUSED' });
  });

  it('calls a connection lost during the TLS handshake refused: the request was never written', async () => {
    const { url } = await listen(createNetServer((socket) => socket.destroy()));
    const error = await failure(transport().request(request(url.replace('http:', 'https:'), { method: 'POST', body: '{}' })));
    expect(error).toMatchObject({ kind: 'refused', code: 'ECONNRESET' });
  });

  it('calls a connection dropped after the request arrived a network failure: it may have been applied', async () => {
    const { url } = await listen(createNetServer((socket) => {
      socket.on('data', (chunk: Buffer) => {
        if (chunk.includes('\r\n\r\n')) socket.destroy();
      });
    }));
    const error = await failure(transport().request(request(url, { method: 'POST', body: '{}' })));
    expect(error.kind).toBe('network');
  });

  it('calls an answer cut short a network failure', async () => {
    const { url } = await listen(createNetServer((socket) => {
      socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"half":'));
    }));
    expect((await failure(transport().request(request(url)))).kind).toBe('network');
  });

  it('calls an answer that is not HTTP a network failure with the parser code', async () => {
    const { url } = await listen(createNetServer((socket) => socket.once('data', () => socket.end('SSH-2.0-OpenSSH\r\n'))));
    const error = await failure(transport().request(request(url)));
    expect(error.kind).toBe('network');
    expect(error.code).toMatch(/^HPE_/);
  });

  it('times out a sent request that gets no answer', async () => {
    const { url } = await listen(createNetServer((socket) => socket.on('data', () => undefined)));
    const error = await failure(transport().request(request(url, { timeoutMs: 300 })));
    expect(error.kind).toBe('timeout');
  });

  it('calls a tunnel the proxy never opens a connect timeout: nothing was sent', async () => {
    const { url: proxyUrl } = await listen(createNetServer((socket) => socket.on('data', () => undefined)));
    const proxy = parseProxyUrl('HTTP_PROXY', proxyUrl);
    const error = await failure(transport({ proxy }).request(request('http://influx.invalid:8086/x', { method: 'POST', body: '{}', timeoutMs: 300 })));
    expect(error).toMatchObject({ kind: 'refused', code: 'CONNECT_TIMEOUT' });
  });

  it('bounds the whole tunnel request, also against a proxy that trickles its answer a byte at a time', async () => {
    const timers: NodeJS.Timeout[] = [];
    const { url: proxyUrl, connections } = await listen(createNetServer((socket) => {
      socket.on('error', () => undefined);
      socket.once('data', () => {
        const text = 'HTTP/1.1 200 Connection established\r\nX-Padding: ' + 'x'.repeat(10_000);
        let i = 0;
        const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write(text[i++ % text.length]!)), 50);
        timers.push(timer);
      });
    }));
    try {
      const started = Date.now();
      const error = await failure(transport({ proxy: parseProxyUrl('HTTP_PROXY', proxyUrl) }).request(request('http://influx.invalid:8086/x', { timeoutMs: 500 })));
      expect(error).toMatchObject({ kind: 'refused', code: 'CONNECT_TIMEOUT' });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      for (const timer of timers) clearInterval(timer);
      for (const socket of connections) socket.destroy();
    }
  });

  it('tunnels through a CONNECT proxy with its credentials and reuses the tunnel', async () => {
    const { url, connections } = await httpServer((_req, res) => res.end('through'));
    const proxy = await startConnectProxy({ credentials: 'u:p@ss' });
    proxies.push(proxy);
    const t = transport({ proxy: parseProxyUrl('HTTPS_PROXY', `http://u:p%40ss@127.0.0.1:${proxy.port}`) });
    for (let i = 0; i < 2; i++) expect((await t.request(request(`${url}/${i}`))).body.toString()).toBe('through');
    expect(proxy.tunnels).toEqual([new URL(url).host]);
    expect(proxy.authorizations).toEqual([`Basic ${Buffer.from('u:p@ss').toString('base64')}`]);
    expect(connections).toHaveLength(1);
  });

  it('reports a proxy that wants credentials as proxy-auth, naming the proxy and not the server', async () => {
    const proxy = await startConnectProxy({ credentials: 'u:p' });
    proxies.push(proxy);
    const error = await failure(transport({ proxy: parseProxyUrl('HTTP_PROXY', proxy.url) }).request(request('http://127.0.0.1:9/x')));
    expect(error).toMatchObject({ kind: 'proxy-auth', detail: `the proxy at 127.0.0.1:${proxy.port} asked for credentials (407)` });
  });

  it.each([
    [502, 'refused'],
    [403, 'proxy'],
  ])('reports a proxy that answers the tunnel with %i as %s', async (status, kind) => {
    const { url: proxyUrl } = await listen(createNetServer((socket) => socket.once('data', () => socket.end(`HTTP/1.1 ${status} No\r\nContent-Length: 0\r\n\r\n`))));
    const error = await failure(transport({ proxy: parseProxyUrl('HTTP_PROXY', proxyUrl) }).request(request('http://influx.invalid/x')));
    expect(error.kind).toBe(kind);
    expect(error.detail).toMatch(new RegExp(`did not open a tunnel to influx\\.invalid:80 \\(${status} `));
  });

  it('reports a proxy that is not there as refused, naming the proxy', async () => {
    const { server, url: proxyUrl } = await listen(createNetServer());
    await new Promise((resolve) => server.close(resolve));
    servers.pop();
    const error = await failure(transport({ proxy: parseProxyUrl('HTTP_PROXY', proxyUrl) }).request(request('http://influx.invalid/x')));
    expect(error).toMatchObject({ kind: 'refused', code: 'ECONNREFUSED' });
    expect(error.detail).toMatch(/^cannot connect to the proxy at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)$/);
  });

  it('refuses a header value Node would reject before anything is sent', async () => {
    const { url, connections } = await httpServer((_req, res) => res.end());
    const error = await failure(transport().request(request(url, { headers: { authorization: 'Bearer a\nb' } })));
    expect(error.kind).toBe('unsendable');
    expect(connections).toHaveLength(0);
  });
});
