import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printable } from '../../src/api/printable.js';

describe('printable', () => {
  it.each([
    ['\u001b[31mred\u001b[0m', '\\u001b[31mred\\u001b[0m'],
    ['\u001b]0;title\u0007', '\\u001b]0;title\\u0007'],
    ['a\rb\nc\td', 'a\\u000db\\u000ac\\u0009d'],
    ['\u009b2J\u0085', '\\u009b2J\\u0085'],
    ['\u202eevil\u202c \u2066x\u2069', '\\u202eevil\\u202c \\u2066x\\u2069'],
    ['\u2028\u2029\u200f', '\\u2028\\u2029\\u200f'],
    ['lone \ud800 high', 'lone \ufffd high'],
    ['del\u007f', 'del\\u007f'],
  ])('escapes %j', (text, shown) => {
    expect(printable(text)).toBe(shown);
  });

  it.each(['plain ASCII', 'café naïve Ærø', 'ÄÖÜ ß', '日本語', 'emoji 💥', 'quotes "x" \'y\' \\ back'])('leaves %j alone', (text) => {
    expect(printable(text)).toBe(text);
  });

  it('never lets a control, C1, bidi control or lone surrogate through', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
      expect(printable(text)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    }));
  });
});
