// What is read from a person rather than from flags: the yes/no answer to a question, and a new password on
// standard input. Small grammars, with the same rule as the others: a property test for each.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isYes } from '../../src/input/confirm.js';
import { PasswordError, passwordFromStdin } from '../../src/input/password.js';

describe('yes/no answers', () => {
  it('is yes for y or yes in any case, with spaces around, and no for anything else', () => {
    const yes = fc.tuple(fc.constantFrom('y', 'yes'), fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), fc.constantFrom('', ' ', '\t'), fc.constantFrom('', ' ', '\r'))
      .map(([word, upper, before, after]) => before + [...word].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('') + after);
    fc.assert(fc.property(yes, (answer) => {
      expect(isYes(answer)).toBe(true);
    }));
    fc.assert(fc.property(fc.string({ maxLength: 6 }), (answer) => {
      expect(isYes(answer)).toBe(['y', 'yes'].includes(answer.trim().toLowerCase()));
    }));
    for (const no of ['', 'n', 'no', 'yess', 'ye', 'y y', 'ｙ', 'y\u0301', 'да', 'true', '1']) expect(isYes(no), no).toBe(false);
  });
});

describe('--password-stdin', () => {
  const line = fc.string({ minLength: 1 }).filter((p) => !/[\r\n]/.test(p));

  it('takes the first line, without its line ending, whatever follows', () => {
    fc.assert(fc.property(line, fc.constantFrom('', '\n', '\r\n'), fc.string(), (password, ending, rest) => {
      expect(passwordFromStdin(`${password}${ending}${ending === '' ? '' : rest}`)).toBe(password);
    }));
  });

  it('refuses an empty first line, whatever follows, and hands anything else to the product\'s rule', () => {
    fc.assert(fc.property(fc.constantFrom('', '\n', '\r\n'), fc.string(), (ending, rest) => {
      expect(() => passwordFromStdin(`${ending}${ending === '' ? '' : rest}`)).toThrow(PasswordError);
    }));
    expect(passwordFromStdin('abc\n', (p) => `checked ${p}`)).toBe('checked abc');
  });
});
