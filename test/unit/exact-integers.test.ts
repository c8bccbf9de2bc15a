// A retention period is int64 nanoseconds, past the integers a JavaScript number holds exactly (2^53 ns is
// about 104 days): the Management API must get the value the duration grammar read, digit for digit, not a
// double's rounding of it (9223372036854775807 went as 9223372036854776000, past int64: a 400).

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/api/http.js';
import { MAX_DURATION_NS, parseDuration } from '../../src/input/duration.js';
import { createBackend } from '../../src/products/management/backend.js';
import type { Session } from '../../src/products/types.js';
import type { Target } from '../../src/config/resolve.js';

let server: Server;
let bodies: string[] = [];
let url = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      bodies.push(text);
      const name = /"name":"([^"]*)"/.exec(text)?.[1] ?? 'db';
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ name, maxTables: 500, maxColumnsPerTable: 200, retentionPeriod: 0 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  bodies = [];
});

const http = () => new HttpClient({ baseUrl: url, auth: ['authorization', 'Bearer t0ken-value'], secrets: ['t0ken-value'], timeoutMs: 2000, tlsNoVerify: false, userAgent: 'test' }, {});

function session(): Session {
  const target = { product: 'clustered', host: url, origins: {} } as unknown as Target;
  return {
    target,
    env: {},
    http: async () => http(),
    httpFor: async () => http(),
    debug: () => {},
    notice: () => {},
  };
}

describe('integers past 2^53 in request bodies', () => {
  it('sends a bigint as the exact integer, and leaves every other value as JSON.stringify writes it', async () => {
    const body = { a: 9_223_372_036_854_775_807n, b: [1n, 2.5, 'x'], s: '\u0000', n: null };
    await http().send({ method: 'POST', path: '/x', body, what: 'sending x' });
    expect(bodies).toEqual(['{"a":9223372036854775807,"b":[1,2.5,"x"],"s":"\\u0000","n":null}']);
  });

  it('shows in --debug the integer that was sent, and still masks the secrets beside it', async () => {
    const lines: string[] = [];
    const client = new HttpClient({ baseUrl: url, secrets: [], timeoutMs: 2000, tlsNoVerify: false, userAgent: 'test', debug: (line) => lines.push(line) }, {});
    await client.send({ method: 'POST', path: '/x', body: { retentionPeriod: 9_223_372_036_854_775_807n, password: 'pass-word-1234', nested: { token: 'tok-en-5678' } }, what: 'sending x' });
    const body = lines.find((line) => line.startsWith('→ body '));
    expect(body).toBe('→ body {"retentionPeriod":9223372036854775807,"password":"[redacted]","nested":{"token":"[redacted]"}}');
  });

  it('leaves a string that looks like the stand-in for a bigint alone', async () => {
    const body = { a: 5n, text: '"\u0000bigint:0"' };
    await http().send({ method: 'POST', path: '/x', body, what: 'sending x' });
    expect(JSON.parse(bodies[0]!)).toEqual({ a: 5, text: '"\u0000bigint:0"' });
  });

  it('gives the Management API every retention period the grammar takes, exactly', async () => {
    const backend = createBackend(session());
    await backend.databases!.create({ name: 'top', retentionPeriod: parseDuration('9223372036854775807ns') });
    await backend.databases!.update('top', { retentionPeriod: parseDuration('200d1ns') });
    expect(bodies).toEqual(['{"name":"top","retentionPeriod":9223372036854775807}', '{"retentionPeriod":17280000000000001}']);
    await fc.assert(fc.asyncProperty(fc.bigInt({ min: 0n, max: MAX_DURATION_NS }), async (ns) => {
      bodies = [];
      await backend.databases!.update('db', { retentionPeriod: ns });
      expect(bodies).toEqual([`{"retentionPeriod":${ns}}`]);
    }), { numRuns: 30 });
  });
});
