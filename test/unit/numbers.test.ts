import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INT32_MAX, NumberError, parseWholeNumber } from '../../src/input/numbers.js';

const range = { min: 1, max: INT32_MAX };

describe('parseWholeNumber', () => {
  it('accepts plain decimal integers in range', () => {
    expect(parseWholeNumber('--max-tables', '500', range)).toBe(500);
    expect(parseWholeNumber('--max-tables', ' 7 ', range)).toBe(7);
  });

  it.each(['', 'abc', '1e3', '0x10', '1.5', '-1', '+3', 'NaN', 'Infinity', '1 000'])('rejects %j as not a whole number', (input) => {
    expect(() => parseWholeNumber('--max-tables', input, range)).toThrow(/takes a whole number/);
  });

  it.each(['0', '2147483648', '99999999999999999999999'])('rejects %j as out of range', (input) => {
    expect(() => parseWholeNumber('--max-tables', input, range)).toThrow(/between 1 and 2147483647/);
  });

  it('agrees with BigInt on every digit string, leading zeros and all', () => {
    // Leading zeros change nothing: '0000000000500' is 500 (it was refused as out of range, past 12 characters).
    expect(parseWholeNumber('--n', '0000000000500', range)).toBe(500);
    expect(parseWholeNumber('--n', '0'.repeat(30), { min: 0, max: 10 })).toBe(0);
    const digitString = fc.tuple(fc.string({ unit: fc.constant('0'), maxLength: 20 }), fc.stringMatching(/^\d{1,25}$/)).map(([zeros, rest]) => zeros + rest);
    fc.assert(fc.property(digitString, (digits) => {
      const inRange = BigInt(digits) >= 1n && BigInt(digits) <= BigInt(INT32_MAX);
      if (inRange) expect(parseWholeNumber('--n', digits, range)).toBe(Number(digits));
      else expect(() => parseWholeNumber('--n', digits, range)).toThrow(NumberError);
    }));
  });
});
