// js-yaml, loaded when first asked for: its events (a file the block reader does not take, or a problem's
// place) and its dump (export). A plan of a file the block reader reads never loads it. Here, and in the
// tests, this is a plain import; the build (scripts/build.mjs) replaces this module with one that requires
// the js-yaml pack on the first call, synchronously, as the callers expect.
import * as lib from './js-yaml.js';

export type YamlLib = typeof lib;

export function yamlLib(): YamlLib {
  return lib;
}
