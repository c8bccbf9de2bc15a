// Builds dist/ from src/:
//  - dist/cli/*.js: src/cli.ts bundled with code splitting, so a command loads only the chunks it uses
//    (each top-level command and each product backend is reached through an `import()`, and becomes
//    its own chunk). esbuild splits only ESM, and an ESM entry costs every command the ESM loader's
//    start-up, so each chunk is then rewritten to CommonJS (dynamic `import()` becomes a `require`);
//    bin/load.cjs loads them.
//  - dist/cli/*.js.cache: V8's code cache for each chunk, made by a fresh process that loads every chunk
//    and builds the whole command tree; bin/load.cjs hands each to V8, which then skips compiling what
//    it holds. A cache V8 refuses (another Node made it) is ignored: the chunk compiles as usual.
//  - dist/fast.cjs, the launcher's fast path for --version, --help and `completion <shell>`
//    (src/fast-path.ts), with the version and the help index inlined; dist/help/N.txt, every command's
//    --help text, captured from the built commander tree; dist/completion/<shell>.txt, what
//    `completion <shell>` prints.
// dist/package.json marks the .js chunks as CommonJS for any tool that opens them.
import { build, transform } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

const split = await build({
  ...common,
  entryPoints: { cli: 'src/cli.ts' },
  outdir: dist('cli'),
  format: 'esm',
  splitting: true,
  chunkNames: '[name]-[hash]',
  write: false,
  metafile: true,
  define: { __INFLUXADM_VERSION__: JSON.stringify(pkg.version) },
  plugins: [lazyChildProcess],
});
mkdirSync(dist('cli'), { recursive: true });
writeFileSync(dist('package.json'), '{ "type": "commonjs" }\n');
for (const file of split.outputFiles) {
  const esm = file.text;
  const cjs = await transform(esm, {
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minifyWhitespace: !readable,
    minifySyntax: !readable,
    supported: { 'dynamic-import': false },
    define: { 'import.meta.url': '__import_meta_url' },
    banner: esm.includes('import.meta.url') ? "const __import_meta_url=require('node:url').pathToFileURL(__filename).href;" : '',
    logLevel: 'warning',
  });
  writeFileSync(file.path, cjs.code);
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
const chunks = readdirSync(dist('cli')).filter((f) => f.endsWith('.js'));
const sizes = chunks.map((f) => readFileSync(dist(`cli/${f}`)).length);
// INFLUXADM_BUILD_REPORT=1: every chunk, its size and the source modules it holds.
if (process.env.INFLUXADM_BUILD_REPORT) {
  const inputs = Object.fromEntries(Object.entries(split.metafile.outputs).map(([out, o]) => [out.split('/').pop(), Object.keys(o.inputs)]));
  for (const [f, size] of chunks.map((f, i) => [f, sizes[i]]).sort((a, b) => b[1] - a[1])) {
    console.log(`${String(size).padStart(8)}  ${f}  ${(inputs[f] ?? []).map((i) => i.replace(/^(src|node_modules)\//, '')).join(' ')}`);
  }
}
