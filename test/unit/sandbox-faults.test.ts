import { describe, expect, it } from 'vitest';
import { drawFault, parseFaults, seededRandom } from '../../src/sandbox/faults.js';
import { handleDatabases, newScope } from '../../src/sandbox/management.js';

describe('fault specs', () => {
  it('parses probabilities and counts', () => {
    expect(parseFaults('429:0.1,500:0.05,reset:0.02')).toEqual([
      { kind: 429, probability: 0.1 },
      { kind: 500, probability: 0.05 },
      { kind: 'reset', probability: 0.02 },
    ]);
    expect(parseFaults('503:x2')).toEqual([{ kind: 503, remaining: 2 }]);
  });

  it.each(['200:0.1', 'boom:0.1', '500:2', '500', '500:x'])('rejects %j', (spec) => {
    expect(() => parseFaults(spec)).toThrow();
  });

  it('limits a rule to paths containing its @TEXT', () => {
    const rules = parseFaults('500:x1@/password');
    expect(rules).toEqual([{ kind: 500, remaining: 1, path: '/password' }]);
    const random = seededRandom(1);
    expect(drawFault(rules, random, '/private/legacy/authorizations')).toBeUndefined();
    expect(drawFault(rules, random, '/private/legacy/authorizations/abc/password')).toBe(500);
    expect(drawFault(rules, random, '/private/legacy/authorizations/abc/password')).toBeUndefined();
  });

  it('consumes counted faults, then lets requests through', () => {
    const rules = parseFaults('503:x2');
    const random = seededRandom(1);
    expect([drawFault(rules, random), drawFault(rules, random), drawFault(rules, random)]).toEqual([503, 503, undefined]);
  });
});

describe('sandbox Management API rules', () => {
  it('follows the spec: defaults, conflicts, minProperties, soft delete and undelete', () => {
    const scope = newScope();
    expect(handleDatabases(scope, {}, 'POST', [], { name: 'a' })).toMatchObject({ status: 200, body: { name: 'a', maxTables: 500, maxColumnsPerTable: 200, retentionPeriod: 0 } });
    expect(handleDatabases(scope, {}, 'POST', [], { name: 'a' }).status).toBe(409);
    expect(handleDatabases(scope, {}, 'POST', [], { name: '' }).status).toBe(400);
    expect(handleDatabases(scope, {}, 'POST', [], { name: 'b', maxTables: 0 }).status).toBe(400);
    expect(handleDatabases(scope, {}, 'PATCH', ['a'], {}).status).toBe(400);
    expect(handleDatabases(scope, {}, 'PATCH', ['zz'], { maxTables: 3 }).status).toBe(404);
    expect(handleDatabases(scope, {}, 'DELETE', ['a'], undefined).status).toBe(204);
    expect(handleDatabases(scope, {}, 'GET', [], undefined).body).toEqual([]);
    expect(handleDatabases(scope, {}, 'PUT', ['1', 'undelete'], undefined)).toMatchObject({ status: 200, body: { id: 1, name: 'a' } });
    expect(handleDatabases(scope, {}, 'PUT', ['1', 'undelete'], undefined).status).toBe(404);
    expect(handleDatabases(scope, {}, 'PUT', ['x', 'undelete'], undefined).status).toBe(400);
  });
});
