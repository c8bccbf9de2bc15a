// What the HTTP layer makes of answers as servers really send them: a JSON body behind a byte order
// mark, an error page in HTML from the proxy or load balancer in front of the API.

import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/api/http.js';
import { errorMessageFromBody } from '../../src/api/error-body.js';

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

const NGINX_502 = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n';

describe('answers as servers send them', () => {
  it('reads a JSON answer that starts with a UTF-8 byte order mark', async () => {
    answer = (res) => res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end('\ufeff[{"name":"db1"}]');
    const http = client();
    expect(http.json(spec, await http.send(spec))).toEqual([{ name: 'db1' }]);
    await http.close();
  });

  it('says what an HTML error page says, in one line, not its markup', async () => {
    answer = (res) => res.writeHead(403, { 'content-type': 'text/html' }).end('<!DOCTYPE html>\n<html lang="en">\n<head>\n<title>Access denied | influx.example.com used Cloudflare to restrict access</title>\n<style>body{color:red}</style></head>\n<body><h1>Sorry, you have been blocked</h1></body></html>');
    const http = client();
    const error = (await http.send(spec).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe('listing x failed: 403 Forbidden: Access denied | influx.example.com used Cloudflare to restrict access');
    await http.close();
  });

  it('does not repeat the status when the HTML page only names it (nginx)', async () => {
    answer = (res) => res.writeHead(404, { 'content-type': 'text/html' }).end(NGINX_502.replaceAll('502 Bad Gateway', '404 Not Found'));
    const http = client();
    const error = (await http.send(spec).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe('listing x failed: 404 Not Found');
    await http.close();
  });

  it('takes the text of an HTML page without a title, without scripts, styles or entities', () => {
    expect(errorMessageFromBody('<html><head><style>p{x:1}</style><script>var a = "<b>";</script></head><body><p>Upstream &amp; backend\n   timed&nbsp;out &lt;30s&gt;</p></body></html>')).toBe('Upstream & backend timed out <30s>');
    expect(errorMessageFromBody(NGINX_502)).toBe('502 Bad Gateway');
    // Not HTML: a plain message that merely starts with a bracket stays as it is.
    expect(errorMessageFromBody('<none> is not a valid name')).toBe('<none> is not a valid name');
  });
});

describe('a hostile HTML error page', () => {
  it('is read in bounded time, however much unclosed markup it has', () => {
    const started = Date.now();
    const message = errorMessageFromBody(`<html>${'<script><title>'.repeat(2_000_000)}`);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(message!.length).toBeLessThanOrEqual(301);
  });
});
