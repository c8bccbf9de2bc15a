import fc from 'fast-check';
import { boolCoreTag, floatCoreTag, intCoreTag, NOT_RESOLVED, nullCoreTag } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { resolvePlain } from '../../src/apply/core-schema.js';

// src/apply/core-schema.ts is a copy of js-yaml's core tags' rules (so that the block reader need not load
// js-yaml): held here to the tags themselves, tried as js-yaml tries an implicit scalar, by first character.

const TAGS = [nullCoreTag, boolCoreTag, intCoreTag, floatCoreTag];

function jsYaml(value: string): unknown {
  for (const tag of TAGS) {
    if (!(tag.implicitFirstChars ?? []).includes(value.length === 0 ? '' : value[0]!)) continue;
    const resolved = tag.resolve(value, false, tag.tagName);
    if (resolved !== NOT_RESOLVED) return resolved;
  }
  return value;
}

/** Tells -0 from 0 and keeps NaN. */
function same(value: string): void {
  expect(Object.is(resolvePlain(value), jsYaml(value)), JSON.stringify(value)).toBe(true);
}

describe('resolvePlain', () => {
  it('resolves as js-yaml core tags do, on the known cases', () => {
    for (const value of [
      '', '~', 'null', 'Null', 'NULL', 'nULL', 'nul', 'n', 'N', '~~', 'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'FALSE', 't', 'f', 'F', 'T',
      'yes', 'no', 'on', 'off', 'y', '0', '-0', '+0', '00', '012', '0x1F', '0X1F', '0x', '-0x1F', '+0x1', '0o17', '0o8', '-0o17', '0b11', '-0b11',
      '1_000', '1:30', '+12', '-1', '1e3', '1E3', '1e+3', '1e-3', '1.', '1.5', '.5', '-.5', '+.5', '.', '-', '+', '-.', '1.5.5', '.e3', '1e',
      '.inf', '-.inf', '+.inf', '.Inf', '+.INF', '-.INF', '.iNF', '.nan', '.NaN', '.NAN', '-.nan', '+.nan', '.nAN', '1e400', '-1e400',
      '9'.repeat(400), `-${'9'.repeat(400)}`, '9007199254740993', '0x' + 'f'.repeat(300), '0o' + '7'.repeat(400), 'database_00000', '30d', 'infinite',
      '日本', 'é', ' 1', '1 ', '1#', '١', '\u00a0', 'Infinity', 'NaN', '-Infinity',
    ]) same(value);
  });

  it('resolves as js-yaml core tags do, on generated text', () => {
    const piece = fc.constantFrom('0', '1', '7', '9', 'a', 'b', 'e', 'E', 'f', 'F', 'x', 'o', 'X', '.', '-', '+', '_', ':', 'inf', 'Inf', 'INF', 'nan', 'NaN', 'NAN', 'null', 'Null', 'true', 'TRUE', 'false', 'False', '~', ' ', 'n', 'N', 't', 'T');
    fc.assert(fc.property(fc.array(piece, { maxLength: 8 }).map((p) => p.join('')), (value) => same(value)), { numRuns: 20_000 });
    fc.assert(fc.property(fc.string({ maxLength: 12 }), (value) => same(value)), { numRuns: 5_000 });
    fc.assert(fc.property(fc.double(), (n) => { same(String(n)); same(n.toExponential()); }), { numRuns: 2_000 });
  });
});
