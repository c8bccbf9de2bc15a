// The HTTP layer refuses a header value that cannot be sent, whatever the caller checked before: a
// credential read elsewhere (tokens are checked where they are read, see credentials.ts) must still
// never make the tool report a network failure or "may have applied" for a request that never left.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/api/http.js';

let server: Server;
let requests = 0;
let url = '';
beforeAll(async () => {
  server = createServer((_req, res) => {
    requests++;
    res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const client = (value: string) => new HttpClient({ baseUrl: url, auth: ['authorization', `Bearer ${value}`], secrets: [value], timeoutMs: 2000, tlsNoVerify: false, userAgent: 'test' }, {});

describe('header values that cannot be sent', () => {
  it.each([['a line break', 'abc\ndef'], ['a NUL character', 'abc\u0000def'], ['a character outside Latin-1', 'abc—def']])('a token with %s is exit 2, never sent, never echoed', async (kind, value) => {
    requests = 0;
    const failure = await client(value).send({ method: 'POST', path: '/x', body: {}, what: 'creating x' }).catch((e: unknown) => e as { exitCode: number; message: string });
    expect(failure).toMatchObject({ exitCode: 2, message: expect.stringContaining(`failed before anything was sent: the token contains ${kind}`) });
    expect(String((failure as { message?: string }).message)).not.toContain('abc');
    expect(requests).toBe(0);
  });
});
