import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHumantime, parseDuration } from '../../src/input/duration.js';
import { NameError } from '../../src/input/names.js';
import {
  checkDatabaseName as checkInfluxDb3DatabaseName, checkIdentifier as checkInfluxDb3Identifier, parseFields, parseHardDelete, parseTags,
} from '../../src/products/influxdb3/inputs.js';
import { MAX_PARTS, parsePartitionTemplate, TemplateError } from '../../src/input/partition-template.js';
import { parseTimestamp, TimestampError } from '../../src/input/timestamp.js';
import { checkTableName as checkManagementTableName } from '../../src/products/management/names.js';

describe('partition templates', () => {
  it('is undefined without template flags', () => {
    expect(parsePartitionTemplate({})).toBeUndefined();
    expect(parsePartitionTemplate({ templateTag: [], templateTagBucket: [] })).toBeUndefined();
  });

  it('builds time, tag and bucket parts in that order', () => {
    expect(parsePartitionTemplate({ templateTag: ['room', 'sensor-type'], templateTagBucket: ['customerID,1000'], templateTimeformat: '%Y-%m-%d' })).toEqual([
      { type: 'time', value: '%Y-%m-%d' },
      { type: 'tag', value: 'room' },
      { type: 'tag', value: 'sensor-type' },
      { type: 'bucket', value: { tagName: 'customerID', numberOfBuckets: 1000 } },
    ]);
    expect(parsePartitionTemplate({ templateTimeformat: '%Y' })).toEqual([{ type: 'time', value: '%Y' }]);
  });

  it.each([
    [{ templateTag: ['room'] }, /needs a time part/],
    [{ templateTimeformat: '%d' }, /not supported; use one of %Y-%m-%d, %Y-%m, %Y/],
    [{ templateTag: ['a', 'a'], templateTimeformat: '%Y' }, /"a" appears twice/],
    [{ templateTag: ['a'], templateTagBucket: ['a,10'], templateTimeformat: '%Y' }, /"a" appears twice/],
    [{ templateTag: ['time'], templateTimeformat: '%Y' }, /"time" is reserved/],
    [{ templateTag: [''], templateTimeformat: '%Y' }, /tag name is empty/],
    [{ templateTagBucket: ['x'], templateTimeformat: '%Y' }, /must be TAG,COUNT/],
    [{ templateTagBucket: ['x,0'], templateTimeformat: '%Y' }, /between 1 and 100000/],
    [{ templateTagBucket: ['x,100001'], templateTimeformat: '%Y' }, /between 1 and 100000/],
    [{ templateTagBucket: ['x,1.5'], templateTimeformat: '%Y' }, /not a whole number/],
    [{ templateTag: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], templateTimeformat: '%Y' }, /9 parts; the limit is 8/],
  ])('rejects %j', (flags, message) => {
    expect(() => parsePartitionTemplate(flags)).toThrow(TemplateError);
    expect(() => parsePartitionTemplate(flags)).toThrow(message);
  });

  it('accepts any set of distinct tags that fits, and refuses any that does not', () => {
    const tag = fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/).filter((t) => t !== 'time');
    fc.assert(fc.property(fc.uniqueArray(tag, { maxLength: 10 }), fc.nat({ max: 10 }), fc.constantFrom('%Y-%m-%d', '%Y-%m', '%Y'), (tags, split, format) => {
      const plain = tags.slice(0, split);
      const buckets = tags.slice(split).map((t, i) => `${t},${i + 1}`);
      const flags = { templateTag: plain, templateTagBucket: buckets, templateTimeformat: format };
      if (tags.length + 1 > MAX_PARTS) {
        expect(() => parsePartitionTemplate(flags)).toThrow(/the limit is 8/);
      } else {
        const parts = parsePartitionTemplate(flags)!;
        expect(parts).toHaveLength(tags.length + 1);
        expect(parts[0]).toEqual({ type: 'time', value: format });
      }
    }));
  });

  it('reads a bucket count as the whole number it is, leading zeros and all', () => {
    const count = fc.tuple(fc.string({ unit: fc.constant('0'), maxLength: 12 }), fc.stringMatching(/^\d{1,9}$/)).map(([zeros, rest]) => zeros + rest);
    fc.assert(fc.property(count, (text) => {
      const value = BigInt(text);
      const flags = { templateTagBucket: [`c,${text}`], templateTimeformat: '%Y' };
      if (value >= 1n && value <= 100_000n) expect(parsePartitionTemplate(flags)![1]).toEqual({ type: 'bucket', value: { tagName: 'c', numberOfBuckets: Number(value) } });
      else expect(() => parsePartitionTemplate(flags)).toThrow(/between 1 and 100000/);
    }));
    expect(parsePartitionTemplate({ templateTagBucket: ['c,00000010'], templateTimeformat: '%Y' })![1]).toMatchObject({ value: { numberOfBuckets: 10 } });
  });

  it('throws only TemplateError on arbitrary input', () => {
    fc.assert(fc.property(fc.array(fc.string()), fc.array(fc.string()), fc.option(fc.string(), { nil: undefined }), (tags, buckets, format) => {
      try {
        parsePartitionTemplate({ templateTag: tags, templateTagBucket: buckets, templateTimeformat: format });
      } catch (error) {
        expect(error).toBeInstanceOf(TemplateError);
      }
    }));
  });
});

describe('control characters in names that are made', () => {
  // Unicode's control characters (Cc) are U+0000–U+001F and U+007F–U+009F; NEL (U+0085) is also a line break.
  const control = fc.oneof(fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f })).map((code) => String.fromCharCode(code));
  const around = fc.stringMatching(/^[a-z]{0,4}$/);

  it('refuses every one of them in a partition template tag, a Management API table name and an InfluxDB 3 table, tag or field name', () => {
    fc.assert(fc.property(around, control, around, (a, c, b) => {
      const name = `x${a}${c}${b}`;
      expect(() => parsePartitionTemplate({ templateTag: [name], templateTimeformat: '%Y' })).toThrow(/contains a control character/);
      expect(() => parsePartitionTemplate({ templateTagBucket: [`${name},5`], templateTimeformat: '%Y' })).toThrow(/contains a control character/);
      expect(() => checkManagementTableName(name)).toThrow(/contains (a control character|white space)/);
      for (const what of ['table name', 'tag name', 'field name']) expect(() => checkInfluxDb3Identifier(name, what)).toThrow(/contains a control character/);
    }));
  });

  it('shows the character escaped in the message', () => {
    expect(() => parsePartitionTemplate({ templateTag: ['a\u0085b'], templateTimeformat: '%Y' })).toThrow('the partition template tag "a\\u0085b" contains a control character');
  });
});

describe('timestamps', () => {
  it.each([
    ['2030-01-01T00:00:00Z', '2030-01-01T00:00:00.000Z'],
    ['2030-01-01T09:00:00+09:00', '2030-01-01T00:00:00.000Z'],
    ['2030-01-01T09:00:00+0900', '2030-01-01T00:00:00.000Z'],
    ['2029-12-31T19:00:00.5-05:00', '2030-01-01T00:00:00.500Z'],
    ['2024-02-29t12:00:00z', '2024-02-29T12:00:00.000Z'],
    // RFC 3339 puts no bound on the fraction's digits; past milliseconds they are dropped.
    ['2030-01-01T00:00:00.1239999999999Z', '2030-01-01T00:00:00.123Z'],
  ])('%s', (input, iso) => expect(parseTimestamp(input).toISOString()).toBe(iso));

  it('reads any number of fraction digits as the milliseconds they begin with', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{1,40}$/), (digits) => {
      const ms = Number(digits.slice(0, 3).padEnd(3, '0'));
      expect(parseTimestamp(`2030-01-01T00:00:00.${digits}Z`).getTime()).toBe(Date.parse('2030-01-01T00:00:00Z') + ms);
    }));
  });

  it.each(['2030-01-01', 'tomorrow', '2030-13-01T00:00:00Z', '2023-02-29T00:00:00Z', '2030-01-01T24:00:00Z', '2030-01-01T00:00:00+25:00', '2030-01-01T00:00:00'])('rejects %j', (input) => {
    expect(() => parseTimestamp(input)).toThrow(TimestampError);
  });

  it('round-trips every instant it prints, from year 0000 to 9999', () => {
    // Date.UTC reads years 0–99 as 1900–1999: '0050-01-01T00:00:00Z' was 1950.
    const date = fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true });
    fc.assert(fc.property(date, (d) => {
      expect(parseTimestamp(d.toISOString()).getTime()).toBe(d.getTime());
    }));
  });

  it('reads an offset as the same instant in UTC, for every offset and year', () => {
    const offset = fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 });
    const date = fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9998-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(fc.property(date, offset, fc.boolean(), (d, minutes, colon) => {
      const local = new Date(d.getTime() + minutes * 60_000).toISOString().slice(0, 23);
      const abs = Math.abs(minutes);
      const zone = `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}${colon ? ':' : ''}${String(abs % 60).padStart(2, '0')}`;
      expect(parseTimestamp(`${local}${zone}`).getTime()).toBe(d.getTime());
    }));
  });

  it('takes February 29 only in leap years, the years before 100 included', () => {
    for (const year of ['0000', '0004', '0400', '2000', '2024']) expect(parseTimestamp(`${year}-02-29T00:00:00Z`).toISOString()).toBe(`${year}-02-29T00:00:00.000Z`);
    for (const year of ['0001', '0100', '1900', '2023']) expect(() => parseTimestamp(`${year}-02-29T00:00:00Z`)).toThrow(/day 29 does not exist/);
  });

  it('refuses a time that is past 9999 or before 0000 in UTC: RFC 3339 cannot write it, and no server reads "+010000-…"', () => {
    expect(() => parseTimestamp('9999-12-31T23:59:59-23:59')).toThrow(/outside the years 0000 to 9999 in UTC/);
    expect(() => parseTimestamp('0000-01-01T00:00:00+00:01')).toThrow(/outside the years 0000 to 9999 in UTC/);
    expect(parseTimestamp('9999-12-31T23:59:59.999Z').toISOString()).toBe('9999-12-31T23:59:59.999Z');
    expect(parseTimestamp('0000-01-01T00:00:00Z').toISOString()).toBe('0000-01-01T00:00:00.000Z');
  });
});

describe('InfluxDB 3 names and columns', () => {
  it('follows the server rule for database names, not the spec pattern', () => {
    for (const ok of ['mydb', 'my_db', 'my-db', 'db/rp', 'a', '1x']) expect(checkInfluxDb3DatabaseName(ok)).toBe(ok);
    expect(() => checkInfluxDb3DatabaseName('')).toThrow(/empty/);
    expect(() => checkInfluxDb3DatabaseName('_internal')).toThrow(/must start with a letter or digit/);
    expect(() => checkInfluxDb3DatabaseName('my db')).toThrow(/contains " "/);
    expect(() => checkInfluxDb3DatabaseName('a/b/c')).toThrow(/one \//);
    expect(() => checkInfluxDb3DatabaseName('a/')).toThrow(/one \//);
    expect(() => checkInfluxDb3DatabaseName('x'.repeat(512))).toThrow(/limit is 511/);
  });

  it('parses tags and fields, refusing duplicates, bad types and reserved names', () => {
    expect(parseTags(['host,region', 'rack'])).toEqual(['host', 'region', 'rack']);
    expect(parseFields(['temp:float64,count:int64', 'ok:bool'])).toEqual([
      { name: 'temp', type: 'float64' }, { name: 'count', type: 'int64' }, { name: 'ok', type: 'bool' },
    ]);
    expect(() => parseTags(['a,a'])).toThrow(/given twice/);
    expect(() => parseTags(['a,,b'])).toThrow(/empty/);
    expect(() => parseTags(['time'])).toThrow(/reserved/);
    expect(() => parseFields(['temp'])).toThrow(/NAME:TYPE/);
    expect(() => parseFields(['temp:float'])).toThrow(/not one of int64, uint64, float64, utf8, bool/);
    expect(() => checkInfluxDb3Identifier('a\u0000', 'table name')).toThrow(NameError);
  });

  it('reads --hard-delete values', () => {
    expect(parseHardDelete('NOW')).toBe('now');
    expect(parseHardDelete('never')).toBe('never');
    expect(parseHardDelete('2030-01-01T00:00:00+01:00')).toBe('2029-12-31T23:00:00.000Z');
    expect(parseHardDelete('0050-01-01T00:00:00Z')).toBe('0050-01-01T00:00:00.000Z');
    expect(() => parseHardDelete('9999-12-31T23:59:59-23:59')).toThrow(/outside the years 0000 to 9999/);
    expect(() => parseHardDelete('soon')).toThrow(/never, now, default or an RFC 3339/);
  });

  it('checks Management API table names', () => {
    expect(checkManagementTableName('cpu-load_1')).toBe('cpu-load_1');
    expect(() => checkManagementTableName('_sys')).toThrow(/must not start with _/);
    expect(() => checkManagementTableName('a b')).toThrow(/a space/);
  });

  it('writes durations in units humantime reads the same way', () => {
    expect(formatHumantime(parseDuration('1y'))).toBe('365d');
    expect(formatHumantime(parseDuration('1mo'))).toBe('30d');
    expect(formatHumantime(parseDuration('36h'))).toBe('1d12h');
    expect(formatHumantime(parseDuration('90m'))).toBe('1h30m');
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: 10n ** 18n }), (ns) => {
      expect(formatHumantime(ns)).not.toMatch(/y|M/);
      expect(parseDuration(formatHumantime(ns))).toBe(ns);
    }));
  });
});
