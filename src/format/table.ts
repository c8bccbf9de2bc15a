// Human tables through cli-table3. Loaded lazily: only `--format table` pays for it. With colour off the
// styles are emptied, since cli-table3 colours headers and borders by default.

import Table from 'cli-table3';

export interface TableOptions {
  color: boolean;
}

function style(color: boolean) {
  return color ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] };
}

// No rule between data rows: denser, and what influxctl's tables look like.
const chars = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

export function renderTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, options: TableOptions): string {
  const table = new Table({ head: [...headers], style: style(options.color), chars });
  for (const row of rows) table.push([...row]);
  return `${table.toString()}\n`;
}

/** A vertical key/value table for one object (create, update, get). */
export function renderKeyValue(pairs: ReadonlyArray<readonly [string, string]>, options: TableOptions): string {
  const table = new Table({ style: style(options.color), chars });
  for (const [key, value] of pairs) table.push({ [key]: value });
  return `${table.toString()}\n`;
}
