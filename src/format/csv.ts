// RFC 4180 CSV: a header row, CRLF-free (\n) lines, fields quoted when they hold a comma, quote or newline.

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const lines = [headers, ...rows].map((row) => row.map(csvField).join(','));
  return `${lines.join('\n')}\n`;
}
