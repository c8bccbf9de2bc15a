import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../src/format/csv.js';
import { summarizePartitionTemplate } from '../../src/format/partition-template.js';
import { renderKeyValue, renderTable } from '../../src/format/table.js';
import { colorAllowed } from '../../src/io.js';

describe('csv', () => {
  it('quotes only when needed', () => {
    expect(toCsv(['A', 'B'], [['x', 'y,z'], ['he said "hi"', 'line\nbreak']])).toBe('A,B\nx,"y,z"\n"he said ""hi""","line\nbreak"\n');
  });

  it('round-trips any field through a minimal RFC 4180 reader', () => {
    const read = (field: string) => (field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field);
    fc.assert(fc.property(fc.string(), (value) => {
      expect(read(csvField(value))).toBe(value);
    }));
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
    const text = renderTable(['NAME', 'RETENTION'], [['db1', '30d']], { color: false });
    expect(text).not.toMatch(/\u001b\[/);
    expect(text).toContain('db1');
    expect(renderKeyValue([['name', 'db1']], { color: false })).not.toMatch(/\u001b\[/);
  });
});

describe('colour decision', () => {
  const tty = { isTTY: true } as NodeJS.WriteStream;
  const pipe = { isTTY: false } as NodeJS.WriteStream;
  it('uses colour only on a terminal without NO_COLOR, TERM=dumb or --no-color', () => {
    expect(colorAllowed(tty, false, {})).toBe(true);
    expect(colorAllowed(pipe, false, {})).toBe(false);
    expect(colorAllowed(tty, true, {})).toBe(false);
    expect(colorAllowed(tty, false, { NO_COLOR: '1' })).toBe(false);
    expect(colorAllowed(tty, false, { TERM: 'dumb' })).toBe(false);
  });
});
