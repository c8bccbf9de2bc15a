'use strict';
// Loads the CLI from its packs (dist/cli/*.pack.js, see scripts/build.mjs): each pack defines CommonJS
// chunks, and a chunk runs when first required. A chunk's `require('./x.js')` of another chunk comes back
// here (and loads x's pack if no loaded pack brought x); anything else (node: modules, @napi-rs/keyring)
// goes to Node's own require. Each pack is compiled with V8's code cache, dist/cli/<pack>.pack.js.cache,
// when there is one: V8 then skips compiling what it holds (Node 20 has no compile cache of its own for
// CommonJS). A cache V8 refuses (another Node made it) is ignored: the pack compiles as usual.
// `node bin/load.cjs --make-cache` (run by scripts/build.mjs) writes the caches.
const { readdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { Script } = require('node:vm');

const dir = join(__dirname, '..', 'dist', 'cli');
const factories = new Map();
const modules = new Map();
const packs = new Map();
let useCache = true;

function define(name, factory) {
  if (!factories.has(name)) factories.set(name, factory);
}

function loadPack(pack) {
  if (packs.has(pack)) return;
  const file = join(dir, `${pack}.pack.js`);
  let cachedData;
  if (useCache) {
    try {
      cachedData = readFileSync(`${file}.cache`);
    } catch {
      // No cache: compile as usual.
    }
  }
  const script = new Script(readFileSync(file, 'utf8'), { filename: file, cachedData });
  packs.set(pack, script);
  script.runInThisContext()(define);
}

function chunk(name) {
  const done = modules.get(name);
  if (done) return done.exports;
  if (!factories.has(name)) loadPack(name.replace(/\.js$/, ''));
  const factory = factories.get(name);
  if (!factory) throw new Error(`influxadm: no chunk ${name} in dist/cli; rebuild with npm run build`);
  const module = { exports: {}, id: name, loaded: false };
  modules.set(name, module);
  factory.call(module.exports, module.exports, chunkRequire, module, join(dir, name), dir);
  module.loaded = true;
  return module.exports;
}

function chunkRequire(id) {
  // Node's own require, from bin/: it finds the same node_modules as dist/cli would (createRequire, to
  // resolve from dist/cli, would load node:module, ~0.4 ms).
  return id.startsWith('./') ? chunk(id.slice(2)) : require(id);
}
chunkRequire.resolve = require.resolve;

exports.load = () => {
  loadPack('cli');
  return chunk('cli.js');
};

if (require.main === module && process.argv[2] === '--make-cache') {
  // Every function compiled up front (V8 compiles lazily: a cache made after loading alone would hold
  // little more than the top levels), then the default restored before the caches are written, as V8
  // only takes a cache made under the flags it runs with.
  const v8 = require('node:v8');
  v8.setFlagsFromString('--no-lazy');
  useCache = false;
  exports.load();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.pack.js'))) loadPack(file.slice(0, -'.pack.js'.length));
  v8.setFlagsFromString('--lazy');
  for (const [pack, script] of packs) writeFileSync(join(dir, `${pack}.pack.js.cache`), script.createCachedData());
}
