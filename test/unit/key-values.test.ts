import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyValueError, parseKeyValues } from '../../src/input/key-values.js';

const key = fc.stringMatching(/^[A-Za-z0-9_.-]{1,12}$/);

describe('KEY=VALUE lists', () => {
  it('splits at the first =, keeps the value as given, and keeps keys that name Object\'s properties as data', () => {
    expect(parseKeyValues(['a=b=c', 'empty=', ' spaced =x y '], '--config')).toEqual({ a: 'b=c', empty: '', spaced: 'x y ' });
    const map = parseKeyValues(['__proto__=1', 'constructor=2'], '--config');
    expect(Object.keys(map)).toEqual(['__proto__', 'constructor']);
    expect(map.__proto__).toBe('1');
  });

  it.each([
    [['novalue'], /--config "novalue" must be KEY=VALUE/],
    [['=1'], /must be KEY=VALUE/],
    [[' =1'], /"" is not a parameter name/],
    [['a b=1'], /"a b" is not a parameter name/],
    [['a=1', ' a=2'], /"a" is given twice/],
  ])('refuses %j', (values, message) => {
    expect(() => parseKeyValues(values, '--config')).toThrow(KeyValueError);
    expect(() => parseKeyValues(values, '--config')).toThrow(message);
  });

  it('gives back every pair of distinct keys, whatever the values hold', () => {
    // Compared as sets: an object lists integer-like keys ('0') first, whatever order they came in.
    const byKey = (entries: Array<[string, string]>) => [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    fc.assert(fc.property(fc.uniqueArray(fc.tuple(key, fc.string()), { selector: ([k]) => k, maxLength: 6 }), (pairs) => {
      const map = parseKeyValues(pairs.map(([k, v]) => `${k}=${v}`), '--set');
      expect(byKey(Object.entries(map))).toEqual(byKey(pairs));
    }));
  });

  it('refuses a key given twice, however it is padded', () => {
    fc.assert(fc.property(key, fc.string(), fc.string(), fc.constantFrom('', ' ', '\t'), (k, a, b, pad) => {
      expect(() => parseKeyValues([`${k}=${a}`, `${pad}${k}${pad}=${b}`], '--set')).toThrow(/is given twice/);
    }));
  });

  it('throws only KeyValueError on anything, with a one-line message free of terminal escapes', () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { maxLength: 4 }), (values) => {
      try {
        parseKeyValues(values, '--set');
      } catch (error) {
        expect(error).toBeInstanceOf(KeyValueError);
        expect((error as Error).message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      }
    }));
  });
});
