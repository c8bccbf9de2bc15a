import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth, truncateToWidth } from '../../src/format/display-width.js';
import { renderKeyValue, tableChunks, type TableOptions } from '../../src/format/table.js';
import { writeChunks } from '../../src/io.js';

const renderTable = (headers: string[], rows: string[][], options: TableOptions) => [...tableChunks(headers, rows, options)].join('');
const lines = (text: string) => text.split('\n').slice(0, -1);

const cell = fc.string({ unit: 'grapheme-ascii', maxLength: 30 });
const word = fc.string({ unit: fc.constantFrom(...'abcdefghij-0123'), minLength: 1, maxLength: 40 });
const anyTable = (cells: fc.Arbitrary<string>) => fc.integer({ min: 1, max: 6 }).chain((columns) =>
  fc.tuple(fc.array(word.map((w) => w.toUpperCase()), { minLength: columns, maxLength: columns }), fc.array(fc.array(cells, { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: 8 })));

describe('the table renderer', () => {
  it('lines up columns two spaces apart under a header, with no trailing space, when piped', () => {
    expect(renderTable(['NAME', 'DESCRIPTION', 'ID'], [['db1', 'ci reader', '1'], ['a', '', '22']], { color: false })).toBe([
      'NAME  DESCRIPTION  ID',
      'db1   ci reader    1',
      'a                  22',
      '',
    ].join('\n'));
  });

  it('draws a rule under the header on a terminal, grey and with a bold header when colour is on', () => {
    expect(renderTable(['NAME', 'RETENTION'], [['sensors', '30d']], { color: false, rule: true })).toBe([
      'NAME     RETENTION',
      '───────  ─────────',
      'sensors  30d',
      '',
    ].join('\n'));
    const coloured = renderTable(['NAME'], [['db1']], { color: true, rule: true });
    expect(coloured).toBe('\u001b[1mNAME\u001b[22m\n\u001b[90m────\u001b[39m\ndb1\n');
    expect(renderTable(['NAME'], [['db1']], { color: false, rule: true })).not.toMatch(/\u001b/);
  });

  it('leaves out columns that are empty in every row, unless asked to keep them', () => {
    const rows = [['t1', '', 'never'], ['t2', ' ', '']];
    expect(lines(renderTable(['NAME', 'EXPIRED', 'EXPIRES'], rows, { color: false }))).toEqual(['NAME  EXPIRES', 't1    never', 't2']);
    expect(lines(renderTable(['NAME', 'EXPIRED', 'EXPIRES'], rows, { color: false, keepEmpty: true }))[0]).toBe('NAME  EXPIRED  EXPIRES');
    expect(renderKeyValue([['NAME', 'a'], ['EXPIRED', '']], { color: false })).toBe('NAME  a\n');
  });

  it('never has a tab, a trailing space or a line of uneven columns, for any table', () => {
    fc.assert(fc.property(anyTable(cell), fc.boolean(), ([headers, rows], rule) => {
      const text = renderTable(headers, rows, { color: false, rule, keepEmpty: true });
      expect(text).not.toMatch(/\t| \n/);
      const out = lines(text);
      expect(out).toHaveLength(rows.length + 1 + (rule ? 1 : 0));
      // Every column starts where its header does (trailing blanks of a cell are not shown).
      const all = [headers, ...rows].map((row) => row.map((value) => value.trimEnd()));
      const starts = headers.reduce<number[]>((acc, _h, c) => [...acc, c === 0 ? 0 : acc[c - 1]! + Math.max(...all.map((r) => displayWidth(r[c - 1]!))) + 2], []);
      for (const [r, row] of all.entries()) {
        const line = out[r === 0 ? 0 : r + (rule ? 1 : 0)]!;
        for (const [c, value] of row.entries()) if (value !== '') expect(line.slice(starts[c]!, starts[c]! + value.length)).toBe(value);
      }
    }), { numRuns: 300 });
  });

  it('fits any table that can fit into the width given, cutting cells with …', () => {
    fc.assert(fc.property(anyTable(word), fc.integer({ min: 40, max: 200 }), ([headers, rows], width) => {
      const out = lines(renderTable(headers, rows, { color: false, rule: true, width }));
      const floors = headers.reduce((sum, h, c) => sum + Math.min(Math.max(12, h.length), Math.max(...[h, ...rows.map((r) => r[c]!)].map((v) => v.length))), 0) + 2 * (headers.length - 1);
      for (const line of out) {
        if (floors <= width) expect(displayWidth(line)).toBeLessThanOrEqual(width);
        for (const part of line.split(/ {2,}/)) if (part.endsWith('…')) expect(rows.flat().some((v) => v.startsWith(part.slice(0, -1)))).toBe(true);
      }
      const natural = renderTable(headers, rows, { color: false, rule: true });
      if (lines(natural).every((line) => displayWidth(line) <= width)) expect(out.join('\n') + '\n').toBe(natural);
    }), { numRuns: 300 });
  });

  it('cuts the widest columns first, and ID and NAME last', () => {
    const id = '224cf6ae-f583-46c9-b6bb-0867b723a036';
    const out = lines(renderTable(['ID', 'DESCRIPTION', 'PERMISSIONS'], [[id, 'grafana read', `db:${'x'.repeat(60)}:read`]], { color: false, width: 80 }));
    expect(out[1]).toBe(`${id}  grafana read  db:${'x'.repeat(24)}…`);
    expect(displayWidth(out[1]!)).toBe(80);
    // Too narrow for the others' least widths: then the ID is cut too.
    expect(lines(renderTable(['ID', 'CREATED'], [[id, '2026-11-27T09:47:01.026Z']], { color: false, width: 40 }))[1]).toBe('224cf6ae-f583-46c9-b6bb-0…  2026-11-27T…');
  });

  it('lines up columns holding wide, combining and emoji characters', () => {
    const rows = [['日本語', 'e\u0301te\u0301'], ['👨‍👩‍👧', '🇩🇪 flag'], ['한국', '👍🏽 ❤️'], ['ascii', 'ｶﾀｶﾅ']];
    const text = renderTable(['NAME', 'NOTE'], rows, { color: false });
    expect(text).toBe([
      'NAME    NOTE',
      '日本語  e\u0301te\u0301',
      '👨‍👩‍👧      🇩🇪 flag',
      '한국    👍🏽 ❤️',
      'ascii   ｶﾀｶﾅ',
      '',
    ].join('\n'));
    expect(renderKeyValue([['KEY', '日本語テキスト']], { color: false, width: 16 })).toBe('KEY  日本語テキ…\n');
    // What the object is known by stays whole (a cut ID cannot be copied into the next command).
    const id = '3552de2d-e405-4aed-9ed1-0c0ffee00000';
    expect(renderKeyValue([['ID', id], ['NAME', 'sensors_2026_long'], ['NOTE', 'a long note here']], { color: false, width: 16 }))
      .toBe(`ID    ${id}\nNAME  sensors_2026_long\nNOTE  a long note…\n`);
  });

  it('puts server text in a cell on one line, with escapes visible', () => {
    const text = renderTable(['NAME'], [['evil\u001b]0;pwned\u0007\u202e\nnext\tcol\r']], { color: false });
    expect(text).toContain('evil\\u001b]0;pwned\\u0007\\u202e\\nnext\\tcol\\r');
    expect(text.split('\n')).toHaveLength(3);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(renderKeyValue([['DESCRIPTION', '\u009b2J']], { color: false })).toBe('DESCRIPTION  \\u009b2J\n');
  });

  it('splits a large table into chunks that add up to the table, line by line', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [`row-${i}`, 'x'.repeat(40)]);
    const chunks = [...tableChunks(['A', 'B'], rows, { color: false })];
    expect(chunks.filter((c) => c !== '').length).toBeGreaterThan(2);
    for (const chunk of chunks.slice(0, -1)) if (chunk !== '') expect(chunk.endsWith('\n')).toBe(true);
    const all = chunks.join('').split('\n');
    expect(all).toHaveLength(5000 + 1 + 1);
    expect(all[1]).toBe(`row-0     ${'x'.repeat(40)}`);
  });
});

describe('display width', () => {
  it.each([
    ['abc', 3], ['', 0], ['日本', 4], ['한', 2], ['ｶ', 1], ['Ａ', 2], ['e\u0301', 1], ['😀', 2], ['👨‍👩‍👧', 2], ['🇩🇪', 2], ['🇩🇪🇫🇷', 4],
    ['👍🏽', 2], ['❤️', 2], ['❤', 1], ['ä', 1], ['\\u001b', 6],
  ])('%j takes %i columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it('cuts any text to at most the width asked, as a prefix ending in …', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.integer({ min: 1, max: 30 }), (text, max) => {
      const cut = truncateToWidth(text, max);
      expect(displayWidth(cut)).toBeLessThanOrEqual(max);
      if (displayWidth(text) <= max) expect(cut).toBe(text);
      else {
        expect(cut.endsWith('…')).toBe(true);
        expect(text.startsWith(cut.slice(0, -1))).toBe(true);
      }
    }), { numRuns: 500 });
  });
});

/** A sink that takes at most `room` bytes until `drain()`, recording the bytes it got. */
function sink(room = Infinity) {
  let free = room;
  let wake: (() => void) | undefined;
  const bytes: Buffer[] = [];
  const state = {
    get received() {
      return Buffer.concat(bytes).toString('utf8');
    },
    write(data: Buffer) {
      const n = Math.min(free, data.length);
      bytes.push(Buffer.from(data.subarray(0, n)));
      free -= n;
      return n;
    },
    ready: () => new Promise<void>((resolve) => (wake = resolve)),
    drain() {
      free = room;
      wake?.();
    },
  };
  return state;
}

describe('writing in chunks', () => {
  it('returns to the event loop between two chunks, so a signal handler can run', async () => {
    let handlerRan = false;
    const ranBeforeWrite: boolean[] = [];
    function* chunks() {
      setImmediate(() => (handlerRan = true));
      yield 'a';
      yield 'b';
      yield 'c';
    }
    const out = sink();
    const write = out.write.bind(out);
    out.write = (data) => {
      ranBeforeWrite.push(handlerRan);
      return write(data);
    };
    await writeChunks(out, chunks());
    expect(ranBeforeWrite).toEqual([false, true, true]);
    expect(out.received).toBe('abc');
  });

  it('writes a single chunk without waiting for the event loop', async () => {
    let handlerRan = false;
    setImmediate(() => (handlerRan = true));
    const out = sink();
    await writeChunks(out, ['only']);
    expect(handlerRan).toBe(false);
    expect(out.received).toBe('only');
  });

  it('waits for the reader when the sink is full instead of rendering ahead', async () => {
    const out = sink(4);
    let pulled = 0;
    function* chunks() {
      for (let i = 0; i < 5; i++) {
        pulled++;
        yield 'x'.repeat(10);
      }
    }
    const done = writeChunks(out, chunks());
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(pulled).toBe(1);
    expect(out.received).toBe('xxxx');
    let finished = false;
    void done.then(() => (finished = true));
    while (!finished) {
      out.drain();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(pulled).toBe(5);
    expect(out.received).toBe('x'.repeat(50));
  });

  it('writes every byte of multi-byte text that a full sink takes in pieces', async () => {
    const out = sink(3);
    const done = writeChunks(out, ['näïve ünïcödé ✓']);
    let finished = false;
    void done.then(() => (finished = true));
    while (!finished) {
      out.drain();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(out.received).toBe('näïve ünïcödé ✓');
  });
});
