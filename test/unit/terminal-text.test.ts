import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { terminalSafe, terminalSafeLine } from '../../src/format/terminal-text.js';

// The dangerous classes, written as numbers independently of the module's regular expressions.
function dangerous(cp: number, lineBreaksAllowed: boolean): boolean {
  if (lineBreaksAllowed && (cp === 0x09 || cp === 0x0a)) return false;
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) // C0, DEL, C1 (0x9b CSI, 0x9d OSC)
    || cp === 0x061c || cp === 0x200e || cp === 0x200f // ALM, LRM, RLM
    || (cp >= 0x2028 && cp <= 0x202e) // LS, PS, LRE, RLE, PDF, LRO, RLO
    || (cp >= 0x2066 && cp <= 0x2069) // LRI, RLI, FSI, PDI
    || (cp >= 0xd800 && cp <= 0xdfff); // a surrogate left alone
}
const codePoints = (text: string) => [...text].map((ch) => ch.codePointAt(0)!);
const hasDangerous = (text: string, lineBreaksAllowed: boolean) => codePoints(text).some((cp) => dangerous(cp, lineBreaksAllowed));

/** How a reader undoes the escapes (documented in docs/output.md). */
const unescape = (text: string) =>
  text.replace(/\\(u[0-9a-f]{4}|[rnt])/g, (_, e: string) => (e === 'r' ? '\r' : e === 'n' ? '\n' : e === 't' ? '\t' : String.fromCharCode(parseInt(e.slice(1), 16))));

const dangerousChar = fc.oneof(
  fc.integer({ min: 0, max: 0x1f }),
  fc.integer({ min: 0x7f, max: 0x9f }),
  fc.constantFrom(0x061c, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069),
  fc.integer({ min: 0xd800, max: 0xdfff }),
).map((cp) => String.fromCharCode(cp));
/** Server text at its worst: any code point, escape sequences, controls, half surrogates. */
const hostile = fc.array(fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  dangerousChar,
  fc.constantFrom('\u001b[2J', '\u001b]0;title\u0007', '\u001b]8;;https://evil.example\u001b\\', '\u009b31m', '\u009d0;x\u009c', 'a\rb', '\\u001b', '\\'),
)).map((parts) => parts.join(''));

describe('terminal-safe text', () => {
  it('escapes escape sequences, controls, CR and bidi controls visibly', () => {
    expect(terminalSafe('\u001b[2Jcleared')).toBe('\\u001b[2Jcleared');
    expect(terminalSafe('\u001b]0;pwned\u0007')).toBe('\\u001b]0;pwned\\u0007');
    expect(terminalSafe('\u001b]8;;https://x\u001b\\click\u001b]8;;\u001b\\')).toBe('\\u001b]8;;https://x\\u001b\\click\\u001b]8;;\\u001b\\');
    expect(terminalSafe('\u009b2J \u009d0;t\u009c')).toBe('\\u009b2J \\u009d0;t\\u009c');
    expect(terminalSafe('ok\rFAIL')).toBe('ok\\rFAIL');
    expect(terminalSafe('invoice\u202efdp.exe')).toBe('invoice\\u202efdp.exe');
    expect(terminalSafe('\u2066a\u2069 \u200e\u200f\u061c')).toBe('\\u2066a\\u2069 \\u200e\\u200f\\u061c');
    expect(terminalSafe('x\ud800y')).toBe('x\\ud800y');
    expect(terminalSafe('\u0000\u007f')).toBe('\\u0000\\u007f');
  });

  it('keeps line feeds and tabs in a stream, and escapes them in a line', () => {
    expect(terminalSafe('a\tb\nc\r\n')).toBe('a\tb\nc\\r\n');
    expect(terminalSafeLine('a\tb\nc\r\n')).toBe('a\\tb\\nc\\r\\n');
  });

  it('leaves ordinary text in any language exactly as it is', () => {
    for (const text of ['cpu_load-1', 'naïve café', '日本語のテーブル', 'таблица', 'جدول', 'שולחן', 'e\u0301', '👨‍👩‍👧 🇩🇪 👍🏽 ❤️', 'C:\\path\\to', '']) {
      expect(terminalSafe(text)).toBe(text);
      expect(terminalSafeLine(text)).toBe(text);
    }
  });

  it('never lets a code point of the dangerous classes through', () => {
    fc.assert(fc.property(hostile, (text) => {
      expect(hasDangerous(terminalSafe(text), true)).toBe(false);
      expect(hasDangerous(terminalSafeLine(text), false)).toBe(false);
    }), { numRuns: 500 });
  });

  it('passes printable text through unchanged', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (text) => {
      if (!hasDangerous(text, true)) expect(terminalSafe(text)).toBe(text);
      if (!hasDangerous(text, false)) expect(terminalSafeLine(text)).toBe(text);
    }), { numRuns: 500 });
  });

  it('is idempotent', () => {
    fc.assert(fc.property(hostile, (text) => {
      expect(terminalSafe(terminalSafe(text))).toBe(terminalSafe(text));
      expect(terminalSafeLine(terminalSafeLine(text))).toBe(terminalSafeLine(text));
      expect(terminalSafeLine(terminalSafe(text))).toBe(terminalSafeLine(text));
    }), { numRuns: 300 });
  });

  it('can be read back exactly when the text had no backslash', () => {
    fc.assert(fc.property(hostile.map((text) => text.replace(/\\/g, '/')), (text) => {
      expect(unescape(terminalSafe(text))).toBe(text);
      expect(unescape(terminalSafeLine(text))).toBe(text);
    }), { numRuns: 300 });
  });
});
