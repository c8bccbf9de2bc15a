import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DurationError, formatDuration, formatRetention, MAX_DURATION_NS, parseDuration, UNITS } from '../../src/input/duration.js';

const S = 1_000_000_000n;
const H = 3600n * S;
const D = 24n * H;

describe('parseDuration', () => {
  it.each([
    ['30d', 30n * D],
    ['1y', 365n * D],
    ['1mo', 30n * D],
    ['1M', 30n * D],
    ['5m', 300n * S],
    ['1h30m', 90n * 60n * S],
    ['1.5h', 90n * 60n * S],
    ['2h 37min', (2n * 60n + 37n) * 60n * S],
    ['30d12h', 30n * D + 12n * H],
    ['30d30d', 60n * D],
    ['2.5d', 60n * H],
    ['1w', 7n * D],
    ['250ms', 250_000_000n],
    ['1us', 1000n],
    ['1µs', 1000n],
    ['7ns', 7n],
    ['  12H ', 12n * H],
    ['3 days', 3n * D],
    ['.5s', S / 2n],
    ['1.s', S],
  ])('%s', (input, expected) => {
    expect(parseDuration(input)).toBe(expected);
  });

  it('reads 0, none and infinite as "no limit" only where allowed', () => {
    for (const input of ['0', 'none', 'infinite', 'INFINITE', '0s', '0d', '00']) {
      expect(parseDuration(input, { allowUnlimited: true })).toBe(0n);
      expect(() => parseDuration(input)).toThrow(/zero/);
    }
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['-5d', /negative/],
    ['30', /no unit.*30s/],
    ['5x', /unknown unit "x"/],
    ['5 d 3', /the number 3 has no unit/],
    ['d5', /not a duration/],
    ['1e3s', /unknown unit "e"|not a duration/],
    ['300y', /too long/],
    ['1h-30m', /not a duration/],
    ['1h30', /^"1h30": the number 30 has no unit; write for example 30s, 30m or 30h$/],
    ['2h 37', /the number 37 has no unit/],
    ['.5', /^".5" has no unit; write for example .5s, .5h or .5d$/],
    ['5.', /^"5." has no unit/],
  ])('rejects %j', (input, message) => {
    expect(() => parseDuration(input)).toThrow(DurationError);
    expect(() => parseDuration(input)).toThrow(message);
  });

  it('never fails with anything but a DurationError', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 40 }), (input) => {
      try {
        const ns = parseDuration(input, { allowUnlimited: true });
        expect(ns >= 0n && ns <= MAX_DURATION_NS).toBe(true);
      } catch (error) {
        expect(error).toBeInstanceOf(DurationError);
        expect((error as Error).message).not.toMatch(/\n/);
      }
    }));
  });

  it('never reads a value that is not zero as zero, which for retention means keep forever', () => {
    expect(() => parseDuration('0.5ns', { allowUnlimited: true })).toThrow(/shorter than a nanosecond/);
    expect(() => parseDuration('0.0000000001s', { allowUnlimited: true })).toThrow(/shorter than a nanosecond/);
    const number = fc.tuple(fc.stringMatching(/^\d{0,3}$/), fc.stringMatching(/^\d{0,12}$/)).filter(([w, f]) => w !== '' || f !== '').map(([w, f]) => (f === '' ? w : `${w}.${f}`));
    const unit = fc.constantFrom(...UNITS.flatMap((u) => u.names));
    const text = fc.array(fc.tuple(number, unit), { minLength: 1, maxLength: 3 }).map((segments) => segments.map(([n, u]) => `${n}${u}`).join(''));
    fc.assert(fc.property(text, (input) => {
      let ns: bigint;
      try {
        ns = parseDuration(input, { allowUnlimited: true });
      } catch (error) {
        expect((error as Error).message).toMatch(/shorter than a nanosecond|too long/);
        return;
      }
      expect(ns === 0n).toBe(!/[1-9]/.test(input));
    }));
  });

  it('adds concatenated segments', () => {
    const unit = fc.constantFrom(...UNITS.flatMap((u) => u.names.map((name) => [name, u.ns] as const)));
    const segment = fc.tuple(fc.integer({ min: 0, max: 500 }), unit);
    fc.assert(fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), fc.constantFrom('', ' '), (segments, sep) => {
      const text = segments.map(([n, [name]]) => `${n}${name}`).join(sep);
      const expected = segments.reduce((sum, [n, [, ns]]) => sum + BigInt(n) * ns, 0n);
      if (expected === 0n) expect(parseDuration(text, { allowUnlimited: true })).toBe(0n);
      else if (expected > MAX_DURATION_NS) expect(() => parseDuration(text)).toThrow(/too long/);
      else expect(parseDuration(text)).toBe(expected);
    }));
  });

  it('parses what formatDuration prints back to the same value', () => {
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: MAX_DURATION_NS }), (ns) => {
      expect(parseDuration(formatDuration(ns))).toBe(ns);
    }));
  });
});

describe('formatDuration', () => {
  it.each([
    [30n * D, '30d'],
    [400n * D, '1y35d'],
    [90n * 60n * S, '1h30m'],
    [250_000_000n, '250ms'],
  ])('%s → %s', (ns, text) => expect(formatDuration(ns)).toBe(text));

  it('shows zero retention as infinite', () => {
    expect(formatRetention(0)).toBe('infinite');
    expect(formatRetention(3_600_000_000_000)).toBe('1h');
  });
});
