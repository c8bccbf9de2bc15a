import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expand, ExpandError } from '../../src/apply/expand.js';

const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/);
/** Text with `$` escaped as `$$`: expansion gives back the text itself. */
const escape = (text: string) => text.replaceAll('$', () => '$$');

describe('${VAR} expansion', () => {
  it('gives back any text whose dollars are escaped', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      expect(expand(escape(text), {})).toBe(text);
    }));
  });

  it('replaces every reference by its value, whatever the value holds', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.string(), name, fc.string())), (parts) => {
      const env = Object.fromEntries(parts.map(([, n, v]) => [n, v]));
      const text = parts.map(([before, n]) => `${escape(before)}\${${n}}`).join('');
      expect(expand(text, env)).toBe(parts.map(([before, n]) => `${before}${env[n]}`).join(''));
    }));
  });

  it('refuses an unset variable, never expanding it to nothing, and says where it is', () => {
    fc.assert(fc.property(fc.string(), name, (before, n) => {
      const text = `${escape(before)}\${${n}}`;
      try {
        expand(text, {});
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ExpandError);
        expect((error as ExpandError).index).toBe(escape(before).length);
        expect((error as Error).message).toContain(`${n} is not set`);
      }
    }));
  });

  it.each([
    ['${', /not closed/],
    ['a ${1X} b', /not a variable reference/],
    ['${}', /not a variable reference/],
    ['${A-B}', /not a variable reference/],
  ])('refuses %s', (text, message) => {
    expect(() => expand(text, { A: 'x' })).toThrow(message);
  });

  it('keeps a lone $ and takes an empty value as given', () => {
    expect(expand('cost: 5$ ${E}', { E: '' })).toBe('cost: 5$ ');
    expect(expand('$${HOME}', { HOME: '/root' })).toBe('${HOME}');
  });
});
