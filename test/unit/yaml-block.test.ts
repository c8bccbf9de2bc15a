import fc from 'fast-check';
import { dump, type DumpOptions } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { exportText } from '../../src/apply/export.js';
import { FileProblem, parseEvented, parseSource, readFast } from '../../src/apply/source.js';

// The block reader (src/apply/yaml-block.ts, through readFast) against js-yaml's events (parseEvented):
// whenever the reader gives a value, the events give the same one; on anything else it gives undefined,
// and parseSource answers as the events do.

const ENV: Record<string, string> = { A: 'alpha', N: '42', T: 'true', E: '', C: 'a: b', H: 'x #y', X: '0x1F', F: '1.5e3', Z: 'null', Q: "'q'" };

/** JSON that tells numbers from text, -0 from 0, and keeps NaN and the infinities; keys in order. */
const encode = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' ? { '\u0000number': Object.is(v, -0) ? '-0' : String(v) } : v));

/** What the events make of the text: its value (encoded) or the problem's message. */
function evented(text: string, env: Record<string, string> = ENV): { value: string } | { problem: string } {
  try {
    return { value: encode(parseEvented('f.yaml', text, env).value) };
  } catch (error) {
    if (error instanceof FileProblem) return { problem: error.message };
    throw error;
  }
}

/** What parseSource makes of it, in the same terms. */
function sourced(text: string, env: Record<string, string> = ENV): { value: string } | { problem: string } {
  try {
    return { value: encode(parseSource('f.yaml', text, env).value) };
  } catch (error) {
    if (error instanceof FileProblem) return { problem: error.message };
    throw error;
  }
}

/** The block reader's value, checked against the events' when there is one. */
function agreed(text: string, env: Record<string, string> = ENV): unknown {
  const fast = readFast(text, env);
  if (fast !== undefined) expect(evented(text, env), JSON.stringify(text)).toEqual({ value: encode(fast) });
  return fast;
}

// ---------------------------------------------------------------------------------------------------------
// Values dumped by js-yaml.

const piece = fc.constantFrom(
  'a', 'b', 'x', 'name', 'db_1', '0', '1', '42', '-', '.', '_', ' ', '  ', ':', ': ', '#', ' #', "'", '"', '\\', '$', '${A}', '${N}', '$${A}',
  '%', '@', '`', '&', '*', '!', '|', '>', '?', ',', '[', ']', '{', '}', '~', 'é', '日', '/', 'read:db_1', 'http://h:1/x', '\u00a0', '\t', '\n',
);
const text = fc.array(piece, { maxLength: 6 }).map((parts) => parts.join(''));
const special = fc.constantFrom(
  '', '~', 'null', 'Null', 'NULL', 'true', 'False', 'yes', 'no', 'on', '0x1F', '0o17', '0b11', '1_000', '012', '+12', '-1', '1e3', '1.', '.5', '-.5',
  '.inf', '-.inf', '+.INF', '.nan', '.NaN', '- x', '-x', '--', '---', '...', 'a: b', 'a:b', 'a #b', 'a#b', '? x', ':x', '[]', '{}', ' lead', 'trail ',
);
const scalar = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 2, arbitrary: special },
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const key = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('name', 'retentionPeriod', 'maxTables', 'y', 'n', 'a b', '1', 'true', 'null', '~', '<<', '__proto__', '-k', 'k:v', '${A}', '${GONE}') }, text);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('value'), { maxLength: 4 }),
  map: fc.array(fc.tuple(key, tie('value')), { maxLength: 4 }).map((entries) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    return out;
  }),
}));

const EXPORT_OPTIONS: DumpOptions = { lineWidth: -1, noRefs: true };
const STYLES: DumpOptions[] = [
  EXPORT_OPTIONS,
  { lineWidth: -1, noRefs: true, indent: 4 },
  { lineWidth: -1, noRefs: true, indent: 1 },
  { lineWidth: -1, noRefs: true, seqNoIndent: true },
  { lineWidth: -1, noRefs: true, seqInlineFirst: false },
  { lineWidth: -1, noRefs: true, quoteStyle: 'double' },
  { lineWidth: -1, noRefs: true, forceQuotes: true },
  { lineWidth: -1, noRefs: true, flowLevel: 2 },
  { lineWidth: 12 },
];

// ---------------------------------------------------------------------------------------------------------
// Documents written by hand: a tree rendered with random indentation, compact forms and comments.

type Tree = { kind: 'scalar'; token: string } | { kind: 'map'; indent: number; entries: Array<[string, Tree]> } | { kind: 'list'; indent: number; compact: boolean; items: Tree[] };

const token = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(
    'x', 'hello world', 'database_00001', 'read:db_1', 'http://127.0.0.1:35055', '500', '-1', '0x1F', '0o17', '1_000', '1.5', '.inf', '-.inf', '.nan', '~', 'null', 'true', 'False',
    '', "''", "'it''s'", "'a: b'", "' #x'", "'%Y-%m'", '"x"', '"a \\"b\\""', '"a\\\\b"', '"tab\\there"', '"nl\\n"', '"\\/"', '"a\'b"', '[]', '{}', 'a#b', 'key:value',
    '${A}', '${N}', '${T}', '${E}', '${C}', '${X}', '$${A}', 'x${A}y', "'${N}'", '"${N}"', 'a $ b', 'é日', 'x # comment', "'q' # c", '[] # c',
  ) },
  { weight: 1, arbitrary: fc.constantFrom(
    '&a x', '*a', '!!str x', '!x y', '|', '>', '|-', '[1, 2]', '{a: 1}', '[ ]', '{ }', '? x', 'a: b', 'x:', '- x', "'open", '"open', "'a'b", '"\\x41"', '"\\u00e9"', '"\\ "',
    '%x', '@x', '`x', ',x', '#x', 'a\tb', '${GONE}', '${1X}', '${', '"a" # c', "'a'#c", ':x', '?x', 'a\u00a0', '\u2028', '\ufeff',
  ) },
);
const handKey = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'b', 'c', 'name', 'maxTables', 'a b', 'k-1', 'a:b', 'a#b', "'q'", '"dq"', "'a: b'", "''", '-k', '${A}', 'é') },
  { weight: 1, arbitrary: fc.constantFrom('1', 'true', 'null', '~', '<<', '__proto__', '${N}', '${GONE}', '? k', '&k a', '!t a', '[k]', '{k}', 'k #x', '- k', '"\\x41"', 'k\t') },
);
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.record({ kind: fc.constant('scalar' as const), token }), tie('map'), tie('list')),
  map: fc.record({ kind: fc.constant('map' as const), indent: fc.integer({ min: 1, max: 4 }), entries: fc.array(fc.tuple(handKey, tie('tree')), { minLength: 1, maxLength: 4 }) }),
  list: fc.record({ kind: fc.constant('list' as const), indent: fc.integer({ min: 0, max: 4 }), compact: fc.boolean(), items: fc.array(tie('tree'), { minLength: 1, maxLength: 4 }) }),
})) as { tree: fc.Arbitrary<Tree> };

/** The tree's lines at column `col`; `lead` goes before the first line's content (`- ` of the entries holding it). */
function render(t: Tree, col: number, out: string[], lead = ''): void {
  const pad = ' '.repeat(col);
  if (t.kind === 'scalar') {
    out.push(`${pad}${lead}${t.token}`);
    return;
  }
  if (t.kind === 'map') {
    t.entries.forEach(([k, v], i) => {
      const at = i === 0 ? `${pad}${lead}` : ' '.repeat(col + lead.length);
      if (v.kind === 'scalar') out.push(v.token === '' ? `${at}${k}:` : `${at}${k}: ${v.token}`);
      else {
        out.push(`${at}${k}:`);
        // A list may sit at its key's own column (indent 0).
        render(v, col + lead.length + v.indent, out);
      }
    });
    return;
  }
  t.items.forEach((item, i) => {
    const at = i === 0 ? `${pad}${lead}` : ' '.repeat(col + lead.length);
    if (item.kind === 'scalar') out.push(`${at}- ${item.token}`.trimEnd());
    else if (t.compact) render(item, 0, out, `${at}- `);
    else {
      out.push(`${at}-`);
      render(item, col + lead.length + Math.max(1, item.indent), out);
    }
  });
}

/** Noise between lines: blank lines, comments at any column, trailing spaces. */
const noise = fc.array(fc.tuple(fc.nat(), fc.constantFrom('', '   ', '# c', '  # c', '      # deep', '#', ' ')), { maxLength: 3 });

/** A small change anywhere: the near misses. */
const mutation = fc.tuple(fc.nat(), fc.constantFrom(
  'insert', 'delete', 'indent', 'dedent', 'duplicate', 'crlf', 'bom', 'marker', 'tab',
), fc.constantFrom(' ', '\t', ':', ': ', '#', ' #', '-', '- ', "'", '"', '\n', '[', '{', '&', '*', '!', '|', '>', '?', '%', '$', '\\', 'x', '\r', '\u00a0'));

/** One time in `n` the arbitrary's value, else null. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, n: number): fc.Arbitrary<T | null> => fc.oneof({ weight: n - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });

function mutate(text: string, [at, how, what]: [number, string, string]): string {
  const lines = text.split('\n');
  const line = at % Math.max(1, lines.length);
  const pos = at % Math.max(1, text.length);
  switch (how) {
    case 'insert':
      return text.slice(0, pos) + what + text.slice(pos);
    case 'delete':
      return text.slice(0, pos) + text.slice(pos + 1);
    case 'indent':
      lines[line] = ` ${lines[line]}`;
      return lines.join('\n');
    case 'dedent':
      lines[line] = lines[line]!.replace(/^ /, '');
      return lines.join('\n');
    case 'duplicate':
      lines.splice(line, 0, lines[line]!);
      return lines.join('\n');
    case 'crlf':
      return text.replaceAll('\n', '\r\n');
    case 'bom':
      return `\ufeff${text}`;
    case 'marker':
      lines.splice(line, 0, ['---', '...', '--- x', '%YAML 1.2'][at % 4]!);
      return lines.join('\n');
    default:
      lines[line] = lines[line]!.replace(/^( *)/, '$1\t');
      return lines.join('\n');
  }
}

function written(t: Tree, extra: Array<[number, string]>): string {
  const lines: string[] = [];
  render(t, 0, lines);
  for (const [at, line] of extra) lines.splice(at % (lines.length + 1), 0, line);
  return `${lines.join('\n')}\n`;
}

describe('the block reader', () => {
  it('agrees with the events on anything js-yaml dumps, in any style, and reads the export style', () => {
    let read = 0;
    let runs = 0;
    fc.assert(fc.property(value, fc.constantFrom(...STYLES.keys()), sometimes(mutation, 3), (v, style, change) => {
      runs++;
      const dumped = dump(v, STYLES[style]);
      const text = change ? mutate(dumped, change) : dumped;
      if (agreed(text) !== undefined) read++;
    }), { numRuns: 3000 });
    // Not vacuous: most of these are read.
    expect(read).toBeGreaterThan(runs * 0.45);
  });

  it('agrees with the events on documents written by hand, and on every near miss of them', () => {
    let read = 0;
    let runs = 0;
    fc.assert(fc.property(tree, noise, sometimes(mutation, 2), (t, extra, change) => {
      runs++;
      const text = written(t, extra);
      if (agreed(change ? mutate(text, change) : text) !== undefined) read++;
    }), { numRuns: 4000 });
    // About one in eight is read whole (the rest are near misses, which must be refused alike).
    expect(read).toBeGreaterThan(runs * 0.08);
  });

  // Lists of look-alike mappings, as export writes databases: the reader reads an item like the one before
  // it line by line while the lines begin alike, so here they begin alike, or nearly.
  const lookValue = fc.oneof(
    { weight: 30, arbitrary: fc.constantFrom('x', 'database_00001', 'database_00002', 'read:db_1', '500', '200', '-1', '0x1F', '1_000', '.inf', '~', 'null', 'true', 'infinite', '30d', 'é日', 'a#b', 'key:value', '${A}', '${N}', 'x # c', "'it''s'", '"x"', '[]', '') },
    { weight: 1, arbitrary: token },
  );
  const look = fc.record({
    keys: fc.constantFrom(['name', 'retentionPeriod', 'maxTables'], ['name', 'x', 'y'], ['a b', 'a:b', '-k'], ['é', "'q'", '"dq"']),
    items: fc.array(fc.record({
      values: fc.array(lookValue, { minLength: 3, maxLength: 3 }),
      spaces: fc.array(fc.constantFrom(' ', ' ', ' ', '  '), { minLength: 3, maxLength: 3 }),
      // Drop a key, add one, nest a value, put a comment or a blank line between, or a line more indented.
      change: sometimes(fc.tuple(fc.nat(2), fc.constantFrom('drop', 'extra', 'again', 'nest', 'comment', 'blank', 'deeper', 'dash')), 6),
    }), { minLength: 1, maxLength: 8 }),
    indent: fc.integer({ min: 0, max: 3 }),
    dash: fc.constantFrom('- ', '-  '),
    // The same items again under another key: a second sequence at the same column.
    again: fc.boolean(),
  });
  const lookAlike = ({ keys, items, indent, dash, again }: { keys: readonly string[]; items: Array<{ values: string[]; spaces: string[]; change: [number, string] | null }>; indent: number; dash: string; again: boolean }) => {
    const lines = ['items:'];
    const pad = ' '.repeat(indent);
    const inner = ' '.repeat(indent + dash.length);
    for (const [i, { values, spaces, change }] of [...items, ...(again ? items.slice().reverse() : [])].entries()) {
      if (i === items.length) lines.push('more:');
      const entries = keys.map((k, i) => `${k}:${values[i] === '' ? '' : `${spaces[i]}${values[i]}`}`);
      if (change) {
        const [at, how] = change;
        if (how === 'drop') entries.splice(at, 1);
        else if (how === 'extra') entries.splice(at, 0, 'extra: 1');
        else if (how === 'again') entries.splice(at + 1, 0, entries[at]!);
        else if (how === 'nest') entries[at] = `${keys[at]}:\n${inner}  - ${values[at]}`;
        else if (how === 'comment') entries.splice(at + 1, 0, '# between');
        else if (how === 'blank') entries.splice(at + 1, 0, '');
        else if (how === 'deeper') entries.splice(at + 1, 0, `  ${values[at]}`);
        else entries.splice(at, 0, '- x');
      }
      entries.forEach((entry, i) => lines.push(i === 0 ? `${pad}${dash}${entry}` : `${inner}${entry}`));
    }
    return `${lines.join('\n')}\n`;
  };

  // The quick line (KEY_VALUE in yaml-block.ts): `key: value` read by one regular expression, with the next
  // line's indentation. Keys and values here are made of the characters on both sides of its classes, and
  // the lines after them of every kind advance() handles (a comment, a blank line, a document marker, an
  // entry, a line more or less indented, the end of the file without a line break).
  const edge = (extra: string[]) => fc.array(fc.constantFrom('a', 'Z', '_', '0', '9', 'e', '.', '/', '+', '-', ':', '#', ' ', '$', '{', '}', "'", '"', 'é', ...extra), { minLength: 1, maxLength: 6 }).map((p) => p.join(''));
  // Most keys are plain names made unique by their line's number (a key given twice is refused, which would
  // leave little to compare); the others sit on the edges of the key class.
  const quickKey = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('name', 'maxTables', 'k', '_x', 'x9') }, { weight: 2, arbitrary: edge([]) }, fc.constantFrom('null', 'NULL', 'true', 'False', '__proto__', '<<', 'on', '1', '0x1F'));
  const quickValue = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('database_00001', 'infinite', '500', '30d', 'x', 'a.b/c+d-e') },
    { weight: 2, arbitrary: edge(['${A}', '${N}']) },
    fc.constantFrom('0x1F', '0o17', '1_000', '1e3', '1.5', '-1', '+1', '.inf', '.5', 'null', 'Null', 'true', '~', '-', '+', '..', '...', '---', '_', '0', '012', 'e5'),
  );
  const quickLine = fc.oneof(
    { weight: 24, arbitrary: fc.tuple(fc.constantFrom(2, 2, 2, 2, 2, 2, 2, 2, 0, 4, 1, 3), quickKey, quickValue).map(([n, k, v]) => (i: number) => `${' '.repeat(n)}${/^[a-z_]+9?$/i.test(k) ? `${k}${i}` : k}: ${v}`) },
    fc.tuple(fc.constantFrom(0, 2, 4), quickKey, quickValue).map(([n, k, v]) => () => `${' '.repeat(n)}- ${k}: ${v}`),
    fc.tuple(fc.constantFrom(0, 2, 4), quickKey).map(([n, k]) => (i: number) => `${' '.repeat(n)}${k}${i}:`),
    fc.constantFrom('', '  ', '# c', '  # c', '---', '...', '  ---', '  - x', '    deeper', '  k: v # c', '  k: v ', '  k:v').map((line) => () => line),
  );

  it('agrees with the events on lines the quick line reads, and on every line beside them', () => {
    let read = 0;
    let runs = 0;
    fc.assert(fc.property(fc.array(quickLine, { minLength: 1, maxLength: 12 }), fc.boolean(), sometimes(mutation, 4), (lines, lastBreak, change) => {
      runs++;
      const text = `root:\n${lines.map((line, i) => line(i)).join('\n')}${lastBreak ? '\n' : ''}`;
      if (agreed(change ? mutate(text, change) : text) !== undefined) read++;
    }), { numRuns: 6000 });
    // About one in eight is read whole (the rest are near misses, which must be refused alike).
    expect(read).toBeGreaterThan(runs * 0.08);
  });

  it('agrees with the events on lists of look-alike mappings, and on near misses of them', () => {
    let read = 0;
    let runs = 0;
    fc.assert(fc.property(look, sometimes(mutation, 3), (l, change) => {
      runs++;
      const text = lookAlike(l);
      if (agreed(change ? mutate(text, change) : text) !== undefined) read++;
    }), { numRuns: 3000 });
    expect(read).toBeGreaterThan(runs * 0.4);
  });

  // What export writes: block style, its own options, text without line breaks or invisible characters, and
  // without a lone `$` (exportTarget doubles every `$` before exportText writes, which is tested in
  // apply-export.test.ts; here references that expand are in).
  const exportText$ = fc.array(fc.constantFrom(...'abcxyz_-.:/#\' "%@!&*?|>,[]{}~é0159'.split(''), ': ', ' #', '${A}', 'read:db_1'), { maxLength: 12 }).map((p) => p.join(''));
  const database = fc.record({
    name: exportText$,
    retentionPeriod: fc.constantFrom('infinite', '30d', '1h', '0'),
    maxTables: fc.integer({ min: -5, max: 10_000 }),
    maxColumnsPerTable: fc.integer({ min: 0, max: 10_000 }),
    // As export writes the products' templates ({time: …}, {tag: …}, {bucket: {…}}), and in another shape.
    partitionTemplate: fc.array(fc.oneof(
      fc.record({ time: exportText$ }),
      fc.record({ tag: exportText$ }),
      fc.record({ bucket: fc.record({ tagName: exportText$, numberOfBuckets: fc.integer({ min: 1, max: 100 }) }) }),
      fc.record({ type: fc.constantFrom('time', 'tag', 'bucket'), value: fc.oneof(exportText$, fc.record({ tagName: exportText$, numberOfBuckets: fc.integer({ min: 1, max: 100 }) })) }),
    ), { maxLength: 4 }),
  }, { requiredKeys: ['name'] });
  const token$ = fc.record({ description: exportText$, permissions: fc.array(exportText$, { maxLength: 4 }), expiry: fc.constantFrom('never', '2025-01-01T00:00:00Z') }, { requiredKeys: ['description', 'permissions'] });
  const exported = fc.record({
    host: fc.constantFrom('http://127.0.0.1:35055', 'https://x.example.com'),
    databases: fc.array(database, { maxLength: 6 }),
    tokens: fc.array(token$, { maxLength: 4 }),
    comments: fc.array(exportText$, { maxLength: 2 }),
  });

  it('reads everything of the export shape that js-yaml dumps as export does, and agrees', () => {
    fc.assert(fc.property(exported, ({ host, databases, tokens, comments }) => {
      const document = { version: 1, targets: { clustered: { product: 'clustered', host, databases, tokens } } };
      const text = exportText({ document, comments }, 'exported by a test', false);
      const fast = agreed(text);
      expect(fast, text).not.toBeUndefined();
    }), { numRuns: 1500 });
  });

  it('reads what export writes for 1,200 databases and 300 tokens, as the events do', () => {
    const databases = Array.from({ length: 1200 }, (_, i) => ({
      name: `database_${String(i).padStart(5, '0')}`,
      retentionPeriod: ['infinite', '1d', '2d', '3d'][i % 4],
      maxTables: 500,
      maxColumnsPerTable: 200,
      // As the products' templates come out of export, and in another shape.
      ...(i % 3 === 0 ? { partitionTemplate: [{ time: '%Y-%m' }, { tag: 'room' }, { bucket: { tagName: 'line', numberOfBuckets: 10 } }] } : {}),
      ...(i % 7 === 1 ? { partitionTemplate: [{ type: 'time', value: '%Y-%m' }, { type: 'tag', value: 'room' }] } : {}),
    }));
    const tokens = Array.from({ length: 300 }, (_, i) => ({
      description: i % 5 === 0 ? `grafana: dashboards #${i}` : `token ${i}`,
      permissions: [`read:db_${i}`, `db:database_${String(i).padStart(5, '0')}:read,write`, ...(i % 7 === 0 ? ['db:*:read'] : [])],
      ...(i % 2 === 0 ? { expiry: '2030-01-01T00:00:00Z' } : {}),
    }));
    const document = { version: 1, targets: { clustered: { product: 'clustered', host: 'http://127.0.0.1:35055', databases, tokens } } };
    const text = exportText({ document, comments: ['tables are not exported: the Management API has no table listing; add them by hand'] }, 'exported from clustered', false);
    expect(text).toContain("value: '%Y-%m'");
    expect(text).toContain("- description: 'grafana: dashboards #0'");
    const fast = readFast(text, {});
    expect(fast).toEqual(document);
    expect(encode(fast)).toBe(encode(parseEvented('f.yaml', text, {}).value));
    // parseSource takes it, and still finds places through the events.
    const loaded = parseSource('f.yaml', text, {});
    expect(loaded.value).toEqual(document);
    expect(loaded.where(['targets', 'clustered', 'databases', 1, 'maxTables'])).toMatch(/^f\.yaml:\d+:9$/);
  });

  it.each([
    ['key: value # comment\n', { key: 'value' }],
    ["a: 'it''s'\n", { a: "it's" }],
    ['a: "a \\"b\\" \\\\ \\/ \\n \\t"\n', { a: 'a "b" \\ / \n \t' }],
    ['- name: a\n  x: 1\n-   name: b\n    maxTables: 3\n', [{ name: 'a', x: 1 }, { name: 'b', maxTables: 3 }]],
    ['a:\nb: ~\nc: null\n', { a: null, b: null, c: null }],
    ['a: 0x1F\nb: 1_000\nc: .inf\nd: -.inf\ne: 0o17\nf: 012\ng: +1\nh: 1e3\n', { a: 31, b: '1_000', c: Infinity, d: -Infinity, e: 15, f: 12, g: 1, h: 1000 }],
    ['a: x   \nb: y # c   \n', { a: 'x', b: 'y' }],
    ['a: key:value\nb: http://h:1/x?y=z#f\nc: a#b\n', { a: 'key:value', b: 'http://h:1/x?y=z#f', c: 'a#b' }],
    ['- - x\n  - y\n- - - z\n', [['x', 'y'], [['z']]]],
    ['a:\n- x\n- y\nb: 1\n', { a: ['x', 'y'], b: 1 }],
    ["'a: b': 1\n\"\": 2\n'1': 3\n", { '1': 3, 'a: b': 1, '': 2 }],
    ['a: ${N}\nb: "${N}"\nc: ${T}\nd: x${N}\ne: $${N}\n${A}: 1\n', { a: 42, b: '42', c: true, d: 'x42', e: '${N}', alpha: 1 }],
    ['a: []\nb: {}\nc:\n  - []\n  - {}\n', { a: [], b: {}, c: [[], {}] }],
    ['# head\n\n  # indented comment\na:   # after a key\n\n  b: 1\n      # deeper\n  c: -1\n', { a: { b: 1, c: -1 } }],
    ['  a: 1\n  b: 2\n', { a: 1, b: 2 }],
    ['- x\n-\n- \n-   # c\n', ['x', null, null, null]],
    ['plain text\n', 'plain text'],
    ['a : 1\n\'b\' : 2\n', { a: 1, b: 2 }],
    ['a: ?x\nb: :x\nc: -x\n?k: 1\n:k: 2\n-k: 3\n', { a: '?x', b: ':x', c: '-x', '?k': 1, ':k': 2, '-k': 3 }],
  ])('reads %j', (text, expected) => {
    expect(agreed(text)).toEqual(expected);
  });

  it.each([
    ['a:\n\tb: 1\n', 'a tab in the indentation'],
    ['a: b\tc\n', 'a tab anywhere'],
    ['a: [1, 2]\n', 'a flow sequence'],
    ['a: {b: 1}\n', 'a flow mapping'],
    ['a: [ ]\n', 'an empty flow sequence with a space'],
    ['a: &x 1\nb: *x\n', 'an anchor and an alias'],
    ['a: *x\n', 'an alias without anchor'],
    ['a: !!str 1\n', 'a tag'],
    ['a: !!int 1\n', 'an unsupported tag'],
    ['a: |\n  x\n', 'a literal block scalar'],
    ['a: >-\n  x\n', 'a folded block scalar'],
    ['a: x\n  y\n', 'a multi-line plain scalar'],
    ["a: 'x\n  y'\n", 'a multi-line single-quoted scalar'],
    ['a: "x\n  y"\n', 'a multi-line double-quoted scalar'],
    ['a: 1\n---\nb: 2\n', 'a second document'],
    ['---\na: 1\n', 'a document start'],
    ['a: 1\n...\n', 'a document end'],
    [' ---\n', 'an indented document start, which js-yaml takes for one at the top'],
    ['a:\n  ---\n', 'a line starting with ---'],
    ['%YAML 1.2\n---\na: 1\n', 'a directive'],
    ['? a\n: 1\n', 'an explicit key'],
    ['a: 1\na: 2\n', 'a duplicate key'],
    ['a: 1\n"a": 2\n', 'a duplicate key, quoted'],
    ['<<: {a: 1}\n', 'a merge key'],
    ['<<: 1\n', 'a merge key, plain value'],
    ['__proto__: 1\n', 'the key __proto__'],
    ['1: a\n', 'a number key'],
    ['true: a\n', 'a bool key'],
    ['~: a\n', 'a null key'],
    ['${N}: a\n', 'a key that is a number after expansion'],
    ['a: ${GONE}\n', 'an unset variable'],
    ['${GONE}: a\n', 'an unset variable in a key'],
    ['a: "${1X}"\n', 'a malformed reference'],
    ['a: "\\x41"\n', 'a hex escape'],
    ['a: "\\u00e9"\n', 'a unicode escape'],
    ['a: "x\\\n  y"\n', 'an escaped line break'],
    ['\ufeffa: 1\n', 'a BOM'],
    ['a: 1\r\nb: 2\r\n', 'CR LF line ends'],
    ['a: 1\rb: 2\n', 'a lone CR'],
    ['a: \u0001\n', 'a control character'],
    ['a: \u2028\n', 'a line separator'],
    ['a: b: c\n', 'a mapping on a value\'s line'],
    ['a: b:\n', 'a value ending in a colon'],
    ['a: - x\n', 'a sequence on a value\'s line'],
    ['a: 1\nb:2\n', 'a line that is no key'],
    ['a:\n  - x\n  b: 1\n', 'a key after a sequence at its column'],
    ['a:\n    b: 1\n  c: 2\n', 'an indentation that matches nothing open'],
    ['- a\nb: 1\n', 'a mapping after a top-level sequence'],
    ['a: 1\n- b\n', 'a sequence entry where a key belongs'],
    ["a: 'x'y\n", 'text after a closing quote'],
    ["a: 'x'#c\n", 'a comment without a space after a closing quote'],
    ['a: ? x\n', 'a value starting with ? and a space'],
    ['a: : x\n', 'a value starting with : and a space'],
    ['a: %x\n', 'a plain scalar starting with %'],
    ['a: @x\n', 'a reserved indicator'],
    ['', 'an empty file'],
    ['# only a comment\n\n', 'a file of comments'],
    [`${Array.from({ length: 40 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} x\n`, 'nesting 40 deep'],
    [`${Array.from({ length: 70 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} x\n`, 'nesting past js-yaml\'s limit'],
  ])('leaves %j to the events (%s), and parseSource answers as they do', (text) => {
    expect(readFast(text, ENV)).toBeUndefined();
    expect(sourced(text)).toEqual(evented(text));
  });
});
