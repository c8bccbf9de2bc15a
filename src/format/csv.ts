// RFC 4180 CSV: a header row, \n line ends, fields quoted when they hold a comma, quote or line feed.
// A line feed or tab in a value is data and stays (quoted), as CSV readers expect; ESC, the other
// controls, CR and the bidi controls are escaped visibly like everywhere else on a terminal (see
// terminal-text.ts), so such a value is not exact in CSV: `--format json` is.

import { terminalSafe } from './terminal-text.js';

const CHUNK = 64 * 1024;

export function csvField(value: string): string {
  const safe = terminalSafe(value);
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The CSV text in pieces of about 64 KiB, for a writer that returns to the event loop between them. */
export function* csvChunks(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): Generator<string> {
  let chunk = `${headers.map(csvField).join(',')}\n`;
  for (const row of rows) {
    chunk += `${row.map(csvField).join(',')}\n`;
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

export function toCsv(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return [...csvChunks(headers, rows)].join('');
}
