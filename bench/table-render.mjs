// `node bench/table-render.mjs`: times cli-table3 (the renderer we replaced) and src/format/table.ts on
// the same tables in one run and prints the ratios. Not a test: numbers vary with the machine, the
// ratios much less. cli-table3 is quadratic in a cell's length once it holds non-ASCII text and in the
// number of rows; ours is linear in the output. BENCH_RUNS sets the runs of ours (cli-table3 runs once:
// it alone takes most of the minute or so this script needs).

import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Table from 'cli-table3';

const runs = Number(process.env.BENCH_RUNS ?? 7);
const work = mkdtempSync(join(tmpdir(), 'influxadm-table-bench-'));
const bundle = join(work, 'table.mjs');
await build({ entryPoints: [new URL('../src/format/table.ts', import.meta.url).pathname], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'warning' });
const { tableChunks, renderKeyValue } = await import(pathToFileURL(bundle).href);
rmSync(work, { recursive: true, force: true });

// cli-table3 exactly as src/format/table.ts used it.
const chars = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };
const style = { head: [], border: [] };
const old = {
  table(headers, rows) {
    const t = new Table({ head: headers, style, chars });
    for (const row of rows) t.push(row);
    return `${t.toString()}\n`;
  },
  keyValue(pairs) {
    const t = new Table({ style, chars });
    for (const [key, value] of pairs) t.push({ [key]: value });
    return `${t.toString()}\n`;
  },
};
const ours = {
  table: (headers, rows) => [...tableChunks(headers, rows, { color: false })].join(''),
  keyValue: (pairs) => renderKeyValue(pairs, { color: false }),
};

const cells = (n, width) => Array.from({ length: n }, (_, i) => `${i}-`.padEnd(width, 'abcdefghij'));
const shapes = [
  { name: '1 row, one 200 KB ASCII cell', kind: 'table', args: [['NAME'], [['x'.repeat(200_000)]]] },
  { name: '1 row, one 20,000-character CJK cell', kind: 'table', args: [['NAME'], [['日本語テキスト'.repeat(20_000 / 7)]]] },
  { name: 'key/value, a 200 KB description', kind: 'keyValue', args: [[['NAME', 'db1'], ['DESCRIPTION', 'word '.repeat(40_000)]]] },
  { name: '10,000 rows × 6 columns of 40 characters', kind: 'table', args: [['A', 'B', 'C', 'D', 'E', 'F'], Array.from({ length: 10_000 }, () => cells(6, 40))] },
  { name: '2,000 rows × 6 columns, CJK and emoji', kind: 'table', args: [['A', 'B', 'C', 'D', 'E', 'F'], Array.from({ length: 2_000 }, (_, i) => ['表', '名前', '👍🏽', 'é', 'ｶﾀｶﾅ', String(i)].map((s) => s.repeat(8)))] },
];

function time(fn) {
  const started = process.hrtime.bigint();
  const out = fn();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, out };
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const oursMedian = (kind, args) => {
  ours[kind](...args); // warm up
  const samples = Array.from({ length: runs }, () => time(() => ours[kind](...args)));
  return { ms: median(samples.map((r) => r.ms)), out: samples[0].out };
};

console.log('| table | cli-table3 | ours (median) | ratio | same text |');
console.log('|---|---|---|---|---|');
for (const shape of shapes) {
  const fast = oursMedian(shape.kind, shape.args);
  const slow = time(() => old[shape.kind](...shape.args)); // once: it takes seconds
  // Only emoji sequences could differ: cli-table3 and we measure some of them differently.
  const same = slow.out === fast.out ? 'yes' : 'no';
  console.log(`| ${shape.name} | ${slow.ms.toFixed(0)} ms | ${fast.ms.toFixed(1)} ms | ${(slow.ms / fast.ms).toFixed(0)}× | ${same} |`);
}

// Linear: ten times the rows should take about ten times as long. Chunks are consumed as the writer
// does, without joining them into one string.
const perRow = (n) => {
  const rows = Array.from({ length: n }, () => cells(6, 40));
  const consume = () => {
    let length = 0;
    for (const chunk of tableChunks(['A', 'B', 'C', 'D', 'E', 'F'], rows, { color: false })) length += chunk.length;
    return length;
  };
  for (let i = 0; i < 3; i++) consume();
  return (median(Array.from({ length: runs }, () => time(consume).ms)) * 1000) / n;
};
const small = perRow(10_000);
const large = perRow(100_000);
console.log(`\nours per row (6 columns of 40 characters): ${small.toFixed(2)} µs at 10,000 rows, ${large.toFixed(2)} µs at 100,000 rows (${(large / small).toFixed(2)}×; linear is 1×)`);
