// Text that came from a server (or from argv) is shown on a terminal, where some code points are
// commands, not characters: ESC and the C1 controls start CSI/OSC sequences (clear the screen, retitle
// the window, plant a hyperlink), CR returns to the line start to overwrite what was printed, and the
// bidi overrides/isolates reorder what follows. Each one is replaced by a visible escape in the JSON
// style (`\u001b`, `\u202e`, `\r`); everything else, any script and emoji included, stays as it is.
//
// Backslashes are not escaped, so ordinary text is unchanged and escaping twice changes nothing; the
// price is that a name that literally contains the six characters `\u001b` reads the same as one with an
// ESC in it. `--format json` always gives the exact value.

// Besides C0/DEL/C1: the Arabic letter mark, LRM/RLM, the line and paragraph separators, LRE/RLE/PDF/
// LRO/RLO and LRI/RLI/FSI/PDI; and lone surrogates, which no terminal can show.
const BIDI_AND_SEPARATORS = '\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069';
const LONE_SURROGATE = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const UNSAFE = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f${BIDI_AND_SEPARATORS}]|${LONE_SURROGATE}`, 'g');
// TAB and LF as well: a table cell or an error line stays one line.
const UNSAFE_IN_LINE = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${BIDI_AND_SEPARATORS}]|${LONE_SURROGATE}`, 'g');

const SHORT: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const visible = (ch: string) => SHORT[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

// Nearly every string is clean: look first, so it is returned as is rather than copied.
const escapeWith = (pattern: RegExp, text: string) => (text.search(pattern) < 0 ? text : text.replace(pattern, visible));

/** For a stream of lines (stderr, a CSV field): line feeds and tabs stay. */
export function terminalSafe(text: string): string {
  return escapeWith(UNSAFE, text);
}

/** For one line (a table cell, an error message): line feeds and tabs are escaped too. */
export function terminalSafeLine(text: string): string {
  return escapeWith(UNSAFE_IN_LINE, text);
}
