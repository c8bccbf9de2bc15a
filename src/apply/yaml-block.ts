// A reader for the block-style YAML that `influxadm export` writes (js-yaml's `dump`) and that people write
// by hand in the same style: block mappings and sequences, one scalar per line, comments, blank lines. It
// reads the text line by line into the value, with no event objects, so that `plan` over a 10,000-database
// file does not spend most of its time in the YAML parser. It is only a shortcut: whenever the text holds
// anything it is not sure of, it returns undefined and the caller parses with js-yaml's events, which give
// the same value, or the error with its place. So it never explains anything; what it refuses:
//   - characters outside printable BMP text and LF (tabs, CR, BOM, control characters, surrogates, U+2028/9);
//   - a line starting with `---` or `...` (at any column), directives, anchors, aliases, tags, block scalars (| >),
//     explicit keys (?), flow collections other than an empty `[]` or `{}`;
//   - a scalar that does not end on its line (multi-line plain or quoted), a double-quoted escape other
//     than \\ \" \/ \n \t, text after a closing quote other than a comment;
//   - a plain scalar starting with an indicator (but - ? : followed by a non-space), holding `: `, ending in `:`;
//   - any line indented other than as an open collection's entry (which is where js-yaml would continue a
//     scalar or fail), a `- ` entry where a key is expected;
//   - keys that are not text after resolution, `<<`, `__proto__`, duplicate keys;
//   - nesting deeper than MAX_DEPTH collections; a file with nothing in it.
// A `${VAR}` that does not expand is the caller's to refuse: scalarOf throws, and the caller catches.

/** The value of a scalar from its text (unquoted, unescaped): expanded, and resolved when plain. */
export type ScalarOf = (raw: string, plain: boolean) => unknown;

/** Well under js-yaml's maxDepth as parseSource sets it (64 nodes, counting scalars). */
const MAX_DEPTH = 32;
/** Slots in the cache of plain scalars (a power of two). */
const CACHE = 1024;
/** Anything but LF and printable BMP text (no DEL, C1, surrogates, U+2028/U+2029, BOM, U+FFFE/U+FFFF). */
const OUTSIDE = /[^\n\x20-\x7E\xA0-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD]/;

const SPACE = 0x20;
const HASH = 0x23;
const DASH = 0x2d;
const COLON = 0x3a;
const SQUOTE = 0x27;
const DQUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const DOT = 0x2e;
const QUESTION = 0x3f;

/**
 * The usual line, `key: value` with both plain and of a few safe characters and nothing after, matched at
 * once: the character loops below run mostly in V8's interpreter for a file read once (a 10,000-database
 * file is read before V8 has optimized them), and a regular expression runs as native code from its first
 * use. Anything it does not match goes the long way, which reads the same line the same way: a key of
 * these characters is a plain scalar (`null`, `true` resolve as they would, and are refused as keys), and
 * a value that starts with a letter, digit or `_` and holds no space, `:` or `#` is one plain scalar. It
 * takes the next line's indentation too, which the interpreter would otherwise count space by space.
 */
const KEY_VALUE = /([A-Za-z_][A-Za-z0-9_]*): ([A-Za-z0-9_][A-Za-z0-9_./+-]*)\n */y;
/** `after` for a mapping whose current line KEY_VALUE has read whole (key() returns -1 or more). */
const QUICK = -2;

/** Thrown inside the reader, caught at its top: the text is not in the subset. */
const REFUSE: unique symbol = Symbol('refuse');

/** Characters that cannot start a plain scalar (YAML's c-indicators); `-`, `?` and `:` can when a non-space follows. */
const INDICATOR = new Uint8Array(128);
for (const c of "-?:,[]{}#&*!|>'\"%@`") INDICATOR[c.charCodeAt(0)] = 1;

/** The value of `text`, or undefined when it holds anything outside the subset this reader is sure of. */
export function readBlockYaml(text: string, scalarOf: ScalarOf): unknown {
  if (OUTSIDE.test(text)) return undefined;
  const n = text.length;
  // The current content line: its start, end (its LF or n), first non-space and indent; ind = -1 at the end.
  let ls = 0;
  let le = 0;
  let cs = 0;
  let ind = -1;
  let next = 0;
  // What key() and quoted() read.
  let keyValue: unknown;
  let quotedValue = '';

  const refuse = (): never => {
    throw REFUSE;
  };

  /** Moves to the next line with content, skipping blank and comment lines. */
  const advance = () => {
    let p = next;
    while (p < n) {
      let e = text.indexOf('\n', p);
      if (e < 0) e = n;
      let q = p;
      while (q < e && text.charCodeAt(q) === SPACE) q++;
      if (q === e || text.charCodeAt(q) === HASH) {
        p = e + 1;
        continue;
      }
      // `---` or `...` first on a line, at any column: js-yaml takes even an indented one at the top of the
      // file for a document marker.
      const c = text.charCodeAt(q);
      if ((c === DASH || c === DOT) && text.charCodeAt(q + 1) === c && text.charCodeAt(q + 2) === c) refuse();
      ls = p;
      le = e;
      cs = q;
      ind = q - p;
      next = e + 1;
      return;
    }
    ls = le = cs = next = n;
    ind = -1;
  };

  const isEntry = (p: number) => text.charCodeAt(p) === DASH && (p + 1 === le || text.charCodeAt(p + 1) === SPACE);

  const plainStart = (p: number) => {
    const c = text.charCodeAt(p);
    if (c >= 128 || INDICATOR[c] === 0) return true;
    return (c === DASH || c === QUESTION || c === COLON) && p + 1 < le && text.charCodeAt(p + 1) !== SPACE;
  };

  /** A quoted scalar at p (its quote) that ends on this line: sets quotedValue, returns the end after the quote. */
  const quoted = (p: number): number => {
    const quote = text.charCodeAt(p);
    let out = '';
    let from = p + 1;
    for (let q = from; q < le; q++) {
      const c = text.charCodeAt(q);
      if (c === quote) {
        if (quote === SQUOTE && text.charCodeAt(q + 1) === SQUOTE) {
          out += text.slice(from, q + 1);
          from = ++q + 1;
          continue;
        }
        quotedValue = out + text.slice(from, q);
        return q + 1;
      }
      if (c === BACKSLASH && quote === DQUOTE) {
        const e = text.charCodeAt(q + 1);
        const escaped = e === DQUOTE ? '"' : e === BACKSLASH ? '\\' : e === 0x2f ? '/' : e === 0x6e ? '\n' : e === 0x74 ? '\t' : refuse();
        out += text.slice(from, q) + escaped;
        from = ++q + 1;
      }
    }
    return refuse();
  };

  // Plain scalars by their text's hash, so that a key or value met again (every database has the same keys)
  // is neither sliced nor resolved again, and the key is the same string, which V8 has already internalized:
  // a new string as a property name costs a lookup in its string table on first use.
  const cachedText: Array<string | undefined> = new Array<string | undefined>(CACHE).fill(undefined);
  const cachedValue: unknown[] = new Array<unknown>(CACHE).fill(undefined);
  /** The plain scalar text[p, e), whose hash (the reader's own, see key()) is h. */
  const plain = (p: number, e: number, h: number): unknown => {
    const slot = h & (CACHE - 1);
    const known = cachedText[slot];
    if (known !== undefined && known.length === e - p && text.startsWith(known, p)) return cachedValue[slot];
    const raw = text.slice(p, e);
    const value = scalarOf(raw, true);
    cachedText[slot] = raw;
    cachedValue[slot] = value;
    return value;
  };

  // The quick line's scalars, by their text: a direct-mapped cache, as for plain() (keys and repeated
  // values are found again; 10,000 names only pass through). Its own, not plain()'s: looked up there by
  // place (a hash of the ends, startsWith, a slice on a miss), a cold read was slower in 6 of 6 runs.
  const quickText: Array<string | undefined> = new Array<string | undefined>(CACHE).fill(undefined);
  const quickScalar: unknown[] = new Array<unknown>(CACHE).fill(undefined);
  const known = (raw: string): unknown => {
    const slot = (raw.length + 7 * raw.charCodeAt(raw.length - 1) + 131 * raw.charCodeAt(0)) & (CACHE - 1);
    if (quickText[slot] === raw) return quickScalar[slot];
    const value = scalarOf(raw, true);
    quickText[slot] = raw;
    quickScalar[slot] = value;
    return value;
  };
  let quickValue: unknown;
  /** Where the line after a quick line has its first non-space (KEY_VALUE's end). */
  let quickNext = 0;
  /** Whether the current line from p is a KEY_VALUE line; if so sets keyValue and quickValue. */
  const quick = (p: number): boolean => {
    KEY_VALUE.lastIndex = p;
    const match = KEY_VALUE.exec(text);
    if (match === null) return false;
    quickNext = KEY_VALUE.lastIndex;
    keyValue = known(match[1]!);
    quickValue = known(match[2]!);
    return true;
  };
  /**
   * advance() after a quick line, from the next line's first non-space, which KEY_VALUE found: the same
   * line made current, unless advance() has something to do there (a blank or comment line, a document
   * marker, the end).
   */
  const advanceQuick = () => {
    const q = quickNext;
    const c = text.charCodeAt(q);
    if (q >= n || c === 0x0a || c === HASH || ((c === DASH || c === DOT) && text.charCodeAt(q + 1) === c && text.charCodeAt(q + 2) === c)) {
      advance();
      return;
    }
    ls = next;
    cs = q;
    ind = q - ls;
    le = text.indexOf('\n', q);
    if (le < 0) le = n;
    next = le + 1;
  };

  /** Only spaces, or spaces and a comment, from q to the end of the line. */
  const rest = (q: number) => {
    let r = q;
    while (r < le && text.charCodeAt(r) === SPACE) r++;
    if (r < le && (r === q || text.charCodeAt(r) !== HASH)) refuse();
  };

  /** A key at p: sets keyValue and returns the position after its `:`, or -1 when the line holds no key. */
  const key = (p: number): number => {
    const c = text.charCodeAt(p);
    if (c === SQUOTE || c === DQUOTE) {
      let q = quoted(p);
      while (q < le && text.charCodeAt(q) === SPACE) q++;
      if (q < le && text.charCodeAt(q) === COLON && (q + 1 === le || text.charCodeAt(q + 1) === SPACE)) {
        keyValue = scalarOf(quotedValue, false);
        return q + 1;
      }
      return -1;
    }
    if (!plainStart(p)) return -1;
    let h = c;
    for (let q = p + 1; q < le; q++) {
      const ch = text.charCodeAt(q);
      if (ch === COLON) {
        if (q + 1 === le || text.charCodeAt(q + 1) === SPACE) {
          let e = q;
          while (text.charCodeAt(e - 1) === SPACE) e--;
          keyValue = e === q ? plain(p, e, h) : scalarOf(text.slice(p, e), true);
          return q + 1;
        }
      } else if (ch === HASH && text.charCodeAt(q - 1) === SPACE) {
        return -1;
      }
      h = (h * 31 + ch) | 0;
    }
    return -1;
  };

  /** A value that is all on this line from p: a scalar, `[]` or `{}`. */
  const inline = (p: number): unknown => {
    const c = text.charCodeAt(p);
    if (c === SQUOTE || c === DQUOTE) {
      rest(quoted(p));
      return scalarOf(quotedValue, false);
    }
    if (c === LBRACKET || c === LBRACE) {
      if (text.charCodeAt(p + 1) !== (c === LBRACKET ? RBRACKET : RBRACE)) refuse();
      rest(p + 2);
      return c === LBRACKET ? [] : {};
    }
    if (!plainStart(p)) refuse();
    let end = p + 1;
    let h = c;
    let hashEnd = h;
    for (let q = p + 1; q < le; q++) {
      const ch = text.charCodeAt(q);
      h = (h * 31 + ch) | 0;
      if (ch === SPACE) continue;
      if (ch === HASH && text.charCodeAt(q - 1) === SPACE) break;
      if (ch === COLON && (q + 1 === le || text.charCodeAt(q + 1) === SPACE)) refuse();
      end = q + 1;
      hashEnd = h;
    }
    return plain(p, end, hashEnd);
  };

  /** The node starting at p on the current line; returns with the next content line current. */
  const node = (p: number, depth: number): unknown => {
    if (isEntry(p)) return sequence(p, depth + 1);
    if (quick(p)) return mapping(p, QUICK, depth + 1);
    const after = key(p);
    if (after >= 0) return mapping(p, after, depth + 1);
    const value = inline(p);
    advance();
    return value;
  };

  /** A block sequence whose first `-` is at p. */
  const sequence = (p: number, depth: number): unknown[] => {
    if (depth > MAX_DEPTH) refuse();
    const indent = p - ls;
    const list: unknown[] = [];
    for (;;) {
      let q = p + 1;
      while (q < le && text.charCodeAt(q) === SPACE) q++;
      if (q === le || text.charCodeAt(q) === HASH) {
        advance();
        list.push(ind > indent ? node(cs, depth) : scalarOf('', true));
      } else {
        list.push(node(q, depth));
      }
      if (ind !== indent) {
        if (ind > indent) refuse();
        return list;
      }
      if (!isEntry(cs)) return list;
      p = cs;
    }
  };

  /** A block mapping whose first key is at p, its `:` just before `after` (key() has read it), or QUICK. */
  const mapping = (p: number, after: number, depth: number): Record<string, unknown> => {
    if (depth > MAX_DEPTH) refuse();
    const indent = p - ls;
    const map: Record<string, unknown> = {};
    for (;;) {
      const name = keyValue;
      if (typeof name !== 'string' || name === '<<' || name === '__proto__' || Object.hasOwn(map, name)) refuse();
      let value: unknown;
      if (after === QUICK) {
        value = quickValue;
        advanceQuick();
      } else {
        let q = after;
        while (q < le && text.charCodeAt(q) === SPACE) q++;
        if (q === le || text.charCodeAt(q) === HASH) {
          advance();
          if (ind > indent) value = node(cs, depth);
          else if (ind === indent && isEntry(cs)) value = sequence(cs, depth + 1);
          else value = scalarOf('', true);
        } else {
          value = inline(q);
          advance();
        }
      }
      map[name as string] = value;
      if (ind !== indent) {
        if (ind > indent) refuse();
        return map;
      }
      after = quick(cs) ? QUICK : key(cs);
      if (after === -1) refuse();
    }
  };

  try {
    advance();
    if (ind < 0) return undefined;
    const value = node(cs, 0);
    return ind < 0 ? value : undefined;
  } catch (error) {
    if (error === REFUSE) return undefined;
    throw error;
  }
}
