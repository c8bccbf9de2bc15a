// The floor for a one-request verb: the same request with a bare node:http call, the body printed.
// CommonJS, as bin/influxadm.js is (an ES module would add the ESM loader's start-up, ~5 ms, to the
// floor), and the body written by file descriptor, as influxadm writes (process.stdout adds a stream).
// Usage: baseline-http.cjs METHOD URL TOKEN [JSON-BODY]; "{unique}" in the body becomes a fresh name,
// so a create can run again and again.
'use strict';
const { writeSync } = require('node:fs');
const { request } = require('node:http');

const [method, url, token, template] = process.argv.slice(2);
const body = template?.replaceAll('{unique}', `b${process.pid.toString(36)}${Date.now().toString(36)}`);
const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
if (body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
const req = request(url, { method, headers }, (res) => {
  if (res.statusCode < 200 || res.statusCode >= 300) process.exitCode = 1;
  const chunks = [];
  res.on('data', (chunk) => chunks.push(chunk));
  res.on('end', () => writeSync(1, Buffer.concat(chunks)));
});
req.end(body);
