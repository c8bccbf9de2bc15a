// RFC 3339 timestamps for --expires-at and --hard-delete. Also accepts the ±hhmm offset that
// `date +%Y-%m-%dT%H:%M:%S%z` prints (influxctl's own docs use it). Returns the instant.

export class TimestampError extends Error {}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})$/;

export function parseTimestamp(input: string): Date {
  const match = RFC3339.exec(input.trim());
  if (!match) throw new TimestampError(`"${input}" is not an RFC 3339 timestamp; write for example 2030-01-01T00:00:00Z or 2030-01-01T09:00:00+09:00`);
  const [, y, mo, d, h, mi, s, frac = '', zone] = match as unknown as string[];
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12) throw new TimestampError(`"${input}": month ${mo} does not exist`);
  if (day < 1 || day > daysInMonth(year, month)) throw new TimestampError(`"${input}": day ${d} does not exist in that month`);
  if (hour > 23 || minute > 59 || second > 60) throw new TimestampError(`"${input}": time of day ${h}:${mi}:${s} is out of range`);
  let offsetMinutes = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone!.startsWith('-') ? -1 : 1;
    const digits = zone!.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2));
    if (oh > 23 || om > 59) throw new TimestampError(`"${input}": offset ${zone} is out of range`);
    offsetMinutes = sign * (oh * 60 + om);
  }
  // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0–99 as 1900–1999.
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  // The fraction's first three digits are the milliseconds; RFC 3339 bounds its length by nothing, and the rest is dropped.
  at.setUTCHours(hour, minute, Math.min(second, 59), Number(frac.slice(1, 4).padEnd(3, '0')));
  const ms = at.getTime() - offsetMinutes * 60_000;
  // An offset can carry the instant out of the four-digit years, which RFC 3339 (and so every server) cannot write.
  if (ms < FIRST_MS || ms > LAST_MS) throw new TimestampError(`"${input}" is outside the years 0000 to 9999 in UTC`);
  return new Date(ms);
}

const FIRST_MS = Date.parse('0000-01-01T00:00:00.000Z');
const LAST_MS = Date.parse('9999-12-31T23:59:59.999Z');

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}
