// Human tables: aligned columns two spaces apart, a header row, and on a terminal a rule under the
// header and cells cut with `…` so that the table fits the width it is given. Piped, the same columns
// with no rule and nothing cut (`grep` and eyes, not parsers: those have json and csv). Every cell is
// made terminal-safe and one line, measured once, padded and joined; output comes in chunks so that the
// writer can return to the event loop between them.

import { displayWidth, truncateToWidth } from './display-width.js';
import { terminalSafeLine } from './terminal-text.js';

export interface TableOptions {
  color: boolean;
  /** A rule under the header (on a terminal). */
  rule?: boolean;
  /** Cut cells so that each line takes at most this many columns. Off when absent. */
  width?: number;
  /** Columns (and key/value rows) that are empty everywhere are shown too. */
  keepEmpty?: boolean;
}

/** About this many characters per chunk; an empty chunk is a pause in the measuring pass. */
const CHUNK = 64 * 1024;
const GAP = '  ';
/** A column that has to be cut keeps at least this many columns (or its header's width, if less). */
const MIN_CUT = 12;
/** What a row is known by: cut only once every other column is down to its least. */
const IDENTIFYING = new Set(['ID', 'NAME']);

type Paint = (text: string) => string;
const plain: Paint = (text) => text;
const sgr = (on: string, off = '39'): Paint => (text) => `\u001b[${on}m${text}\u001b[${off}m`;

/** A table with a header row, one line per row. */
export function* tableChunks(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, options: TableOptions): Generator<string> {
  yield* gridChunks(headers, rows, options);
}

/** A two-column listing of one object (create, update, get): field name, then value. */
export function renderKeyValue(pairs: ReadonlyArray<readonly [string, string]>, options: TableOptions): string {
  const shown = options.keepEmpty ? pairs : pairs.filter(([, value]) => value.trim() !== '');
  // The ID or NAME of the one object is never cut: it is what the next command is given (the terminal
  // wraps it instead), as a list cuts those columns last.
  return [...gridChunks(undefined, shown, { ...options, rule: false }, (row) => IDENTIFYING.has(row[0]!))].join('');
}

/** `whole`: rows none of whose cells are cut to fit the width. */
function* gridChunks(head: readonly string[] | undefined, rows: ReadonlyArray<readonly string[]>, options: TableOptions, whole?: (row: readonly string[]) => boolean): Generator<string> {
  const columns = head ? head.length : 2;
  const all = head ? [head, ...rows] : rows;
  const cells: string[] = new Array<string>(all.length * columns);
  const widths = new Uint32Array(all.length * columns);
  const natural = new Array<number>(columns).fill(0);
  const used = new Array<boolean>(columns).fill(!head);
  let measured = 0;
  for (let r = 0; r < all.length; r++) {
    for (let c = 0; c < columns; c++) {
      const i = r * columns + c;
      // Trailing blanks are invisible in a cell, and would end a line in spaces.
      const text = terminalSafeLine(all[r]![c] ?? '').trimEnd();
      const width = displayWidth(text);
      cells[i] = text;
      widths[i] = width;
      if (width > natural[c]!) natural[c] = width;
      if (head && r > 0 && text !== '') used[c] = true;
      measured += text.length;
    }
    if (measured >= CHUNK) {
      measured = 0;
      yield '';
    }
  }

  // Columns empty in every row say nothing; a table with no rows keeps its header.
  const shown = [...Array(columns).keys()].filter((c) => options.keepEmpty || used[c] || all.length === 1);
  const limits = options.width === undefined ? natural : fit(shown, natural, head, options.width);

  const rule = options.rule && head ? (options.color ? sgr('90') : plain) : undefined;
  const headPaint = options.color ? (head ? sgr('1', '22') : sgr('36')) : plain;
  let chunk = '';
  for (let r = 0; r < all.length; r++) {
    const isHead = head !== undefined && r === 0;
    const cut = !whole?.(all[r]!);
    let line = '';
    // Padding is written only before a cell that has text: no line ends in spaces.
    let pad = 0;
    for (const c of shown) {
      const i = r * columns + c;
      let text = cells[i]!;
      let width = widths[i]!;
      if (cut && width > limits[c]!) {
        text = truncateToWidth(text, limits[c]!, width);
        width = displayWidth(text);
      }
      // The first column of a key/value listing is its field names: painted like a header.
      const paint = isHead || (!head && c === 0) ? headPaint : plain;
      if (text !== '') {
        line += `${' '.repeat(pad)}${paint(text)}`;
        pad = 0;
      }
      pad += limits[c]! - width + GAP.length;
    }
    chunk += `${line}\n`;
    if (isHead && rule) chunk += `${rule(shown.map((c) => '─'.repeat(limits[c]!)).join(GAP))}\n`;
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

/**
 * Each column's width so that the shown columns fit `width`: the widest are cut first, to a common
 * limit found by bisection, down to a floor; the identifying columns (ID, NAME) only when that is not
 * enough. A table that cannot fit even then is shown at the floors (the terminal wraps it).
 */
function fit(shown: readonly number[], natural: readonly number[], head: readonly string[] | undefined, width: number): number[] {
  const limits = [...natural];
  const room = width - GAP.length * (shown.length - 1);
  const total = (cols: readonly number[]) => cols.reduce((sum, c) => sum + limits[c]!, 0);
  if (total(shown) <= room) return limits;
  const floor = (c: number) => Math.min(natural[c]!, Math.max(MIN_CUT, head ? displayWidth(head[c]!) : 0));
  const identifying = shown.filter((c) => head !== undefined && IDENTIFYING.has(head[c]!));
  const others = shown.filter((c) => !identifying.includes(c));
  for (const group of [others, identifying]) {
    const rest = shown.filter((c) => !group.includes(c));
    const available = room - total(rest);
    const at = (limit: number) => group.reduce((sum, c) => sum + Math.max(floor(c), Math.min(natural[c]!, limit)), 0);
    let lo = 0;
    let hi = Math.max(0, ...group.map((c) => natural[c]!));
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (at(mid) <= available) lo = mid;
      else hi = mid - 1;
    }
    for (const c of group) limits[c] = Math.max(floor(c), Math.min(natural[c]!, lo));
    if (total(shown) <= room) break;
  }
  return limits;
}
