// A reader for the block-style YAML that `influxadm export` writes (js-yaml's `dump`) and that people write
// by hand in the same style: block mappings and sequences, one scalar per line, comments, blank lines. It
// reads the text line by line into the value, with no event objects, so that `plan` over a 10,000-database
// file does not spend most of its time in the YAML parser. It is only a shortcut: whenever the text holds
// anything it is not sure of, it returns undefined and the caller parses with js-yaml's events, which give
// the same value, or the error with its place. So it never explains anything. What it leaves to them:
//   - characters outside printable BMP text and LF (tabs, CR, BOM, control characters, surrogates,
//     U+2028/9);
//   - a line starting with `---` or `...` at any column, directives, anchors, aliases, tags, block scalars
//     (| >), explicit keys (?), flow collections other than an empty `[]` or `{}`;
//   - a scalar that does not end on its line (multi-line plain or quoted), a double-quoted escape other
//     than \\ \" \/ \n \t, text after a closing quote other than a comment;
//   - a plain scalar starting with an indicator (but - ? : followed by a non-space), holding `: ` or
//     ending in `:`;
//   - any line indented other than as an open collection's entry (which is where js-yaml would continue a
//     scalar or fail), a `- ` entry where a key is expected;
//   - keys that are not text after resolution, `<<`, `__proto__`, duplicate keys;
//   - nesting deeper than MAX_DEPTH collections; a file with nothing in it.
// A `${VAR}` that does not expand is the caller's to refuse: scalarOf throws, and the caller catches.
// test/unit/yaml-block.test.ts holds it to the events' values on generated documents and near misses.

/** The value of a scalar from its text (unquoted, unescaped): expanded, and resolved when plain. */
export type ScalarOf = (raw: string, plain: boolean) => unknown;

/** Well under js-yaml's maxDepth as parseSource sets it (64 nodes, counting scalars). */
const MAX_DEPTH = 32;
/** Slots in each cache of plain scalars: 2 ** CACHE_BITS. */
const CACHE_BITS = 8;
const CACHE = 1 << CACHE_BITS;
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

/** What a position on a line is: a node's start, a sequence entry's `-`, a mapping's key. */
const NODE = 0;
const ITEM = 1;
const KEY = 2;

/** Thrown inside the reader, caught at its top: the text is not in the subset. */
const REFUSE: unique symbol = Symbol('refuse');

/** What cannot start a plain scalar (YAML's c-indicators); `-`, `?` and `:` can, when a non-space follows. */
const INDICATOR = new Uint8Array(128);
for (const c of "-?:,[]{}#&*!|>'\"%@`") INDICATOR[c.charCodeAt(0)] = 1;

/**
 * A cache slot for a scalar of this length, first and last character. Names that differ only at their end
 * (database_00001, database_00002…) are spread over the slots, so that they seldom push out what repeats.
 */
const slotOf = (length: number, first: number, last: number) => (Math.imul(length, 0x9e3779b1) ^ Math.imul(first, 0x85ebca6b) ^ Math.imul(last, 0xc2b2ae35)) >>> (32 - CACHE_BITS);

/**
 * How an item of a sequence began: its lines each up to its value (indentation, `- ` or not, the key, `:`
 * and spaces) as [prefix, key, prefix, key, …], and the column of its keys.
 */
interface Shape {
  lines: string[];
  indent: number;
}
/** How many shapes are kept for the sequences at a column (partition templates alternate two). */
const SHAPES = 4;

/** Strings of n spaces, to test a line for the indentation it most likely has in one native call. */
const SPACES = Array.from({ length: 65 }, (_, i) => ' '.repeat(i));

const refuse = (): never => {
  throw REFUSE;
};

/** The value of `text`, or undefined when it holds anything outside the subset this reader is sure of. */
export function readBlockYaml(text: string, scalarOf: ScalarOf): unknown {
  if (OUTSIDE.test(text)) return undefined;
  try {
    return read(text, scalarOf);
  } catch (error) {
    if (error === REFUSE) return undefined;
    throw error;
  }
}

// Speed matters here, and this runs once per process, mostly before V8 has optimized any of it, when every
// call and every loop over characters costs. So read() is one loop over the lines, with a stack of the open
// collections rather than a recursion; a key is read in that loop, its plain value by one call (plainAt);
// the scanning within a line is done by native calls: indexOf for the line's end and the next `: ` and
// ` #`, startsWith for the likely indentation and to recognize a scalar met before. And an item of a
// sequence that begins as the one before it is read line by line while its lines begin alike.

function read(text: string, scalarOf: ScalarOf): unknown {
  const n = text.length;
  const empty = scalarOf('', true);

  // The current content line: its start, end (its LF or n), first non-space and indent; ind = -1 at the end.
  let ls = 0;
  let le = 0;
  let cs = 0;
  let ind = -1;
  let next = 0;

  // The first `: ` and the first ` #` at or after a position, each looked for again only when asked about
  // a position before where it was looked for from, or past where it was found: the reader moves forward,
  // so each is found in one pass over the text. Callers test that range themselves (no call when it holds).
  let colonFrom = n + 1;
  let colonAt = n;
  let hashFrom = n + 1;
  let hashAt = n;
  /** Where the first `: ` at or after p is (n when there is none). */
  const findColon = (p: number): number => {
    colonFrom = p;
    colonAt = text.indexOf(': ', p);
    if (colonAt < 0) colonAt = n;
    return colonAt;
  };
  /** Where the first ` #` at or after p is, its space (n when there is none). */
  const findHash = (p: number): number => {
    hashFrom = p;
    // By its `#`, which is rare, where a space is not.
    let h = text.indexOf('#', p + 1);
    while (h >= 0 && text.charCodeAt(h - 1) !== SPACE) h = text.indexOf('#', h + 1);
    hashAt = h < 0 ? n : h - 1;
    return hashAt;
  };

  // Plain scalars already met, keys apart from values, by length and first and last character, so that
  // one met again (every database has the same keys, most the same limits) is neither sliced nor resolved
  // again, and a key is the same string, which V8 has already internalized: a new string as a property
  // name costs a lookup in its string table.
  const keyTexts: Array<string | undefined> = new Array<string | undefined>(CACHE).fill(undefined);
  const keyValues: unknown[] = new Array<unknown>(CACHE).fill(undefined);
  const valueTexts: Array<string | undefined> = new Array<string | undefined>(CACHE).fill(undefined);
  const valueValues: unknown[] = new Array<unknown>(CACHE).fill(undefined);
  /** The plain scalar text[p, e) not in its cache slot: resolved, and kept there. */
  const resolve = (texts: Array<string | undefined>, values: unknown[], slot: number, p: number, e: number): unknown => {
    const raw = text.slice(p, e);
    const value = scalarOf(raw, true);
    texts[slot] = raw;
    values[slot] = value;
    return value;
  };

  const isEntry = (p: number) => text.charCodeAt(p) === DASH && (p + 1 === le || text.charCodeAt(p + 1) === SPACE);

  /** Whether a plain scalar can start at p, whose character is c. */
  const plainStart = (p: number, c: number) =>
    c >= 128 || INDICATOR[c] === 0 || ((c === DASH || c === QUESTION || c === COLON) && p + 1 < le && text.charCodeAt(p + 1) !== SPACE);

  let quotedValue = '';
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

  /** Only spaces, or spaces and a comment, from q to the end of the line. */
  const rest = (q: number) => {
    let r = q;
    while (text.charCodeAt(r) === SPACE) r++;
    if (r < le && (r === q || text.charCodeAt(r) !== HASH)) refuse();
  };

  /** The plain scalar at p (a character that can start one) to the end of its line or its comment. */
  const plainAt = (p: number): unknown => {
    // It ends at a comment (` #`) or the line's end; before that, a `: ` or a final `:` would be a mapping
    // where none can be.
    const hash = p >= hashFrom && p <= hashAt ? hashAt : findHash(p);
    const stop = hash < le ? hash + 1 : le;
    const colon = p + 1 >= colonFrom && p + 1 <= colonAt ? colonAt : findColon(p + 1);
    if (colon < stop || (stop === le && text.charCodeAt(le - 1) === COLON)) refuse();
    let e = stop === le ? le : hash;
    while (text.charCodeAt(e - 1) === SPACE) e--;
    const slot = slotOf(e - p, text.charCodeAt(p), text.charCodeAt(e - 1));
    const known = valueTexts[slot];
    return known !== undefined && known.length === e - p && text.startsWith(known, p) ? valueValues[slot] : resolve(valueTexts, valueValues, slot, p, e);
  };

  /** A value that is all on this line from p: a scalar, `[]` or `{}`. */
  const scalarAt = (p: number): unknown => {
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
    if (!plainStart(p, c)) refuse();
    return plainAt(p);
  };

  // The open collections, innermost last: whether a mapping, its indent, the collection itself, and for a
  // mapping the key whose value is being read.
  const isMap: boolean[] = [];
  const indents: number[] = [];
  const containers: Array<Record<string, unknown> | unknown[]> = [];
  const keys: string[] = [];
  // Items of a sequence are often mappings of the same keys, one per line, with values on their lines
  // (databases, the parts of their partition templates): by the column of the sequence, the shapes of the
  // last SHAPES such items the general path read, latest first; a mapping that is such an item being read
  // keeps the array of its shape being filled (undefined when it is not).
  const shapes: Array<Shape[] | undefined> = [];
  const recording: Array<string[] | undefined> = [];
  let top = -1;
  let root: unknown;
  /** The value of the slot being read: the key of the innermost mapping, or the next item of a sequence. */
  const put = (value: unknown) => {
    if (top < 0) root = value;
    else if (isMap[top]) (containers[top] as Record<string, unknown>)[keys[top]!] = value;
    else (containers[top] as unknown[]).push(value);
  };
  const open = (map: boolean, indent: number, container: Record<string, unknown> | unknown[]) => {
    if (top + 1 >= MAX_DEPTH) refuse();
    put(container);
    top++;
    isMap[top] = map;
    indents[top] = indent;
    containers[top] = container;
    recording[top] = undefined;
  };

  /** Whether c, just after a key's `:` and spaces, starts a value on that line (not a comment). */
  const inline = (c: number) => c > SPACE && c !== HASH;
  /** The value on the line at q, whose character is c (inline). */
  const valueAt = (q: number, c: number) => (c >= 128 || INDICATOR[c] === 0 ? plainAt(q) : scalarAt(q));

  /**
   * Items of the innermost sequence that begin as one of the last items the general path read at its
   * column did, from the current line, which begins as its first line up to a value: their lines are read
   * while each begins as that item's did, up to a value, and the items after them while their first lines
   * do. The values are read and checked as anywhere else; the keys, the same text as before, were checked
   * when first met (text, neither `<<` nor `__proto__`, no two alike); an item's lines so read are at its
   * mapping's indent, so that the line after them closes it or is its next key. The general path goes on
   * from the first line that differs, with the item's mapping open. A loop of its own, in a function of
   * its own: V8 optimizes it early, where it would optimize all of read() late.
   */
  const replay = ({ lines: shape, indent }: Shape) => {
    for (;;) {
      const map: Record<string, unknown> = {};
      open(true, indent, map);
      let q = ls + shape[0]!.length;
      let c = text.charCodeAt(q);
      for (let i = 0; ; ) {
        map[shape[i + 1]!] = valueAt(q, c);
        i += 2;
        if (i === shape.length) break;
        if (!text.startsWith(shape[i]!, next)) return;
        q = next + shape[i]!.length;
        c = text.charCodeAt(q);
        if (!inline(c)) return;
        ls = next;
        le = text.indexOf('\n', ls);
        if (le < 0) le = n;
        next = le + 1;
      }
      // The next line begins the next item alike: it closes this one.
      if (!text.startsWith(shape[0]!, next) || !inline(text.charCodeAt(next + shape[0]!.length))) return;
      top--;
      ls = next;
      le = text.indexOf('\n', ls);
      if (le < 0) le = n;
      next = le + 1;
    }
  };

  // A slot whose value starts on a later line (after `key:` or `-` with nothing else), and the indent of
  // the collection it is in (-1: the document's own, which nothing has filled yet).
  let pending = true;
  let pendingIndent = -1;

  for (;;) {
    // The next line with content: blank lines and comment lines are skipped.
    let p = next;
    // Most lines are indented as the one before.
    const likely = ind > 0 && ind < SPACES.length ? SPACES[ind]! : '';
    ind = -1;
    while (p < n) {
      let e = text.indexOf('\n', p);
      if (e < 0) e = n;
      let q = likely !== '' && text.startsWith(likely, p) ? p + likely.length : p;
      // The line's LF (or the end) stops this.
      while (text.charCodeAt(q) === SPACE) q++;
      if (q === e || text.charCodeAt(q) === HASH) {
        p = e + 1;
        continue;
      }
      // `---` and `...` mark documents, and js-yaml takes an indented `---` at the start of the file for one
      // too: a line starting so, at any column, is not read here.
      const c = text.charCodeAt(q);
      if ((c === DASH || c === DOT) && text.charCodeAt(q + 1) === c && text.charCodeAt(q + 2) === c) refuse();
      ls = p;
      le = e;
      cs = q;
      ind = q - p;
      next = e + 1;
      break;
    }
    if (ind < 0) break;
    p = cs;

    // What p is: a node in the pending slot, an item of a sequence (its `-`), or a key of a mapping.
    let at = -1;
    if (pending) {
      pending = false;
      // More indented, or a sequence at its key's own column; else the slot is empty (null).
      if (ind > pendingIndent || (ind === pendingIndent && top >= 0 && isMap[top] && isEntry(p))) at = NODE;
      else put(empty);
    }
    if (at !== NODE) {
      // The innermost collection this line is an entry of: those less indented than the line are closed,
      // a sequence also by a line at its own indent that is no `-` entry (its mapping's next key).
      for (;;) {
        if (top < 0) refuse();
        const indent = indents[top]!;
        if (ind < indent) top--;
        else if (ind > indent) refuse();
        else if (isMap[top]) {
          at = KEY;
          break;
        } else if (isEntry(p)) {
          at = ITEM;
          break;
        } else top--;
      }
    }

    // Along the line: `- - x` and `- k: v` start nodes after a `-`.
    let item = false;
    for (;;) {
      if (at === NODE && text.charCodeAt(p) === DASH && (p + 1 === le || text.charCodeAt(p + 1) === SPACE)) {
        open(false, p - ls, []);
        at = ITEM;
      }
      if (at === ITEM) {
        // An item, first on its line, that begins as one of the last at its column did (see replay).
        const known = p === cs ? shapes[ind] : undefined;
        let shape: Shape | undefined;
        for (let i = 0; known !== undefined && i < known.length && shape === undefined; i++) {
          const first = known[i]!.lines[0];
          if (first !== undefined && text.startsWith(first, ls) && inline(text.charCodeAt(ls + first.length))) shape = known[i];
        }
        if (shape !== undefined) {
          replay(shape);
          ind = shape.indent;
          break;
        }
        let q = p + 1;
        while (text.charCodeAt(q) === SPACE) q++;
        if (q === le || text.charCodeAt(q) === HASH) {
          pending = true;
          pendingIndent = indents[top]!;
          break;
        }
        p = q;
        at = NODE;
        item = true;
        continue;
      }

      // A key at p? Its `:` is followed by a space or the line's end, and no comment comes before.
      let after = -1;
      let name: unknown;
      const c = text.charCodeAt(p);
      if (c === SQUOTE || c === DQUOTE) {
        let q = quoted(p);
        while (text.charCodeAt(q) === SPACE) q++;
        if (q < le && text.charCodeAt(q) === COLON && (q + 1 === le || text.charCodeAt(q + 1) === SPACE)) {
          name = scalarOf(quotedValue, false);
          after = q + 1;
        }
      } else if (plainStart(p, c)) {
        let colon = p + 1 >= colonFrom && p + 1 <= colonAt ? colonAt : findColon(p + 1);
        if (colon >= le) colon = le - 1 > p && text.charCodeAt(le - 1) === COLON ? le - 1 : -1;
        if (colon > p && (p >= hashFrom && p <= hashAt ? hashAt : findHash(p)) >= colon - 1) {
          let e = colon;
          while (text.charCodeAt(e - 1) === SPACE) e--;
          const slot = slotOf(e - p, c, text.charCodeAt(e - 1));
          const known = keyTexts[slot];
          name = known !== undefined && known.length === e - p && text.startsWith(known, p) ? keyValues[slot] : resolve(keyTexts, keyValues, slot, p, e);
          after = colon + 1;
        }
      }
      if (after < 0) {
        if (at === KEY) refuse();
        put(scalarAt(p));
        break;
      }
      if (at === NODE) {
        open(true, p - ls, {});
        // The first key of an item (`- key: …`): its lines are noted for the items after it.
        if (item) {
          const shape: Shape = { lines: [], indent: p - ls };
          recording[top] = shape.lines;
          const known = (shapes[indents[top - 1]!] ??= []);
          known.unshift(shape);
          if (known.length > SHAPES) known.pop();
        }
      }
      const map = containers[top] as Record<string, unknown>;
      if (typeof name !== 'string' || name === '<<' || name === '__proto__' || Object.hasOwn(map, name)) refuse();
      let q = after;
      while (text.charCodeAt(q) === SPACE) q++;
      const v = text.charCodeAt(q);
      const noted = recording[top];
      if (noted !== undefined) {
        if (inline(v)) noted.push(text.slice(ls, q), name as string);
        else recording[top] = undefined;
      }
      if (!inline(v)) {
        keys[top] = name as string;
        pending = true;
        pendingIndent = indents[top]!;
        break;
      }
      // The value on the key's line.
      map[name as string] = valueAt(q, v);
      break;
    }
  }
  // Nothing in the file at all: the document's slot was never filled.
  if (pending && top < 0) refuse();
  if (pending) put(empty);
  return root;
}
