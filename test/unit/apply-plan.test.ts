import fc from 'fast-check';
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { expirySatisfied, canonicalExpiry, permissionsField, toApiTemplate, fromApiTemplate } from '../../src/apply/fields.js';
import { identityKey, identityLabel } from '../../src/apply/document.js';
import { diffKind, type DiffOptions } from '../../src/apply/plan.js';
import { steps } from '../../src/apply/execute.js';
import type { ExistingResource, ResourceItem, ResourceKind } from '../../src/products/types.js';
import { readPermissions } from '../../src/products/influxdb3/resources.js';

const kind: ResourceKind = {
  kind: 'things',
  noun: 'thing',
  identity: ['name'],
  fields: {
    name: { schema: z.string(), description: '', change: 'replace', required: true },
    size: { schema: z.int(), description: '', change: 'update' },
    shape: { schema: z.string(), description: '', change: 'replace' },
    colour: { schema: z.string(), description: '', change: 'create' },
  },
  read: async () => [],
  create: async () => ({}),
  update: async () => undefined,
  remove: async () => undefined,
};

const wanted = (item: ResourceItem) => ({ item, path: [], key: identityKey(kind, item), label: identityLabel(kind, item) });
const options = (prune = false): DiffOptions => ({ prune, now: Date.parse('2030-01-01T00:00:00Z'), creating: () => false });

describe('diffKind', () => {
  it('creates what is missing, updates and replaces by field, deletes only with prune, counts the rest', () => {
    const existing: ExistingResource[] = [
      { item: { name: 'same', size: 1, shape: 'round' } },
      { item: { name: 'bigger', size: 1, shape: 'round' } },
      { item: { name: 'reshaped', size: 1, shape: 'round' } },
      { item: { name: 'extra', size: 1 } },
    ];
    const file = [
      wanted({ name: 'same', size: 1, colour: 'red' }),
      wanted({ name: 'bigger', size: 2 }),
      wanted({ name: 'reshaped', size: 2, shape: 'square' }),
      wanted({ name: 'new', size: 5 }),
    ];
    const plain = diffKind(kind, file, existing, options());
    expect(plain.unchanged).toBe(1);
    expect(plain.uncompared).toEqual(['colour']);
    expect(plain.actions.map((a) => [a.action, a.label, a.changes])).toEqual([
      ['update', 'bigger', [{ field: 'size', from: 1, to: 2, replace: false }]],
      ['replace', 'reshaped', [{ field: 'size', from: 1, to: 2, replace: false }, { field: 'shape', from: 'round', to: 'square', replace: true }]],
      ['create', 'new', []],
    ]);
    const pruned = diffKind(kind, file, existing, options(true));
    expect(pruned.actions.filter((a) => a.action === 'delete').map((a) => a.label)).toEqual(['extra']);
  });

  it('refuses an object the server has twice (exit 5, conflict, naming both), and prunes every copy of one the file does not list', () => {
    const twice: ExistingResource[] = [{ item: { name: 'dup', size: 1 }, ref: 'a1' }, { item: { name: 'dup', size: 2 }, ref: 'a2' }, { item: { name: 'gone' }, ref: 'g1' }, { item: { name: 'gone' }, ref: 'g2' }, { item: { name: 'gone' }, ref: 'g3' }];
    let thrown: unknown;
    try {
      diffKind(kind, [wanted({ name: 'dup', size: 1 })], twice, options());
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ exitCode: 5, message: expect.stringContaining('2 things on the server are thing "dup" (a1, a2)') });
    const pruned = diffKind(kind, [], twice, options(true));
    expect(pruned.actions.map((a) => [a.action, a.existing?.ref])).toEqual([['delete', 'a1'], ['delete', 'a2'], ['delete', 'g1'], ['delete', 'g2'], ['delete', 'g3']]);
  });

  it('leaves fields the file does not give alone', () => {
    fc.assert(fc.property(fc.integer(), fc.string(), (size, shape) => {
      const diff = diffKind(kind, [wanted({ name: 'x' })], [{ item: { name: 'x', size, shape } }], options());
      expect(diff.actions).toEqual([]);
      expect(diff.unchanged).toBe(1);
    }));
  });

  it('refuses an identity held by two objects on the server, naming both', () => {
    const existing = [{ item: { name: 'dup' }, ref: 'id-1' }, { item: { name: 'dup' }, ref: 'id-2' }];
    expect(() => diffKind(kind, [wanted({ name: 'dup' })], existing, options())).toThrow(/2 things on the server are thing "dup" \(id-1, id-2\)/);
    expect(diffKind(kind, [], existing, options(true)).actions.map((a) => a.existing?.ref)).toEqual(['id-1', 'id-2']);
  });

  it('ensures what cannot be listed, and creates it when what it needs is created too', () => {
    const unlisted: ResourceKind = { ...kind, read: undefined, unlisted: 'no listing', dependsOn: (item) => [{ kind: 'parents', identity: [item.shape] }] };
    const file = [wanted({ name: 'a', shape: 'new' }), wanted({ name: 'b', shape: 'old' })];
    const diff = diffKind(unlisted, file, undefined, { ...options(true), creating: (k, key) => k === 'parents' && key === 'new' });
    expect(diff.actions.map((a) => [a.action, a.label])).toEqual([['create', 'a'], ['ensure', 'b']]);
  });
});

describe('the shared fields', () => {
  const now = Date.parse('2030-01-01T00:00:00Z');
  it('reads expiries: a duration is met by any future expiry, never by none, a time within a minute', () => {
    expect(canonicalExpiry('720h')).toBe('30d');
    expect(canonicalExpiry('2031-01-01T00:00:00.400+00:00')).toBe('2031-01-01T00:00:00Z');
    expect(expirySatisfied('30d', '2030-06-01T00:00:00Z', now)).toBe(true);
    expect(expirySatisfied('30d', '2029-06-01T00:00:00Z', now)).toBe(false);
    expect(expirySatisfied('30d', undefined, now)).toBe(false);
    expect(expirySatisfied('never', undefined, now)).toBe(true);
    expect(expirySatisfied('never', '2031-01-01T00:00:00Z', now)).toBe(false);
    expect(expirySatisfied('2031-01-01T00:00:00Z', '2031-01-01T00:00:40Z', now)).toBe(true);
    expect(expirySatisfied('2031-01-01T00:00:00Z', '2031-01-01T00:02:00Z', now)).toBe(false);
    expect(() => canonicalExpiry('500ms')).toThrow(/shorter than a second/);
  });

  it('compares permissions as sets, whatever the order and folding', () => {
    const field = permissionsField('', () => undefined, 'update');
    expect(field.canonical!(['db:b:write', 'db:a,b:read', 'db:a:read'])).toEqual(field.canonical!(['db:a:read', 'db:b:read,write']));
    expect(() => permissionsField('', () => {
      throw new Error('refused by the product');
    }, 'update').canonical!(['db:a:read'])).toThrow('refused by the product');
  });

  it('keeps a partition template in its order, under the flags\' rules, and reads it back', () => {
    const parts = [{ tag: 'room' }, { time: '%Y-%m' }, { bucket: { tag: 'id', count: 10 } }];
    expect(fromApiTemplate(toApiTemplate(parts))).toEqual(parts);
    expect(() => toApiTemplate([{ tag: 'room' }])).toThrow(/needs a time part/);
    expect(() => toApiTemplate([{ time: '%Y' }, { tag: 'a' }, { tag: 'a' }])).toThrow(/appears twice/);
  });
});

describe('dependency order of the steps', () => {
  const parents: ResourceKind = { ...kind, kind: 'parents', noun: 'parent' };
  const children: ResourceKind = { ...kind, kind: 'children', noun: 'child', dependsOn: (item) => [{ kind: 'parents', identity: [item.shape] }] };
  const w = (k: ResourceKind, item: ResourceItem) => ({ item, path: [], key: identityKey(k, item), label: identityLabel(k, item) });

  it('creates a parent before its children, deletes it after them, and every delete after the rest', () => {
    const plan = {
      name: 't', product: 'p', host: 'h', notes: [],
      kinds: [
        { kind: parents, diff: { unchanged: 0, goneWith: 0, uncompared: [], actions: [
          { action: 'create' as const, kind: parents, key: 'p1', label: 'p1', wanted: w(parents, { name: 'p1' }), changes: [] },
          { action: 'delete' as const, kind: parents, key: 'p0', label: 'p0', existing: { item: { name: 'p0' } }, changes: [] },
        ] } },
        { kind: children, diff: { unchanged: 0, goneWith: 0, uncompared: [], actions: [
          { action: 'create' as const, kind: children, key: 'c1', label: 'c1', wanted: w(children, { name: 'c1', shape: 'p1' }), changes: [] },
          { action: 'delete' as const, kind: children, key: 'c0', label: 'c0', existing: { item: { name: 'c0', shape: 'p0' } }, changes: [] },
        ] } },
      ],
    };
    const s = steps([plan]);
    expect(s.map((x) => x.action.label)).toEqual(['p1', 'p0', 'c1', 'c0']);
    expect(s[2]!.needs).toEqual([0]);
    expect(s[1]!.waitsFor).toEqual(expect.arrayContaining([0, 2, 3]));
    expect(s[3]!.waitsFor).toEqual([0, 2]);
  });
});

describe('InfluxDB 3 token permissions as system.tokens shows them', () => {
  it('reads them into the grammar, whatever separates them, and keeps what does not parse', () => {
    expect(readPermissions('db:b,a:read system:health:read')).toEqual(['db:a:read', 'db:b:read', 'system:health:read']);
    expect(readPermissions('db:a:write;db:a:read')).toEqual(['db:a:read,write']);
    expect(readPermissions('db:a:fly')).toEqual(['db:a:fly']);
  });
});
