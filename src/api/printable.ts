// Server text (status lines, Location, error messages, --debug bodies and headers) ends up on a
// terminal. Anything that a terminal would act on instead of show — ESC/CSI/OSC sequences, other C0
// and C1 controls, carriage returns, line separators and bidi overrides that reorder what follows — is
// escaped visibly as \uXXXX, and a lone surrogate becomes U+FFFD. Printable text, Latin-1 and
// other Unicode letters included, is left exactly as it is.
//
// A general src/format/terminal-text.ts is being written elsewhere; this small one keeps the HTTP
// layer free of a dependency on unmerged work.

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function printable(text: string): string {
  return text
    .replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(LONE_SURROGATE, '\ufffd');
}
