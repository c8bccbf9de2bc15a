import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { exportTarget, exportText } from '../../src/apply/export.js';
import { parseSource } from '../../src/apply/source.js';
import type { Target } from '../../src/config/resolve.js';
import type { ResourceKind } from '../../src/products/types.js';

const tokens = (descriptions: string[]): ResourceKind => ({
  kind: 'tokens',
  noun: 'token',
  identity: ['description'],
  fields: { description: { schema: z.string(), description: '', change: 'update', required: true } },
  read: async () => descriptions.map((description) => ({ item: { description } })),
  create: async () => ({}),
  update: async () => undefined,
  remove: async () => undefined,
});

const target = { product: 'clustered', host: 'http://h.example', tlsNoVerify: false, origins: { product: 'flag', host: 'flag' } } as unknown as Target;

describe('export', () => {
  it('writes text with $ in it so that plan reads it back as itself, in YAML and in JSON', async () => {
    const descriptions = ['costs $5', 'a ${HOME} reference', 'two $$ signs', '$${X}', 'ends in $', '$'];
    const exported = await exportTarget(target, [tokens(descriptions)], 2);
    for (const json of [false, true]) {
      const text = exportText(exported, 'test', json);
      const { value } = parseSource('f.yaml', text, { HOME: '/root', X: 'x' });
      const read = (value as { targets: Record<string, { tokens: Array<{ description: string }> }> }).targets.clustered!.tokens;
      expect(read.map((t) => t.description), json ? 'json' : 'yaml').toEqual(descriptions);
    }
  });
});
