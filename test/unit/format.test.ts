import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvChunks, csvField, toCsv } from '../../src/format/csv.js';
import { summarizePartitionTemplate } from '../../src/format/partition-template.js';
import { renderKeyValue, tableChunks } from '../../src/format/table.js';
import { terminalSafe } from '../../src/format/terminal-text.js';
import { colorAllowed } from '../../src/io.js';

describe('csv', () => {
  it('quotes only when needed', () => {
    expect(toCsv(['A', 'B'], [['x', 'y,z'], ['he said "hi"', 'line\nbreak']])).toBe('A,B\nx,"y,z"\n"he said ""hi""","line\nbreak"\n');
  });

  it('round-trips any terminal-safe field through a minimal RFC 4180 reader', () => {
    const read = (field: string) => (field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field);
    const value = fc.string({ unit: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 1 }), fc.constantFrom('"', ',', '\n', '\t')) });
    fc.assert(fc.property(value, (v) => {
      expect(read(csvField(v))).toBe(terminalSafe(v));
    }));
  });

  it('keeps line feeds and tabs as data, and escapes ESC, C1, CR and bidi controls visibly', () => {
    expect(csvField('two\nlines\tand a tab')).toBe('"two\nlines\tand a tab"');
    expect(csvField('x\u001b]0;pwned\u0007\u009b\u202e\r')).toBe('x\\u001b]0;pwned\\u0007\\u009b\\u202e\\r');
    expect(toCsv(['NAME'], [['a\r\nb']])).toBe('NAME\n"a\\r\nb"\n');
  });

  it('writes big lists in chunks that add up to the whole', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [`name-${i}`, 'a,b']);
    const chunks = [...csvChunks(['NAME', 'VALUE'], rows)];
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('')).toBe(`NAME,VALUE\n${rows.map(([n]) => `${n},"a,b"\n`).join('')}`);
  });
});

describe('partition template summary', () => {
  it('summarises time, tag and bucket parts', () => {
    expect(summarizePartitionTemplate([
      { type: 'time', value: '%Y' },
      { type: 'tag', value: 'room' },
      { type: 'bucket', value: { tagName: 'customerID', numberOfBuckets: 1000 } },
    ])).toBe('%Y|tag:room|bucket:customerID/1000');
    expect(summarizePartitionTemplate(undefined)).toBe('');
  });
});

describe('tables', () => {
  it('has no ANSI codes when colour is off', () => {
    const text = [...tableChunks(['NAME', 'RETENTION'], [['db1', '30d']], { color: false })].join('');
    expect(text).not.toMatch(/\u001b\[/);
    expect(text).toContain('db1');
    expect(renderKeyValue([['name', 'db1']], { color: false })).not.toMatch(/\u001b\[/);
  });
});

describe('colour decision', () => {
  const tty = true;
  const pipe = false;
  it('uses colour only on a terminal without NO_COLOR, TERM=dumb or --no-color', () => {
    expect(colorAllowed(tty, false, {})).toBe(true);
    expect(colorAllowed(pipe, false, {})).toBe(false);
    expect(colorAllowed(tty, true, {})).toBe(false);
    expect(colorAllowed(tty, false, { NO_COLOR: '1' })).toBe(false);
    expect(colorAllowed(tty, false, { TERM: 'dumb' })).toBe(false);
  });
});
