// Bundles src/cli.ts into dist/. Code splitting keeps every dynamic import() (HTTP client, zod
// schemas, tables, the sandbox) in its own chunk, so start-up only parses what it runs.
// Then builds dist/fast.cjs, the launcher's fast path (src/fast-path.ts), with the version and the
// help index inlined, and writes dist/help/N.txt: every command's --help text, captured from the built
// commander tree.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

// @napi-rs/keyring loads a native binary from its platform package, so it stays in node_modules.
const common = { bundle: true, platform: 'node', target: 'node20', minify: true, legalComments: 'none', logLevel: 'warning', external: ['@napi-rs/keyring'] };

await build({
  ...common,
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  splitting: true,
  format: 'esm',
  chunkNames: 'chunks/[name]-[hash]',
  define: { __INFLUXADM_VERSION__: JSON.stringify(pkg.version) },
  // commander is CommonJS and calls require() for node builtins; give the ESM bundle a require.
  banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
});

const { buildProgram } = await import(new URL(`../dist/cli.js?t=${Date.now()}`, import.meta.url).href);
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
collect(buildProgram(), [[]]);
mkdirSync(new URL('../dist/help', import.meta.url), { recursive: true });
texts.forEach((text, i) => writeFileSync(new URL(`../dist/help/${i}.txt`, import.meta.url), text));
await build({
  ...common,
  entryPoints: ['src/fast-path.ts'],
  outfile: 'dist/fast.cjs',
  format: 'cjs',
  define: { __VERSION__: JSON.stringify(pkg.version), __HELP_PATHS__: JSON.stringify(paths) },
});
