// Duration grammar shared by --retention-period, --timeout and (later) --expiry.
// It accepts the union of humantime (influxdb3: `1h30m`, `1.5h`, `2h 37min`, `M` = month) and
// influxctl (`mo` = 30 days, `y` = 365 days, `30d12h`). Values are exact nanoseconds as bigint so that
// fractions and large values never pick up floating-point error.

export class DurationError extends Error {}

const NS = 1n;
const US = 1_000n;
const MS = 1_000_000n;
const SEC = 1_000_000_000n;
const MIN = 60n * SEC;
const HOUR = 60n * MIN;
const DAY = 24n * HOUR;
const WEEK = 7n * DAY;
const MONTH = 30n * DAY;
const YEAR = 365n * DAY;

/** The shortest retention period a database takes (besides none): an hour, as influxctl has it. */
export const MIN_RETENTION_NS = HOUR;

/** The largest value the APIs accept: int64 nanoseconds (about 292 years). */
export const MAX_DURATION_NS = 9_223_372_036_854_775_807n;

/** Unit table, in the order the README documents it. Keys are lower case except `M`. */
export const UNITS: ReadonlyArray<{ names: readonly string[]; ns: bigint; meaning: string }> = [
  { names: ['ns', 'nsec', 'nanos', 'nanosecond', 'nanoseconds'], ns: NS, meaning: 'nanosecond' },
  { names: ['us', 'µs', 'μs', 'usec', 'micros', 'microsecond', 'microseconds'], ns: US, meaning: 'microsecond' },
  { names: ['ms', 'msec', 'millis', 'millisecond', 'milliseconds'], ns: MS, meaning: 'millisecond' },
  { names: ['s', 'sec', 'secs', 'second', 'seconds'], ns: SEC, meaning: 'second' },
  { names: ['m', 'min', 'mins', 'minute', 'minutes'], ns: MIN, meaning: 'minute' },
  { names: ['h', 'hr', 'hrs', 'hour', 'hours'], ns: HOUR, meaning: 'hour' },
  { names: ['d', 'day', 'days'], ns: DAY, meaning: 'day' },
  { names: ['w', 'wk', 'wks', 'week', 'weeks'], ns: WEEK, meaning: 'week (7 days)' },
  { names: ['M', 'mo', 'mon', 'month', 'months'], ns: MONTH, meaning: 'month (30 days)' },
  { names: ['y', 'yr', 'yrs', 'year', 'years'], ns: YEAR, meaning: 'year (365 days)' },
];

const UNIT_NS = new Map<string, bigint>();
for (const unit of UNITS) for (const name of unit.names) UNIT_NS.set(name, unit.ns);

function unitValue(unit: string): bigint | undefined {
  // `M` is month and `m` is minute (humantime); every other unit is case-insensitive.
  if (unit === 'M' || unit === 'm') return UNIT_NS.get(unit);
  return UNIT_NS.get(unit.toLowerCase());
}

export interface DurationOptions {
  /** Accept `0`, `infinite` and `none` as "no limit" (returns 0n). */
  allowUnlimited?: boolean;
}

const UNLIMITED_WORDS = new Set(['0', 'infinite', 'none', 'inf']);
const NUMBER_ONLY = /^(\d+(?:\.\d*)?|\.\d+)$/;
const SEGMENT = /\s*(\d+(?:\.\d*)?|\.\d+)\s*([A-Za-zµμ]+)\s*/y;

/** Parses a duration into nanoseconds. Throws DurationError with a one-line reason. */
export function parseDuration(input: string, options: DurationOptions = {}): bigint {
  const text = input.trim();
  if (text === '') throw new DurationError('the duration is empty; write for example 30d, 12h or 1h30m');
  const lower = text.toLowerCase();
  if (UNLIMITED_WORDS.has(lower) || /^0+(\.0*)?$/.test(text)) {
    if (options.allowUnlimited) return 0n;
    throw new DurationError(`"${input}" is zero; the duration must be greater than zero`);
  }
  if (text.startsWith('-')) throw new DurationError(`"${input}" is negative; durations cannot be negative`);
  if (NUMBER_ONLY.test(text)) {
    throw new DurationError(`"${input}" has no unit; write for example ${text}s, ${text}h or ${text}d`);
  }

  let total = 0n;
  let pos = 0;
  SEGMENT.lastIndex = 0;
  while (pos < text.length) {
    SEGMENT.lastIndex = pos;
    const match = SEGMENT.exec(text);
    if (!match || match.index !== pos) {
      const bare = NUMBER_ONLY.exec(text.slice(pos).trim());
      if (bare) throw new DurationError(`"${input}": the number ${bare[0]} has no unit; write for example ${bare[0]}s, ${bare[0]}m or ${bare[0]}h`);
      throw new DurationError(`"${input}" is not a duration: unexpected "${text.slice(pos, pos + 8)}"; write for example 30d, 1h30m or 2h 37min`);
    }
    const [, number, unit] = match as unknown as [string, string, string];
    const perUnit = unitValue(unit);
    if (perUnit === undefined) {
      throw new DurationError(`unknown unit "${unit}" in "${input}"; units: ns, us, ms, s, m, h, d, w, mo (30 days), y (365 days)`);
    }
    total += scale(number, perUnit);
    if (total > MAX_DURATION_NS) throw new DurationError(`"${input}" is too long; the limit is about 292 years`);
    pos = SEGMENT.lastIndex;
  }
  if (total === 0n) {
    // Digits that are not all zero never make zero, which for retention means "keep forever".
    if (/[1-9]/.test(text)) throw new DurationError(`"${input}" is not zero but shorter than a nanosecond, the smallest unit`);
    if (options.allowUnlimited) return 0n;
    throw new DurationError(`"${input}" is zero; the duration must be greater than zero`);
  }
  return total;
}

/** number × unit, exact for decimal fractions; sub-nanosecond remainders are dropped. */
function scale(number: string, perUnit: bigint): bigint {
  const [whole = '', fraction = ''] = number.split('.');
  const wholeNs = BigInt(whole === '' ? '0' : whole) * perUnit;
  if (fraction === '') return wholeNs;
  const digits = fraction.slice(0, 30);
  return wholeNs + (BigInt(digits) * perUnit) / 10n ** BigInt(digits.length);
}

const FORMAT_UNITS: ReadonlyArray<[string, bigint]> = [
  ['y', YEAR],
  ['d', DAY],
  ['h', HOUR],
  ['m', MIN],
  ['s', SEC],
  ['ms', MS],
  ['us', US],
  ['ns', NS],
];

/** Renders nanoseconds as the shortest unit concatenation, e.g. 1y35d, 1h30m, 250ms. */
export function formatDuration(ns: bigint): string {
  if (ns <= 0n) return '0s';
  let rest = ns;
  let out = '';
  for (const [name, size] of FORMAT_UNITS) {
    if (rest >= size) {
      out += `${rest / size}${name}`;
      rest %= size;
    }
  }
  return out;
}

/** Retention as influxctl shows it: `infinite` for zero. */
export function formatRetention(ns: bigint | number): string {
  const value = typeof ns === 'bigint' ? ns : BigInt(Math.trunc(ns));
  return value === 0n ? 'infinite' : formatDuration(value);
}

/** For timeouts: milliseconds as a plain number. */
export function durationToMs(ns: bigint): number {
  return Number(ns / MS);
}

/**
 * The same duration for a server that parses humantime (InfluxDB 3 Core/Enterprise). Only units whose
 * length humantime agrees on are used: its `y` and `M` are 365.25 and 30.44 days, so a year goes as
 * `365d`.
 */
export function formatHumantime(ns: bigint): string {
  const days = ns / DAY;
  const rest = ns % DAY;
  return `${days > 0n ? `${days}d` : ''}${rest > 0n ? formatDuration(rest) : ''}` || '0s';
}
