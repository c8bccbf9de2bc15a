import fc from 'fast-check';
import * as zod from 'zod/mini';
import { describe, expect, it } from 'vitest';
import * as s from '../../src/api/shape.js';
import { sameId, validate } from '../../src/api/validate.js';
import { CliError } from '../../src/errors.js';
import * as dbaas from '../../src/products/dbaas/schemas.js';
import * as influxdb3 from '../../src/products/influxdb3/schemas.js';
import * as management from '../../src/products/management/schemas.js';
import * as v2 from '../../src/products/v2/schemas.js';

const created = s.looseObject({ id: s.string(), accessToken: s.string(), retentionPeriod: s.optional(s.nonnegative()) });

function message(data: unknown): string {
  try {
    validate(created, data, 'creating a token');
  } catch (error) {
    if (error instanceof CliError) return error.message;
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('validate', () => {
  it('names the field and quotes what came, terminal-safe', () => {
    expect(message({ id: 'a', accessToken: 'x', retentionPeriod: 'x\u001b[2J\u202e' })).toBe('creating a token failed: the server\'s answer does not have the expected shape at retentionPeriod: number expected, got string "x\\u001b[2J\\u202e"');
    expect(message({ id: 'a', accessToken: 'x', retentionPeriod: -1 })).toMatch(/at retentionPeriod: must be at least 0, got -1$/);
    expect(message([])).toMatch(/at the top level: object expected, got an array$/);
    expect(message({ accessToken: 'x' })).toMatch(/at id: string expected, but the field is missing$/);
  });

  it('quotes at most a short part of a huge value, so the error stays one readable line', () => {
    for (const retentionPeriod of ['x'.repeat(1_000_000), -1e300, { many: 'y'.repeat(1_000_000) }]) {
      const text = message({ id: 'a', accessToken: 'x', retentionPeriod });
      expect(text.length, text.slice(0, 300)).toBeLessThan(400);
      expect(text).toMatch(/^creating a token failed: the server's answer does not have the expected shape at retentionPeriod: /);
    }
    expect(message({ id: 'a', accessToken: 'x', retentionPeriod: 'x'.repeat(1_000) })).toMatch(/got string "x{100}…$/);
    // A record's keys come from the server too.
    let text = '';
    try {
      validate(s.record(s.int()), { ['k'.repeat(1_000_000)]: 'v' }, 'reading limits');
    } catch (error) {
      text = (error as Error).message;
    }
    expect(text).toMatch(/shape at k{101}…: int expected, got string "v"$/);
  });

  it('never quotes the value of a secret field', () => {
    const text = message({ id: 'a', accessToken: 12345678901 });
    expect(text).toMatch(/at accessToken: string expected, got a number \(not shown: a secret field\)$/);
    expect(text).not.toContain('12345678901');
  });

  it('returns the answer itself, unknown fields and all', () => {
    const answer = { id: 'a', accessToken: 'x', extra: { nested: [1] } };
    expect(validate(created, answer, 'x')).toBe(answer);
  });

  it('names array positions and nested fields in the path', () => {
    const list = s.array(s.looseObject({ permissions: s.array(s.looseObject({ action: s.string() })) }));
    expect(() => validate(list, [{ permissions: [] }, { permissions: [{ action: 'r' }, { action: 3 }] }], 'listing'))
      .toThrow(/at \[1\]\.permissions\[1\]\.action: string expected, got the number 3$/);
  });
});

/**
 * The shapes replaced zod for answers (zod stays for the apply file); each combinator must accept
 * exactly what its zod counterpart accepts. Checked on generated values, for small shapes and for
 * every schema the clients use, rebuilt in zod from the same description.
 */
describe('shapes agree with zod', () => {
  type Pair = [s.Shape<unknown>, zod.ZodMiniType];
  const leaves: Pair[] = [
    [s.string(), zod.string()],
    [s.number(), zod.number()],
    [s.int(), zod.number().check(zod.int())],
    [s.nonnegative(), zod.number().check(zod.nonnegative())],
    [s.boolean(), zod.boolean()],
    [s.unknown(), zod.unknown()],
    [s.literal('a', 'b'), zod.enum(['a', 'b'])],
  ];
  const scalars = leaves.filter(([, b]) => b.def.type !== 'unknown');
  const pair: fc.Arbitrary<Pair> = fc.letrec<{ shape: Pair }>((tie) => ({
    shape: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(...leaves),
      tie('shape').map(([a, b]): Pair => [s.optional(a), zod.optional(b)]),
      tie('shape').map(([a, b]): Pair => [s.nullable(a), zod.nullable(b)]),
      tie('shape').map(([a, b]): Pair => [s.array(a), zod.array(b)]),
      tie('shape').map(([a, b]): Pair => [s.record(a), zod.record(zod.string(), b)]),
      // Unions as the schemas use them, of scalars (zod treats an absent field under a union that admits
      // undefined as missing; ours checks it as undefined, and no schema has such a union).
      fc.tuple(fc.constantFrom(...scalars), fc.constantFrom(...scalars)).map(([[a1, b1], [a2, b2]]): Pair => [s.union([a1, a2]), zod.union([b1, b2])]),
      fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('shape'), { maxKeys: 3 }).map((fields): Pair => [
        s.looseObject(Object.fromEntries(Object.entries(fields).map(([k, [a]]) => [k, a]))),
        zod.looseObject(Object.fromEntries(Object.entries(fields).map(([k, [, b]]) => [k, b]))),
      ]),
    ),
  })).shape;
  const value = fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom(undefined, null, 'a', 'b', '', 0, 1, -1, 1.5, Number.NaN, 2 ** 60, true, false),
      fc.array(tie('v'), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), tie('v'), { maxKeys: 4 }),
    ),
  })).v;

  it('accepts and refuses the same values as zod, and points at a place that exists', () => {
    fc.assert(fc.property(pair, value, ([mine, theirs], v) => {
      const issue = mine.issue(v, []);
      expect(issue === undefined, JSON.stringify(v)).toBe(theirs.safeParse(v).success);
      if (issue) {
        // The path leads through the value: every step but the last exists.
        let at: unknown = v;
        for (const key of issue.path.slice(0, -1)) {
          expect(at !== null && typeof at === 'object' && Object.hasOwn(at as object, key)).toBe(true);
          at = (at as Record<string | number, unknown>)[key];
        }
      }
    }), { numRuns: 2000 });
  });

  it("accepts what the servers answer and refuses broken answers, for the clients' own schemas", () => {
    // Answers of the shapes the sandbox and the real servers give, and the same broken in one place.
    const cases: Array<[s.Shape<unknown>, unknown, boolean]> = [
      [management.managementDatabaseList, [{ name: 'db', maxTables: 500, maxColumnsPerTable: 200, retentionPeriod: 0 }], true],
      [management.managementDatabaseList, [{ name: 'db', maxTables: 1.5, maxColumnsPerTable: 200 }], false],
      [management.managementDatabase, { name: 'db', maxTables: 1, maxColumnsPerTable: 1, retentionPeriod: -1 }, false],
      [management.managementToken, { id: 't', description: 'd', permissions: [{ action: 'read', resource: 'db' }], expiresAt: null }, true],
      [management.managementToken, { id: 't', description: 'd', permissions: [{ action: 'read' }] }, false],
      [influxdb3.showDatabasesRows, [{ 'iox::database': 'a' }, { 'iox::database': 'b', deleted: true }], true],
      [influxdb3.showDatabasesRows, [{ 'iox::database': 1 }], false],
      [influxdb3.createdToken, { token: 'apiv3_x', id: 1, expiry: null }, true],
      [influxdb3.createdToken, { id: 1 }, false],
      [v2.legacyAuthorizationList, { authorizations: [{ id: 'a', token: 'u', permissions: [{ action: 'read', resource: { type: 'buckets', id: 'b' } }] }] }, true],
      [v2.legacyAuthorizationList, { authorizations: [{ id: 'a', token: 'u', permissions: [{ action: 'read', resource: 'b' }] }] }, false],
      [dbaas.datastore, { id: 'x', status: 'ACTIVE', name: 'pg', flavor: null, connection: { master: 'h' }, config: { a: 1 } }, true],
      [dbaas.datastore, { id: 'x', status: 'ACTIVE', name: 'pg', connection: { master: 1 } }, false],
      [dbaas.configurationParameter, { id: 'p', datastore_type_id: 't', name: 'n', type: 'int', default_value: 3, choices: [1, 'a', true] }, true],
    ];
    for (const [shape, data, fits] of cases) expect(shape.issue(data, []) === undefined, JSON.stringify(data)).toBe(fits);
  });
});

describe('sameId', () => {
  it('quotes at most a short part of the ID a server answered with instead', () => {
    let text = '';
    try {
      sameId('a1', { id: 'b'.repeat(1_000_000) }, 'reading token a1');
    } catch (error) {
      text = (error as Error).message;
    }
    expect(text).toMatch(/^reading token a1 failed: the server answered with b{100}… instead$/);
  });
});
