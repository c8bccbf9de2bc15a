import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkProfileName, checkUuid, NameError, printable } from '../../src/input/names.js';
import { checkDatabaseName as checkManagementDatabaseName } from '../../src/products/management/names.js';

describe('checkManagementDatabaseName', () => {
  it.each(['mydb', 'DB1', 'db/rp', 'a-b_c', '0db', 'x'.repeat(64)])('accepts %j', (name) => {
    expect(checkManagementDatabaseName(name)).toBe(name);
  });

  it.each([
    ['', /empty/],
    ['x'.repeat(65), /65 characters long; the limit is 64/],
    ['my db', /contains a space/],
    ['my.db', /contains "\."/],
    ['tab\there', /white space/],
    ['bell\u0007', /control character/],
    ['_internal', /must start with a letter or digit/],
    ['-x', /must start with a letter or digit/],
    ['café', /contains "é"/],
  ])('rejects %j', (name, message) => {
    expect(() => checkManagementDatabaseName(name)).toThrow(NameError);
    expect(() => checkManagementDatabaseName(name)).toThrow(message);
  });

  it('accepts every name built from the allowed alphabet', () => {
    const head = fc.constantFrom(...'abcXYZ0129');
    const tail = fc.string({ unit: fc.constantFrom(...'abcXYZ0129_-/'), maxLength: 63 });
    fc.assert(fc.property(head, tail, (h, t) => {
      expect(checkManagementDatabaseName(h + t)).toBe(h + t);
    }));
  });

  it('rejects any name holding a character outside the alphabet, on one line', () => {
    fc.assert(fc.property(fc.string({ maxLength: 20 }), fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }).filter((c) => !/[A-Za-z0-9_\-/]/.test(c)), fc.string({ maxLength: 20 }), (a, bad, b) => {
      const name = `a${a}${bad}${b}`;
      expect(() => checkManagementDatabaseName(name)).toThrow(NameError);
      try {
        checkManagementDatabaseName(name);
      } catch (error) {
        expect((error as Error).message).not.toMatch(/[\n\r\u001b]/);
      }
    }));
  });
});

describe('other names', () => {
  it('checks profile names', () => {
    expect(checkProfileName('prod-eu.1')).toBe('prod-eu.1');
    expect(() => checkProfileName('../etc')).toThrow(/not allowed/);
    expect(() => checkProfileName('')).toThrow(/not allowed/);
  });

  it('takes exactly the profile names of 1–64 letters, digits, . _ -, starting with a letter or digit, and says so on one line', () => {
    const alnum = fc.constantFrom(...'abzABZ019');
    const rest = fc.string({ unit: fc.constantFrom(...'abZ09._-'), maxLength: 63 });
    fc.assert(fc.property(alnum, rest, (h, t) => {
      expect(checkProfileName(h + t)).toBe(h + t);
    }));
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 70 }), (name) => {
      const ok = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name);
      try {
        checkProfileName(name);
        expect(ok).toBe(true);
      } catch (error) {
        expect(ok).toBe(false);
        expect(error).toBeInstanceOf(NameError);
        expect((error as Error).message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      }
    }));
  });

  it('takes a UUID in any case and nothing else', () => {
    fc.assert(fc.property(fc.uuid(), fc.boolean(), (uuid, upper) => {
      const text = upper ? uuid.toUpperCase() : uuid;
      expect(checkUuid(text, 'account ID')).toBe(text);
      expect(() => checkUuid(` ${text}`, 'account ID')).toThrow(NameError);
      expect(() => checkUuid(text.slice(1), 'account ID')).toThrow(NameError);
      expect(() => checkUuid(`${text}\n`, 'account ID')).toThrow(/is not a UUID/);
    }));
  });

  it('checks UUIDs', () => {
    expect(checkUuid('11111111-1111-4111-8111-111111111111', 'account ID')).toBe('11111111-1111-4111-8111-111111111111');
    expect(() => checkUuid('abc', 'account ID')).toThrow(/account ID "abc" is not a UUID/);
  });

  it('makes text printable on one line, with escapes and bidi controls visible', () => {
    expect(printable('a\nb\u001b[31m')).toBe('a\\nb\\u001b[31m');
    expect(printable('x\ud800y\r\u202egnp.exe')).toBe('x\\ud800y\\r\\u202egnp.exe');
    expect(printable('naïve 名前')).toBe('naïve 名前');
  });
});
