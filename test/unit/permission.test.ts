import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExpiryError, expirySeconds, parseExpiry } from '../../src/input/expiry.js';
import { likeMatcher } from '../../src/input/like.js';
import {
  canonical, difference, formatPermissions, parsePermission, parsePermissionFlags, PermissionError, union, type PermissionSet,
} from '../../src/input/permission.js';
import { CliError } from '../../src/errors.js';
import { toWire as toEnterprisePermissions, wirePermissions as toEnterpriseWire } from '../../src/products/influxdb3/permissions.js';
import { fromWire as fromManagementWire, toWire as toManagementPermissions, wirePermissions as toManagementWire } from '../../src/products/management/permissions.js';

describe('permission grammar', () => {
  it('parses names and actions into canonical grants, folding duplicates', () => {
    expect(parsePermission('db:A,B:read,write')).toEqual([
      { type: 'db', name: 'A', action: 'read' }, { type: 'db', name: 'A', action: 'write' },
      { type: 'db', name: 'B', action: 'read' }, { type: 'db', name: 'B', action: 'write' },
    ]);
    expect(parsePermission('db:A,A:write,read,read')).toEqual(parsePermission('db:A:read,write'));
    expect(parsePermission('system:health,metrics:read')).toHaveLength(2);
    expect(parsePermission('db:*:read')).toEqual([{ type: 'db', name: '*', action: 'read' }]);
  });

  it.each([
    ['db:a', /three parts/],
    ['db:a:read:x', /three parts/],
    [':a:read', /type is empty/],
    ['db::read', /resource names are empty/],
    ['db:a:', /actions are empty/],
    ['table:a:read', /unknown type "table"/],
    ['DB:a:read', /unknown type "DB"/],
    ['db:a,*:read', /\* cannot be mixed with names/],
    ['db:a,,b:read', /empty resource name/],
    ['db:a:read,,write', /empty action/],
    ['db:a:*', /\* is not an action/],
    ['db:a:admin', /unknown action "admin"/],
    ['system:disk:read', /"disk" is not a system resource; system resources: health, metrics, ping, ready/],
    ['system:health:write', /system does not allow "write"; system allows read/],
    ['bucket:b:delete', /bucket does not allow "delete"/],
  ])('rejects %j', (text, message) => {
    expect(() => parsePermission(text)).toThrow(PermissionError);
    expect(() => parsePermission(text)).toThrow(message);
  });

  it.each([
    [{ readDatabase: [''] }, /^--read-database "": the resource names are empty/],
    [{ writeDatabase: ['a:write'] }, /^--write-database "a:write" takes database names \(a name, a comma list or \*\), not a permission; for other actions use --permission db:NAMES:ACTIONS$/],
    [{ readDatabase: ['a,*'] }, /^--read-database "a,\*": \* cannot be mixed with names$/],
    [{ readBucket: ['raw:write'] }, /^--read-bucket "raw:write" takes bucket names or IDs \(a name, a comma list or \*\), not a permission/],
  ])('a shorthand\'s error names the flag and what was given, not a permission nobody wrote: %j', (flags, message) => {
    expect(() => parsePermissionFlags(flags)).toThrow(PermissionError);
    expect(() => parsePermissionFlags(flags)).toThrow(message);
  });

  it('reads a shorthand as the permission it stands for, and refuses it with the flag\'s name, for any value', () => {
    const flag = fc.constantFrom(['readDatabase', 'db', 'read'], ['writeDatabase', 'db', 'write'], ['readBucket', 'bucket', 'read'], ['writeBucket', 'bucket', 'write']);
    fc.assert(fc.property(flag, fc.string({ maxLength: 12 }), ([key, type, action], value) => {
      let long: PermissionSet | Error;
      try {
        long = parsePermission(`${type}:${value}:${action}`);
      } catch (error) {
        long = error as Error;
      }
      try {
        const set = parsePermissionFlags({ [key]: [value] });
        expect(set).toEqual(long);
      } catch (error) {
        expect(error).toBeInstanceOf(PermissionError);
        expect((error as Error).message.startsWith(`--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} "`)).toBe(true);
        expect(long).toBeInstanceOf(Error);
      }
    }));
  });

  it('merges flags and shorthands into one set', () => {
    expect(parsePermissionFlags({ permission: ['db:a:read'], readDatabase: ['a', 'b'], writeDatabase: ['*'] })).toEqual(canonical([
      { type: 'db', name: 'a', action: 'read' }, { type: 'db', name: 'b', action: 'read' }, { type: 'db', name: '*', action: 'write' },
    ]));
  });

  it('formats back to the grammar, and that parses to the same set', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9_-]{0,6}$/);
    const perm = fc.tuple(fc.uniqueArray(name, { minLength: 1, maxLength: 3 }), fc.subarray(['read', 'write', 'create', 'describe', 'delete'], { minLength: 1 }))
      .map(([names, actions]) => `db:${names.join(',')}:${actions.join(',')}`);
    fc.assert(fc.property(fc.array(perm, { minLength: 1, maxLength: 4 }), (texts) => {
      const set = parsePermissionFlags({ permission: texts });
      expect(parsePermissionFlags({ permission: formatPermissions(set) })).toEqual(set);
    }));
  });

  it('never throws anything but PermissionError, and messages are one line', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (text) => {
      try {
        parsePermission(text);
      } catch (error) {
        expect(error).toBeInstanceOf(PermissionError);
        expect((error as Error).message).not.toMatch(/\n/);
      }
    }));
  });

  it('orders a set the same whatever order or locale it came in: by code unit, never by collation', () => {
    // Collation says 'é' (NFC) and 'e\u0301' (NFD), or 'ab' and 'a\u0000b', are equal and sorts 'ä' by the
    // user's locale; the canonical form must not depend on either, since plans and exports compare it as text.
    const name = fc.constantFrom('a', 'A', 'b', 'z', 'ä', '\u00e9', 'e\u0301', 'ab', 'a\u0000b', 'a\u200bb', '*', 'Z1', 'aa');
    const grant = fc.record({ name, action: fc.constantFrom('read', 'write') }).map((g) => ({ type: 'db' as const, ...g }));
    fc.assert(fc.property(fc.uniqueArray(grant, { selector: (g) => `${g.name}\u0000${g.action}`, maxLength: 10 }), (grants) => {
      const set = canonical(grants);
      expect(canonical([...grants].reverse())).toEqual(set);
      const names = set.map((g) => g.name);
      expect(names).toEqual([...names].sort());
    }));
  });

  it('unions and differences sets', () => {
    const a = parsePermission('db:x:read,write');
    const b = parsePermission('db:x:write');
    expect(difference(a, b)).toEqual(parsePermission('db:x:read'));
    expect(union(difference(a, b), b)).toEqual(a);
  });
});

describe('per-product bodies', () => {
  it('gives the Management API action/resource pairs, databases only', () => {
    expect(toManagementPermissions(parsePermission('db:a:read'))).toEqual([{ action: 'read', resource: 'a' }]);
    expect(toManagementPermissions(parsePermission('db:*:write'))).toEqual([{ action: 'write', resource: '*' }]);
    expect(() => toManagementPermissions(parsePermission('system:health:read'))).toThrow(/system permissions are not available on Cloud Dedicated/);
    expect(() => toManagementPermissions(parsePermission('db:a:delete'))).toThrow(/"delete" is not available/);
  });

  it('gives Enterprise resource_names grouped by identical action sets', () => {
    const set = parsePermissionFlags({ permission: ['db:a,b:read,write', 'db:c:read', 'system:health:read'] });
    expect(toEnterprisePermissions(set)).toEqual([
      { resource_type: 'db', resource_names: ['a', 'b'], actions: ['read', 'write'] },
      { resource_type: 'db', resource_names: ['c'], actions: ['read'] },
      { resource_type: 'system', resource_names: ['health'], actions: ['read'] },
    ]);
    expect(() => toEnterprisePermissions(parsePermission('bucket:b:read'))).toThrow(/bucket permissions belong to InfluxDB OSS v2/);
  });

  it('checks every database name by the product\'s rules before building the body (exit 2)', () => {
    for (const wire of [toManagementWire, toEnterpriseWire]) {
      expect(wire(parsePermission('db:sales:read'))).toHaveLength(1);
      for (const bad of ['db:bad name:read', 'db:_internal2:read']) {
        let error: unknown;
        try {
          wire(parsePermission(bad));
        } catch (caught) {
          error = caught;
        }
        expect(error, `${bad} on ${wire === toManagementWire ? 'management' : 'enterprise'}`).toBeInstanceOf(CliError);
        expect((error as CliError).exitCode).toBe(2);
        expect((error as Error).message).toMatch(/database name in the permission/);
      }
    }
  });

  it('reads the Management API\'s permissions back as a canonical set: sorted, duplicates folded', () => {
    const wire = [{ action: 'write', resource: 'b' }, { action: 'read', resource: 'b' }, { action: 'read', resource: 'a' }, { action: 'read', resource: 'a' }];
    expect(fromManagementWire(wire)).toEqual([
      { type: 'db', name: 'a', action: 'read' }, { type: 'db', name: 'b', action: 'read' }, { type: 'db', name: 'b', action: 'write' },
    ]);
    expect(fromManagementWire(wire)).toEqual(canonical(fromManagementWire(wire)));
  });

  it('keeps every grant when regrouping for Enterprise', () => {
    const grant = fc.record({ name: fc.constantFrom('a', 'b', 'c', '*'), action: fc.constantFrom('read', 'write', 'delete') });
    fc.assert(fc.property(fc.array(grant, { maxLength: 12 }), (grants) => {
      const set = canonical(grants.map((g) => ({ type: 'db' as const, ...g })));
      const back = toEnterprisePermissions(set).flatMap((p) => p.resource_names.flatMap((name) => p.actions.map((action) => ({ type: p.resource_type, name, action }))));
      expect(canonical(back)).toEqual(set);
      // The server refuses an element that mixes * with names ("mixed wildcard (*) and resource name").
      for (const p of toEnterprisePermissions(set)) expect(p.resource_names.length === 1 || !p.resource_names.includes('*'), JSON.stringify(p)).toBe(true);
    }));
  });

  it('keeps a wildcard in an element of its own for Enterprise, which refuses * mixed with names', () => {
    const set = parsePermissionFlags({ permission: ['db:a:read', 'db:*:read', 'db:b:read'] });
    expect(toEnterprisePermissions(set)).toEqual([
      { resource_type: 'db', resource_names: ['*'], actions: ['read'] },
      { resource_type: 'db', resource_names: ['a', 'b'], actions: ['read'] },
    ]);
  });
});

describe('expiry', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('turns a duration or a time into an instant in the future', () => {
    expect(parseExpiry({ expiry: '7d' }, now)!.at.toISOString()).toBe('2026-01-08T00:00:00.000Z');
    expect(parseExpiry({ expiry: '7d' }, now)!.seconds).toBe(604800);
    expect(parseExpiry({ expiry: '1h30m' }, now)!.at.toISOString()).toBe('2026-01-01T01:30:00.000Z');
    expect(parseExpiry({ expiresAt: '2030-01-01T00:00:00+0100' }, now)!.at.toISOString()).toBe('2029-12-31T23:00:00.000Z');
    expect(parseExpiry({}, now)).toBeUndefined();
    expect(expirySeconds({ at: new Date(now + 90_500) }, now)).toBe(90);
    expect(expirySeconds({ at: new Date(now + 90_500), seconds: 91 }, now)).toBe(91);
  });

  it.each([
    [{ expiry: '0' }, /zero/],
    [{ expiry: '0s' }, /zero/],
    [{ expiry: '-1d' }, /negative/],
    [{ expiry: '500ms' }, /shorter than a second/],
    [{ expiresAt: '2020-01-01T00:00:00Z' }, /not in the future/],
    [{ expiry: '1d', expiresAt: '2030-01-01T00:00:00Z' }, /not both/],
  ])('refuses %j', (flags, message) => {
    expect(() => parseExpiry(flags, now)).toThrow(message);
  });

  it('never yields an instant that is not in the future, and refuses anything else with its own error', () => {
    // Half of the inputs are well-formed durations (zero and sub-second ones among them), so both outcomes are exercised.
    const duration = fc.tuple(fc.integer({ min: 0, max: 999 }), fc.constantFrom('ms', 's', 'm', 'h', 'd', 'w')).map(([n, unit]) => `${n}${unit}`);
    let accepted = 0;
    fc.assert(fc.property(fc.oneof(duration, fc.string({ maxLength: 12 })), (text) => {
      let at: ReturnType<typeof parseExpiry>;
      try {
        at = parseExpiry({ expiry: text }, now);
      } catch (error) {
        expect(error instanceof ExpiryError || (error as Error).constructor.name === 'DurationError', String(error)).toBe(true);
        return;
      }
      expect(at!.at.getTime()).toBeGreaterThan(now);
      accepted++;
    }), { numRuns: 200 });
    expect(accepted).toBeGreaterThan(0);
  });
});

describe('LIKE patterns', () => {
  it('follows SQL LIKE', () => {
    expect(likeMatcher('ci%')('ci-admin')).toBe(true);
    expect(likeMatcher('ci%')('xci')).toBe(false);
    expect(likeMatcher('a_c')('abc')).toBe(true);
    expect(likeMatcher('a_c')('abbc')).toBe(false);
    expect(likeMatcher('100\\%')('100%')).toBe(true);
    expect(likeMatcher('100\\%')('1000')).toBe(false);
    expect(likeMatcher('.*')('anything')).toBe(false);
  });

  it('matches every literal string against itself and nothing else, whatever its characters (lone surrogates too)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 }), (value, other) => {
      const escaped = value.replace(/[\\%_]/g, (c) => `\\${c}`);
      expect(likeMatcher(escaped)(value)).toBe(true);
      expect(likeMatcher(escaped)(other)).toBe(other === value);
      expect(likeMatcher(`${escaped}%`)(value + other)).toBe(true);
      expect(likeMatcher('_'.repeat([...value].length))(value)).toBe(true);
      expect(likeMatcher('%')(value)).toBe(true);
    }));
  });
});
