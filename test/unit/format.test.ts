import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvChunks, csvField, toCsv } from '../../src/format/csv.js';
import { summarizePartitionTemplate } from '../../src/format/partition-template.js';
import { renderKeyValue, tableChunks } from '../../src/format/table.js';
import { terminalSafe } from '../../src/format/terminal-text.js';
import { colorAllowed } from '../../src/io.js';
import type { Context } from '../../src/context.js';
import { printList, printRecord } from '../../src/format/output.js';
import { aclColumns, slotColumns } from '../../src/products/dbaas/views.js';
import { TABLE_COLUMNS, TOKEN_COLUMNS } from '../../src/products/influxdb3/views.js';

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

/** What printList/printRecord write to stdout in `format`, with a piped stdout. */
async function printed(format: 'csv' | 'table', print: (ctx: Context) => Promise<void>): Promise<string> {
  let out = '';
  const io = { out: (text: string) => void (out += text), outChunks: async (chunks: Iterable<string>) => void (out += [...chunks].join('')), stdoutIsTty: false, color: false };
  await print({ format, io, env: {}, globals: {}, done: () => undefined } as unknown as Context);
  return out;
}

describe('yes/no columns in csv', () => {
  const tables = [{ database: 'db', name: 'live', deleted: false }, { database: 'db', name: 'gone', deleted: true }];

  it('writes false as false and true as true, as JSON has them: a blank cell is only a value the server did not give', async () => {
    expect(await printed('csv', (ctx) => printList(ctx, tables, TABLE_COLUMNS, (t) => t, 'tables'))).toBe('NAME,DELETED\nlive,false\ngone,true\n');
    const token = { id: 1, name: 't', permissions: 'db:*:read', expiresAt: null, expired: false };
    expect(await printed('csv', (ctx) => printRecord(ctx, token, TOKEN_COLUMNS, token))).toBe('ID,NAME,PERMISSIONS,CREATED,EXPIRES,EXPIRED\n1,t,db:*:read,,never,false\n');
    const acl = { id: 'a1', datastore_id: 'd1', user_id: 'u1', pattern_type: 'all', allow_read: true, allow_write: false, status: 'ACTIVE' };
    expect(await printed('csv', (ctx) => printList(ctx, [acl], aclColumns(new Map(), new Map()), (a) => a, 'acls'))).toBe('USER,TOPICS,READ,WRITE,STATUS,DATASTORE,ID\nu1,*,true,false,ACTIVE,d1,a1\n');
    const slot = { id: 's1', datastore_id: 'd1', database_id: 'b1', name: 'slot', status: 'ACTIVE' };
    const slots = [{ ...slot, in_use: false }, { ...slot, in_use: null }, slot];
    expect(await printed('csv', (ctx) => printList(ctx, slots, slotColumns(new Map(), new Map()), (r) => r, 'slots'))).toBe(`NAME,DATABASE,IN USE,STATUS,DATASTORE,ID\n${['false', '', ''].map((used) => `slot,b1,${used},ACTIVE,d1,s1\n`).join('')}`);
  });

  it('keeps the table as it was: yes, or a blank cell (a column blank in every row is left out)', async () => {
    expect(await printed('table', (ctx) => printList(ctx, tables, TABLE_COLUMNS, (t) => t, 'tables'))).toBe('NAME  DELETED\nlive\ngone  yes\n');
    expect(await printed('table', (ctx) => printList(ctx, [tables[0]!], TABLE_COLUMNS, (t) => t, 'tables'))).toBe('NAME\nlive\n');
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

  it('FORCE_COLOR=0 (or false) turns it off on a terminal; any other FORCE_COLOR turns it on anywhere, but not past NO_COLOR or --no-color', () => {
    expect(colorAllowed(tty, false, { FORCE_COLOR: '0' })).toBe(false);
    expect(colorAllowed(tty, false, { FORCE_COLOR: 'false' })).toBe(false);
    for (const value of ['1', '2', '3', 'true', '']) {
      expect(colorAllowed(pipe, false, { FORCE_COLOR: value }), value).toBe(true);
      expect(colorAllowed(tty, false, { FORCE_COLOR: value, TERM: 'dumb' }), value).toBe(true);
    }
    expect(colorAllowed(pipe, false, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(false);
    expect(colorAllowed(pipe, true, { FORCE_COLOR: '1' })).toBe(false);
  });
});
