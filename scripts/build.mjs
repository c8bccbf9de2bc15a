// Builds dist/ from src/:
//  - dist/cli/*.pack.js: src/cli.ts bundled with code splitting, so a command loads only the code it
//    uses (each top-level command, product backend, HTTP client, renderer is reached through an
//    `import()`). esbuild splits only ESM, and an ESM entry costs every command the ESM loader's
//    start-up, so each chunk is rewritten to CommonJS (a dynamic `import()` becomes a `require`), and the
//    chunks are grouped into packs (below); bin/load.cjs loads them.
//  - dist/cli/*.pack.js.cache: V8's code cache for each pack, made by a fresh process that loads every
//    pack and builds the whole command tree; bin/load.cjs hands each to V8, which then skips compiling
//    what it holds. A cache V8 refuses (another Node made it) is ignored: the pack compiles as usual.
//  - dist/fast.cjs, the launcher's fast path for --version, --help and `completion <shell>`
//    (src/fast-path.ts), with the version and the help index inlined; dist/help/N.txt, every command's
//    --help text, captured from the built commander tree; dist/completion/<shell>.txt, what
//    `completion <shell>` prints.
// dist/package.json marks the .js chunks as CommonJS for any tool that opens them.
import { build, transform } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const dist = (path) => fileURLToPath(new URL(`../dist/${path}`, import.meta.url));
rmSync(dist(''), { recursive: true, force: true });

// @napi-rs/keyring loads a native binary from its platform package, so it stays in node_modules.
// INFLUXADM_BUILD_READABLE=1 keeps names, for reading a --cpu-prof profile.
const readable = Boolean(process.env.INFLUXADM_BUILD_READABLE);
const common = { bundle: true, platform: 'node', target: 'node20', minify: !readable, legalComments: 'none', logLevel: 'warning', external: ['@napi-rs/keyring'] };

/**
 * commander requires node:child_process at load for the one feature we do not use (stand-alone
 * executable subcommands), and that module drags in net, dgram and streams: a few milliseconds of
 * every command. This makes the require happen on first use instead.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!source.includes(eager)) throw new Error(`${args.path}: the require of node:child_process moved; update scripts/build.mjs`);
      const lazy = "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };";
      return { contents: source.replace(eager, lazy), loader: 'js' };
    });
  },
};

/**
 * js-yaml is a pack of its own (the entry point `js-yaml`, src/apply/js-yaml.ts), loaded by the first call
 * of yamlLib() (src/apply/yaml-lib.ts): only for its events and dump, which are called synchronously, so
 * the accessor is replaced with a `require` of that chunk, which bin/load.cjs answers from the pack. Every
 * plan loads the engine's pack; the block reader's path then needs nothing of js-yaml's 60 KB.
 */
const lazyYaml = {
  name: 'lazy-yaml',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]apply[\\/]yaml-lib\.ts$/ }, () => ({ contents: "export function yamlLib() { return require('./js-yaml.js'); }", loader: 'js' }));
    b.onResolve({ filter: /^\.\/js-yaml\.js$/ }, (args) => (args.kind === 'require-call' ? { path: './js-yaml.js', external: true } : undefined));
  },
};

const split = await build({
  ...common,
  entryPoints: { cli: 'src/cli.ts', 'js-yaml': 'src/apply/js-yaml.ts' },
  outdir: dist('cli'),
  format: 'esm',
  splitting: true,
  chunkNames: '[name]-[hash]',
  write: false,
  metafile: true,
  define: { __INFLUXADM_VERSION__: JSON.stringify(pkg.version) },
  plugins: [lazyChildProcess, lazyYaml],
});
mkdirSync(dist('cli'), { recursive: true });
writeFileSync(dist('package.json'), '{ "type": "commonjs" }\n');
const code = new Map();
for (const file of split.outputFiles) {
  const esm = file.text;
  const cjs = await transform(esm, {
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minifyWhitespace: !readable,
    minifySyntax: !readable,
    supported: { 'dynamic-import': false },
    // Computed when read, not when the chunk runs: pathToFileURL costs ~0.7 ms the first time.
    define: { 'import.meta.url': '__import_meta.url' },
    banner: esm.includes('import.meta.url') ? "const __import_meta={get url(){return require('node:url').pathToFileURL(__filename).href}};" : '',
    logLevel: 'warning',
  });
  code.set(basename(file.path), cjs.code);
}

// Packs: a file per load, not per chunk. Opening and compiling each of the ~20-40 chunks a command needs
// costs more than the chunks' own code, so the chunks are grouped by when they load: the entry with
// everything it imports statically (the core, every command loads it), and for every chunk reached by
// an `import()`, that chunk with whatever it imports statically beyond the core. A chunk may sit in
// several packs; bin/load.cjs runs each chunk once, from the first pack that brings it.
const graph = new Map(Object.entries(split.metafile.outputs).map(([out, o]) => [basename(out), o.imports.filter((i) => !i.external)]));
const closure = (root, skip = new Set()) => {
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name) || skip.has(name)) return;
    seen.add(name);
    for (const i of graph.get(name) ?? []) if (i.kind === 'import-statement') visit(basename(i.path));
  };
  visit(root);
  return seen;
};
const core = closure('cli.js');
const dynamic = new Set([...graph.values()].flat().filter((i) => i.kind === 'dynamic-import').map((i) => basename(i.path)));
const required = ['js-yaml.js'];
const packs = new Map([['cli', core], ...[...dynamic, ...required].filter((d) => !core.has(d)).map((d) => [d.replace(/\.js$/, ''), closure(d, core)])]);
// A pack that already holds all of another pack but its entry also gets that entry, when the entry is
// small beside what they share: a product's client pack holds the HTTP layer, and the context's own
// import() of it then loaded the HTTP pack, 25 KB and its cache, for a 1.6 KB entry.
const sizeOf = (chunks) => [...chunks].reduce((sum, c) => sum + code.get(c).length, 0);
for (const [name, chunks] of packs) {
  if (name === 'cli') continue;
  for (const [other, its] of packs) {
    const entry = `${other}.js`;
    const rest = [...its].filter((c) => c !== entry);
    if (other === 'cli' || other === name || chunks.has(entry) || rest.length === 0) continue;
    if (rest.every((c) => chunks.has(c)) && code.get(entry).length * 4 <= sizeOf(rest)) chunks.add(entry);
  }
}
for (const [pack, chunks] of packs) {
  const body = [...chunks].map((c) => `define(${JSON.stringify(c)},function(exports,require,module,__filename,__dirname){${code.get(c)}\n});`).join('\n');
  writeFileSync(dist(`cli/${pack}.pack.js`), `(function(define){${body}\n})`);
}

const { load } = createRequire(import.meta.url)('../bin/load.cjs');
const { buildProgram } = load();
const texts = [];
const paths = {};
const collect = (cmd, prefixes) => {
  let text = '';
  for (const c of [cmd, ...descendants(cmd)]) c.configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) });
  cmd.outputHelp();
  texts.push(text);
  for (const prefix of prefixes) paths[prefix.join(' ')] = texts.length - 1;
  for (const sub of cmd.commands) {
    const names = [sub.name(), ...sub.aliases()];
    collect(sub, prefixes.flatMap((p) => names.map((n) => [...p, n])));
  }
};
const descendants = (cmd) => cmd.commands.flatMap((c) => [c, ...descendants(c)]);
collect(await buildProgram(), [[]]);
mkdirSync(dist('help'), { recursive: true });
texts.forEach((text, i) => writeFileSync(dist(`help/${i}.txt`), text));
mkdirSync(dist('completion'), { recursive: true });
for (const shell of ['bash', 'zsh', 'fish']) {
  const env = { ...process.env, INFLUXADM_NO_FAST_PATH: '1' };
  const script = spawnSync(process.execPath, [fileURLToPath(new URL('../bin/influxadm.js', import.meta.url)), 'completion', shell], { encoding: 'utf8', env });
  if (script.status !== 0) throw new Error(`completion ${shell} failed: ${script.stderr}`);
  writeFileSync(dist(`completion/${shell}.txt`), script.stdout);
}
await build({
  ...common,
  entryPoints: ['src/fast-path.ts'],
  outfile: dist('fast.cjs'),
  format: 'cjs',
  define: { __VERSION__: JSON.stringify(pkg.version), __HELP_PATHS__: JSON.stringify(paths) },
});

// The code caches, from a process that starts as the launcher does (same V8 flags) and loads the
// chunks the same way.
const made = spawnSync(process.execPath, [fileURLToPath(new URL('../bin/load.cjs', import.meta.url)), '--make-cache'], { encoding: 'utf8' });
if (made.status !== 0) throw new Error(`making the code cache failed: ${made.stderr}`);
// INFLUXADM_BUILD_REPORT=1: every pack, its size and the source modules in it.
if (process.env.INFLUXADM_BUILD_REPORT) {
  const inputs = Object.fromEntries(Object.entries(split.metafile.outputs).map(([out, o]) => [basename(out), Object.keys(o.inputs)]));
  const sized = [...packs].map(([pack, chunks]) => [pack, readFileSync(dist(`cli/${pack}.pack.js`)).length, [...chunks].flatMap((c) => inputs[c] ?? [])]);
  for (const [pack, size, sources] of sized.sort((a, b) => b[1] - a[1])) {
    console.log(`${String(size).padStart(8)}  ${pack}  ${sources.map((i) => i.replace(/^(src|node_modules)\//, '')).join(' ')}`);
  }
}
