// How many terminal columns text takes, close enough to what terminals do that table columns line
// up: East Asian wide and fullwidth characters and emoji take 2, combining marks and other zero-width
// code points 0, an emoji sequence (ZWJ, skin tone, flag, VS16) counts as one emoji. Terminals differ
// on the rare cases; no lookup table of the whole of Unicode is worth its size here.

function lazy<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;
// Made on first use: a pattern of Unicode properties costs ~0.3 ms to create, and most text is ASCII.
const zeroWidth = lazy(() => /^[\p{Mn}\p{Me}\p{Cf}\u1160-\u11ff]$/u);
const wide = lazy(() => /^[\u1100-\u115f\u2329\u232a\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6\u{16fe0}-\u{16fe4}\u{17000}-\u{18cff}\u{1b000}-\u{1b2ff}\u{1f200}-\u{1f2ff}\u{20000}-\u{3fffd}\p{Emoji_Presentation}]$/u);
const emojiModifier = lazy(() => /^\p{Emoji_Modifier}$/u);
const ZWJ = 0x200d;
const VS16 = 0xfe0f;
const isRegionalIndicator = (cp: number) => cp >= 0x1f1e6 && cp <= 0x1f1ff;

/** Measures code point after code point; what a code point takes can depend on the one before. */
class Scanner {
  private previous = 0;
  private previousWidth = 0;
  /** A regional indicator opened a flag; the next one closes it and takes no room of its own. */
  private flagOpen = false;

  next(ch: string): number {
    const cp = ch.codePointAt(0)!;
    const width = this.measure(ch, cp);
    this.flagOpen = isRegionalIndicator(cp) && !this.flagOpen;
    this.previous = cp;
    this.previousWidth = width;
    return width;
  }

  private measure(ch: string, cp: number): number {
    if (cp < 0x300) return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ? 0 : 1;
    if (this.previous === ZWJ) return 0; // joined into the emoji before
    if (cp === VS16) return this.previousWidth === 1 ? 1 : 0; // a text symbol shown as an emoji
    if (isRegionalIndicator(cp) && this.flagOpen) return 0;
    if (emojiModifier().test(ch) && this.previousWidth === 2) return 0;
    if (zeroWidth().test(ch)) return 0;
    return wide().test(ch) ? 2 : 1;
  }
}

export function displayWidth(text: string): number {
  if (ASCII_PRINTABLE.test(text)) return text.length;
  const scanner = new Scanner();
  let width = 0;
  for (const ch of text) width += scanner.next(ch);
  return width;
}

/**
 * Cuts text to at most `max` (≥ 1) columns, ending it with `…` when something was cut. Cuts fall
 * before a code point that takes room, so marks and emoji sequences are never split from their base.
 */
export function truncateToWidth(text: string, max: number, width = displayWidth(text)): string {
  if (width <= max) return text;
  const scanner = new Scanner();
  let used = 0;
  let end = 0;
  for (const ch of text) {
    const w = scanner.next(ch);
    if (w > 0 && used + w > max - 1) break;
    used += w;
    end += ch.length;
  }
  return `${text.slice(0, end)}…`;
}
