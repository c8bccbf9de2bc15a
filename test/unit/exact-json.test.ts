import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactJson } from '../../src/format/exact-json.js';

/** What exactJson must write, spelled out the slow way: JSON.stringify's text with each bigint's digits. */
function reference(value: unknown, indent?: number): string {
  const pad = (depth: number) => (indent ? `\n${' '.repeat(indent * depth)}` : '');
  const write = (v: unknown, depth: number): string | undefined => {
    if (typeof v === 'bigint') return v.toString();
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      return `[${v.map((x) => `${pad(depth + 1)}${write(x, depth + 1) ?? 'null'}`).join(',')}${pad(depth)}]`;
    }
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v).flatMap(([k, x]) => {
        const text = write(x, depth + 1);
        return text === undefined ? [] : [`${pad(depth + 1)}${JSON.stringify(k)}:${indent ? ' ' : ''}${text}`];
      });
      return entries.length === 0 ? '{}' : `{${entries.join(',')}${pad(depth)}}`;
    }
    return JSON.stringify(v);
  };
  return write(value, 0)!;
}

const withBigints = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.bigInt(),
    fc.string(),
    fc.constantFrom('bigint-', '"bigint-0:1"', 'bigint-:0"'),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('exactJson', () => {
  it('writes what JSON.stringify writes, with every bigint as its exact digits', () => {
    fc.assert(fc.property(withBigints, fc.constantFrom(undefined, 2), (value, indent) => {
      expect(exactJson(value, indent)).toBe(reference(value, indent));
    }), { numRuns: 2000 });
  });

  it('writes several bigints in one body, each in its place', () => {
    expect(exactJson({ a: 1n, b: [2n, 'x', 3n], c: { d: -9223372036854775808n } })).toBe('{"a":1,"b":[2,"x",3],"c":{"d":-9223372036854775808}}');
  });
});
