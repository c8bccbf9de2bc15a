import Table from 'cli-table3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth, truncateToWidth } from '../../src/format/display-width.js';
import { renderKeyValue, tableChunks, type TableOptions } from '../../src/format/table.js';
import { writeChunks } from '../../src/io.js';

const renderTable = (headers: string[], rows: string[][], options: TableOptions) => [...tableChunks(headers, rows, options)].join('');

// What the renderer replaced, configured as it was: its output is the look to keep.
const chars = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };
const style = (color: boolean) => (color ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] });
function cliTable3(headers: string[], rows: string[][], color: boolean): string {
  const table = new Table({ head: headers, style: style(color), chars });
  for (const row of rows) table.push(row);
  return `${table.toString()}\n`;
}
function cliTable3KeyValue(pairs: Array<[string, string]>, color: boolean): string {
  const table = new Table({ style: style(color), chars });
  for (const [key, value] of pairs) table.push({ [key]: value });
  return `${table.toString()}\n`;
}

const cell = fc.string({ unit: 'grapheme-ascii', maxLength: 30 });

describe('the table renderer', () => {
  it('looks exactly like cli-table3 for any ASCII table, with colour and without', () => {
    const table = fc.integer({ min: 1, max: 6 }).chain((columns) =>
      fc.tuple(fc.array(cell, { minLength: columns, maxLength: columns }), fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { maxLength: 8 })));
    fc.assert(fc.property(table, fc.boolean(), ([headers, rows], color) => {
      expect(renderTable(headers, rows, { color })).toBe(cliTable3(headers, rows, color));
    }), { numRuns: 300 });
  });

  it('looks exactly like cli-table3 for any ASCII key/value table', () => {
    const pairs = fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 8 });
    fc.assert(fc.property(pairs, fc.boolean(), (kv, color) => {
      expect(renderKeyValue(kv, { color })).toBe(cliTable3KeyValue(kv, color));
    }), { numRuns: 300 });
  });

  it('keeps the look the e2e tests and users know', () => {
    expect(renderTable(['NAME', 'DESCRIPTION'], [['db1', 'ci reader'], ['a', '']], { color: false })).toBe([
      '┌──────┬─────────────┐',
      '│ NAME │ DESCRIPTION │',
      '│ db1  │ ci reader   │',
      '│ a    │             │',
      '└──────┴─────────────┘',
      '',
    ].join('\n'));
    const coloured = renderTable(['NAME'], [['db1']], { color: true });
    expect(coloured).toContain('\u001b[36m NAME \u001b[39m');
    expect(coloured).toContain('\u001b[90m│\u001b[39m db1  \u001b[90m│\u001b[39m');
    expect(renderKeyValue([['name', 'db1']], { color: false })).not.toMatch(/\u001b/);
  });

  it('lines up columns holding wide, combining and emoji characters', () => {
    const rows = [['日本語', 'e\u0301te\u0301'], ['👨‍👩‍👧', '🇩🇪 flag'], ['한국', '👍🏽 ❤️'], ['ascii', 'ｶﾀｶﾅ']];
    const text = renderTable(['NAME', 'NOTE'], rows, { color: false });
    expect(text).toBe([
      '┌────────┬─────────┐',
      '│ NAME   │ NOTE    │',
      '│ 日本語 │ e\u0301te\u0301     │',
      '│ 👨‍👩‍👧     │ 🇩🇪 flag │',
      '│ 한국   │ 👍🏽 ❤️   │',
      '│ ascii  │ ｶﾀｶﾅ    │',
      '└────────┴─────────┘',
      '',
    ].join('\n'));
    const widths = text.trimEnd().split('\n').map(displayWidth);
    expect(new Set(widths).size).toBe(1);
  });

  it('puts server text in a cell on one line, with escapes visible', () => {
    const text = renderTable(['NAME'], [['evil\u001b]0;pwned\u0007\u202e\nnext\tcol\r']], { color: false });
    expect(text).toContain('│ evil\\u001b]0;pwned\\u0007\\u202e\\nnext\\tcol\\r │');
    expect(text.split('\n')).toHaveLength(5);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(renderKeyValue([['DESCRIPTION', '\u009b2J']], { color: false })).toContain('│ DESCRIPTION │ \\u009b2J │');
  });

  it('cuts cells to a maximum width with … only when asked', () => {
    const long = 'abcdefghijklmnopqrstuvwxyz';
    expect(renderTable(['A'], [[long]], { color: false })).toContain(`│ ${long} │`);
    expect(renderTable(['A'], [[long]], { color: false, maxCellWidth: 10 })).toContain('│ abcdefghi… │');
    expect(renderKeyValue([['KEY', '日本語テキスト']], { color: false, maxCellWidth: 6 })).toContain('│ KEY │ 日本… │');
  });

  it('splits a large table into chunks that add up to the table, line by line', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [`row-${i}`, 'x'.repeat(40)]);
    const chunks = [...tableChunks(['A', 'B'], rows, { color: false })];
    expect(chunks.filter((c) => c !== '').length).toBeGreaterThan(2);
    for (const chunk of chunks.slice(0, -1)) if (chunk !== '') expect(chunk.endsWith('\n')).toBe(true);
    const lines = chunks.join('').split('\n');
    expect(lines).toHaveLength(5000 + 3 + 1);
    expect(lines[2]).toBe(`│ row-0    │ ${'x'.repeat(40)} │`);
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
  it('returns to the event loop between chunks, so a signal handler can run', async () => {
    let handlerRan = false;
    const seenBeforeLast: boolean[] = [];
    function* chunks() {
      setImmediate(() => (handlerRan = true));
      yield 'a';
      seenBeforeLast.push(handlerRan);
      yield '';
      seenBeforeLast.push(handlerRan);
    }
    const out = sink();
    await writeChunks(out, chunks());
    expect(seenBeforeLast).toEqual([true, true]);
    expect(out.received).toBe('a');
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
