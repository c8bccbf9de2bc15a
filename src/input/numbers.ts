// Whole-number flags (--max-tables, --max-columns). Strict decimal only: no 1e3, 0x10, 1.0 or spaces,
// because Number() would quietly accept all of those.

export class NumberError extends Error {}

export interface IntRange {
  min: number;
  max: number;
}

export const INT32_MAX = 2_147_483_647;

export function parseWholeNumber(flag: string, input: string, range: IntRange): number {
  const text = input.trim();
  if (!/^\d+$/.test(text)) {
    throw new NumberError(`${flag} takes a whole number, not "${input}"`);
  }
  // Leading zeros change nothing; past 12 significant digits every range here is exceeded (and Number would round).
  const digits = text.replace(/^0+(?=\d)/, '');
  const value = digits.length > 12 ? Number.POSITIVE_INFINITY : Number(digits);
  if (value < range.min || value > range.max) {
    throw new NumberError(`${flag} must be between ${range.min} and ${range.max}, not ${digits.length > 12 ? `${digits.slice(0, 12)}…` : digits}`);
  }
  return value;
}
