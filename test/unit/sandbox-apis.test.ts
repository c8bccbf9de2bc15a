// The sandbox's InfluxDB modules called directly (no server): the validation rules of the real APIs
// that influxadm's own checks would hide from an end-to-end test.

import { describe, expect, it } from 'vitest';
import type { Reply, SandboxApi } from '../../src/sandbox/api.js';
import { influxdb3Api } from '../../src/sandbox/influxdb3.js';
import { managementApi } from '../../src/sandbox/management.js';
import { v2Api } from '../../src/sandbox/v2.js';
import { formatHumantime, parseDuration } from '../../src/input/duration.js';
import { apiRequest } from './sandbox-request.js';

const context = { now: () => Date.now() };

function caller<S>(api: SandboxApi<S>, headers: Record<string, string>) {
  const state = api.fresh();
  return (method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Reply =>
    api.handle(state, apiRequest(method, path, body, { ...headers, ...extraHeaders }), context);
}

describe('v2: bucket pages as the spec has them (limit 1–100, default 20; offset from 0)', () => {
  const call = caller(v2Api(), { authorization: 'Token t' });

  it.each(['0', '101', '500', 'abc', '-1', '1.5'])('limit=%s is a 400, not a quietly shorter page', (limit) => {
    const reply = call('GET', `/api/v2/buckets?limit=${limit}`);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ code: 'invalid' });
  });

  it.each(['-1', 'x'])('offset=%s is a 400', (offset) => {
    expect(call('GET', `/api/v2/buckets?offset=${offset}`).status).toBe(400);
  });

  it('limit and offset page through the buckets', () => {
    const all = (call('GET', '/api/v2/buckets?limit=100').body as { buckets: Array<{ name: string }> }).buckets.map((b) => b.name);
    expect(all.length).toBeGreaterThanOrEqual(2);
    const second = (call('GET', '/api/v2/buckets?limit=1&offset=1').body as { buckets: Array<{ name: string }> }).buckets.map((b) => b.name);
    expect(second).toEqual([all[1]]);
  });
});

describe('InfluxDB 3: retention periods by humantime\'s rules, not influxadm\'s wider grammar', () => {
  const call = caller(influxdb3Api('enterprise'), { authorization: 'Bearer t' });
  let n = 0;
  const create = (retention: unknown) => call('POST', '/api/v3/configure/database', { db: `rp${++n}`, retention_period: retention }, { 'content-type': 'application/json' });

  it.each(['30d', '1h30m', '2h 37min', '1.5h', '0', '1M', '1y', '10days', '250ms'])('%j is taken', (retention) => {
    expect(create(retention).status).toBe(200);
  });

  it.each([['1mo', 'unknown time unit "mo"'], ['30D', 'unknown time unit "D"'], ['none', 'expected number at 0'], ['infinite', 'expected number at 0'], ['30', 'time unit needed'], ['', 'value was empty'], ['-1h', 'expected number at 0']])('%j is a 400 (%s)', (retention, why) => {
    const reply = create(retention);
    expect(reply.status).toBe(400);
    expect(reply.body).toContain(why);
  });

  it('takes every retention influxadm sends', () => {
    for (const text of ['1y', '30d', '1h30m', '1.5s', '90m', '2w', '1mo', '1y6mo', '36500d', '1ns']) expect(create(formatHumantime(parseDuration(text))).status, text).toBe(200);
  });
});

describe('Management API: integer fields out of range say which bound', () => {
  const call = caller(managementApi(), { authorization: 'Bearer t' });

  it.each([
    [{ name: 'a', maxTables: 0 }, 'maxTables must be at least 1'],
    [{ name: 'a', maxTables: 2 ** 31 }, 'maxTables must be at most 2147483647'],
    [{ name: 'a', maxColumnsPerTable: 2 ** 31 }, 'maxColumnsPerTable must be at most 2147483647'],
    [{ name: 'a', retentionPeriod: -1 }, 'retentionPeriod must be at least 0'],
  ])('%j → 400 %s', (body, message) => {
    expect(call('POST', '/api/v0/databases', body)).toEqual({ status: 400, body: { code: 400, message } });
  });

  it('takes a retention period up to int64 exactly, as influxadm sends it, and refuses one past it', () => {
    const top = call('POST', '/api/v0/databases', '{"name":"top","retentionPeriod":9223372036854775807}');
    expect(top.status).toBe(200);
    expect(call('PATCH', '/api/v0/databases/top', '{"retentionPeriod":9223372036854775807}').status).toBe(200);
    for (const [method, path, body] of [['POST', '/api/v0/databases', '{"name":"past","retentionPeriod":9223372036854775808}'], ['PATCH', '/api/v0/databases/top', '{"retentionPeriod":18446744073709551616}']] as const) {
      expect(call(method, path, body)).toEqual({ status: 400, body: { code: 400, message: `the number ${/\d{19,}/.exec(body)![0]} is out of range for int64` } });
    }
    // Digits inside a string are a name, not a number.
    expect(call('POST', '/api/v0/databases', '{"name":"d92233720368547758089","retentionPeriod":1}').status).toBe(200);
  });
});

describe('InfluxDB 3: a JSON body needs a JSON content type, as the server\'s read_body_json wants', () => {
  const call = caller(influxdb3Api('enterprise'), { authorization: 'Bearer t' });
  const refused = { status: 415, body: 'unacceptable content-type, expected: application/json' };

  it.each([
    ['POST', '/api/v3/configure/database', { db: 'ct1' }],
    ['PUT', '/api/v3/configure/database', { db: 'ct1', retention_period: '1d' }],
    ['POST', '/api/v3/configure/table', { db: 'ct1', table: 't', tags: [], fields: [] }],
    ['POST', '/api/v3/configure/token/named_admin', { token_name: 'ct-admin' }],
  ])('%s %s without one is a 415 and changes nothing', (method, path, body) => {
    expect(call(method, path, body)).toEqual(refused);
    expect(call(method, path, body, { 'content-type': 'text/plain;charset=UTF-8' })).toEqual(refused);
  });

  it('takes application/json with parameters and a +json subtype', () => {
    expect(call('POST', '/api/v3/configure/database', { db: 'ct2' }, { 'content-type': 'application/json; charset=utf-8' }).status).toBe(200);
    expect(call('POST', '/api/v3/configure/database', { db: 'ct3' }, { 'content-type': 'Application/vnd.influx+json' }).status).toBe(200);
    const names = (call('GET', '/api/v3/configure/database?format=json').body as Array<Record<string, string>>).map((r) => r['iox::database']);
    expect(names).toEqual(['_internal', 'ct2', 'ct3']);
  });

  it('asks nothing of requests without a body (deletes take query parameters)', () => {
    call('POST', '/api/v3/configure/database', { db: 'ct4' }, { 'content-type': 'application/json' });
    expect(call('DELETE', '/api/v3/configure/database?db=ct4').status).toBe(200);
  });
});

describe('Management API: token fields as the spec types them', () => {
  const call = caller(managementApi(), { authorization: 'Bearer t' });
  const token = (extra: Record<string, unknown>) => call('POST', '/api/v0/tokens', { description: 'd', ...extra });

  it.each([
    ['a resource of 65 characters', { permissions: [{ action: 'read', resource: 'x'.repeat(65) }] }],
    ['an empty resource', { permissions: [{ action: 'read', resource: '' }] }],
    ['a date without a time', { expiresAt: '2030-01-01' }],
    ['a time without an offset', { expiresAt: '2030-01-01T00:00:00' }],
    ['a date in words', { expiresAt: 'Jan 1 2030' }],
    ['a month 13', { expiresAt: '2030-13-01T00:00:00Z' }],
  ])('%s is a 400 (ClusterDatabaseName is 1–64 characters or "*"; expiresAt is an RFC 3339 date-time)', (_, extra) => {
    expect(token(extra)).toMatchObject({ status: 400, body: { code: 400 } });
  });

  it('takes a 64-character database, "*", and RFC 3339 times with a fraction or an offset', () => {
    expect(token({ permissions: [{ action: 'read', resource: 'é'.repeat(64) }, { action: 'write', resource: '*' }] }).status).toBe(200);
    expect(token({ expiresAt: '2030-01-01T00:00:00.123Z' }).status).toBe(200);
    expect(token({ expiresAt: '2030-01-01t12:00:00+02:00' }).status).toBe(200);
  });

  it('holds a PATCH to the same rule', () => {
    const id = (token({}).body as { id: string }).id;
    expect(call('PATCH', `/api/v0/tokens/${id}`, { permissions: [{ action: 'read', resource: 'x'.repeat(65) }] }).status).toBe(400);
  });
});

describe('InfluxDB 3: table create checks the database name first, as the server does (validate_db_name)', () => {
  const call = caller(influxdb3Api('core'), { authorization: 'Bearer t', 'content-type': 'application/json' });

  it.each([['_x', 'db name did not start with a number or letter'], ['a.b', 'invalid character in database or rp name']])('db %j is a 400 {"error"}, not a 404', (db, message) => {
    const reply = call('POST', '/api/v3/configure/table', { db, table: 't', tags: [], fields: [] });
    expect(reply.status).toBe(400);
    expect((reply.body as { error: string }).error).toContain(message);
  });

  it('a valid name that does not exist is still a 404', () => {
    expect(call('POST', '/api/v3/configure/table', { db: 'nosuch', table: 't', tags: [], fields: [] }).status).toBe(404);
  });
});
