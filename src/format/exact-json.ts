// JSON.stringify with bigints written as the exact integers they are. Retention periods are int64
// nanoseconds, past what a double holds (2^53 ns is about 104 days): `Number(17280000000000001n)` is
// written 17280000000000000, so they stay bigints until they are text, in request bodies and on stdout.

import { uniqueSuffix } from '../config/unique-suffix.js';

/**
 * Each bigint stands in as a string carrying a random key, so no string of the value is taken for one
 * (Math.random, as node:crypto costs startup time), and the stand-ins are replaced by the digits. They are
 * found by splitting, not by a regular expression: apply serializes one body per request, and building a
 * RegExp each time made this 5× slower.
 */
export function exactJson(value: unknown, indent?: number): string {
  const integers: string[] = [];
  const key = `bigint-${uniqueSuffix(24)}:`;
  const text = JSON.stringify(value, (_name, inner: unknown) => (typeof inner === 'bigint' ? `${key}${integers.push(inner.toString()) - 1}` : inner), indent);
  if (integers.length === 0) return text;
  // Every part after the first starts with a stand-in's index and its closing quote.
  const parts = text.split(`"${key}`);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i]!;
    const end = part.indexOf('"');
    out += integers[Number(part.slice(0, end))]! + part.slice(end + 1);
  }
  return out;
}
