// Human tables: the look cli-table3 gave them (box characters, one space of padding, a header row, no
// rule between data rows; header cyan and borders grey when colour is on), in time proportional to the
// output. Every cell is made terminal-safe and one line, measured once, padded and joined. Output
// comes in chunks so that the writer can return to the event loop between them.

import { displayWidth, truncateToWidth } from './display-width.js';
import { terminalSafeLine } from './terminal-text.js';

export interface TableOptions {
  color: boolean;
  /** Cut cells wider than this many columns (at least 1), ending them with `…`. Off when absent. */
  maxCellWidth?: number;
}

/** About this many characters per chunk; an empty chunk is a pause in the measuring pass. */
const CHUNK = 64 * 1024;

type Paint = (text: string) => string;
const plain: Paint = (text) => text;
const sgr = (on: string): Paint => (text) => `\u001b[${on}m${text}\u001b[39m`;

/** A table with a header row, one line per row. */
export function* tableChunks(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, options: TableOptions): Generator<string> {
  yield* gridChunks(headers, rows, headers.length, options);
}

/** A vertical key/value table for one object (create, update, get). */
export function renderKeyValue(pairs: ReadonlyArray<readonly [string, string]>, options: TableOptions): string {
  return [...gridChunks(undefined, pairs, 2, options)].join('');
}

function* gridChunks(head: readonly string[] | undefined, rows: ReadonlyArray<readonly string[]>, columns: number, options: TableOptions): Generator<string> {
  const all = head ? [head, ...rows] : rows;
  const cells: string[] = new Array<string>(all.length * columns);
  const widths = new Uint32Array(all.length * columns);
  const columnWidths = new Array<number>(columns).fill(0);
  let measured = 0;
  for (let r = 0; r < all.length; r++) {
    for (let c = 0; c < columns; c++) {
      const i = r * columns + c;
      let text = terminalSafeLine(all[r]![c] ?? '');
      let width = displayWidth(text);
      if (options.maxCellWidth !== undefined && width > options.maxCellWidth) {
        text = truncateToWidth(text, options.maxCellWidth, width);
        width = displayWidth(text);
      }
      cells[i] = text;
      widths[i] = width;
      if (width > columnWidths[c]!) columnWidths[c] = width;
      measured += text.length;
    }
    if (measured >= CHUNK) {
      measured = 0;
      yield '';
    }
  }

  const border = options.color ? sgr('90') : plain;
  const headPaint = options.color ? sgr('36') : plain;
  const rule = (left: string, middle: string, right: string) =>
    columnWidths.map((w, c) => border(`${c === 0 ? left : middle}${'─'.repeat(w + 2)}${c === columns - 1 ? right : ''}`)).join('');
  const bar = border('│');

  let chunk = `${rule('┌', '┬', '┐')}\n`;
  for (let r = 0; r < all.length; r++) {
    const paint = head && r === 0 ? headPaint : plain;
    let line = bar;
    for (let c = 0; c < columns; c++) {
      const i = r * columns + c;
      line += `${paint(` ${cells[i]}${' '.repeat(columnWidths[c]! - widths[i]! + 1)}`)}${bar}`;
    }
    chunk += `${line}\n`;
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}${rule('└', '┴', '┘')}\n`;
}
