// What the HTTP layer makes of answers as servers really send them: a JSON body behind a byte order
// mark.

import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/api/http.js';

let server: Server;
let answer: (res: ServerResponse) => void = (res) => res.end('[]');
let url = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const client = () => new HttpClient({ baseUrl: url, secrets: [], timeoutMs: 2000, tlsNoVerify: false, userAgent: 'test' }, {});
const spec = { method: 'GET', path: '/x', what: 'listing x' } as const;

describe('answers as servers send them', () => {
  it('reads a JSON answer that starts with a UTF-8 byte order mark', async () => {
    answer = (res) => res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end('\ufeff[{"name":"db1"}]');
    const http = client();
    expect(http.json(spec, await http.send(spec))).toEqual([{ name: 'db1' }]);
    await http.close();
  });
});
