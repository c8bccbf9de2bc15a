'use strict';
// Loads the CLI's chunks (dist/cli/*.js, CommonJS, see scripts/build.mjs) with V8's code cache: each
// chunk's dist/cli/<chunk>.js.cache, when there is one, lets V8 skip compiling what it holds. Node 20
// has no compile cache of its own for CommonJS. A chunk's `require('./x.js')` of another chunk comes
// back here; anything else (node: modules, @napi-rs/keyring) goes to Node's own require. A cache V8
// refuses (another Node made it) is ignored: the chunk compiles as usual.
// `node bin/load.cjs --make-cache` (run by scripts/build.mjs) writes the caches.
const { readdirSync, readFileSync, writeFileSync } = require('node:fs');
const { createRequire, wrap } = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');

const dir = join(__dirname, '..', 'dist', 'cli');
const loaded = new Map();
const nodeRequire = createRequire(join(dir, 'cli.js'));

function chunkRequire(id) {
  return id.startsWith('./') ? loadChunk(id.slice(2)) : nodeRequire(id);
}
chunkRequire.resolve = nodeRequire.resolve;

function loadChunk(name, useCache = true) {
  const done = loaded.get(name);
  if (done) return done.module.exports;
  const file = join(dir, name);
  let cachedData;
  if (useCache) {
    try {
      cachedData = readFileSync(`${file}.cache`);
    } catch {
      // No cache: compile as usual.
    }
  }
  const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const module = { exports: {}, filename: file, id: file, loaded: false };
  loaded.set(name, { module, script });
  script.runInThisContext()(module.exports, chunkRequire, module, file, dir);
  module.loaded = true;
  return module.exports;
}

exports.load = () => loadChunk('cli.js');

if (require.main === module && process.argv[2] === '--make-cache') {
  const cli = loadChunk('cli.js', false);
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.js'))) loadChunk(name, false);
  // What every command runs (building the command tree); the functions it compiles go into the caches.
  cli.buildProgram().then(() => {
    for (const [name, { script }] of loaded) writeFileSync(join(dir, `${name}.cache`), script.createCachedData());
  });
}
