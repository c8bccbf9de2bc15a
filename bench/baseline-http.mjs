// The floor for a one-request verb: the same request with a bare node:http call, the body printed.
// Usage: baseline-http.mjs METHOD URL TOKEN [JSON-BODY]; "{unique}" in the body becomes a fresh name,
// so a create can run again and again.
import { request } from 'node:http';

const [method, url, token, template] = process.argv.slice(2);
const body = template?.replaceAll('{unique}', `b${process.pid.toString(36)}${Date.now().toString(36)}`);
const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
if (body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
const req = request(url, { method, headers }, (res) => {
  if (res.statusCode < 200 || res.statusCode >= 300) process.exitCode = 1;
  res.pipe(process.stdout);
});
req.end(body);
