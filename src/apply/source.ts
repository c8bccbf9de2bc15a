// Reading the file: YAML into plain values, with `${VAR}` expanded in scalar values, and a locator that turns
// a path such as targets.prod.databases[0].name into `file:line:column` for error messages. A reference in a
// plain scalar is resolved after expansion (`maxTables: ${N}` is a number); in a quoted one it stays text.
// Two readers, one value. The block reader (yaml-block.ts) takes the block-style subset that export writes
// straight from the text, and gives up on anything else; then js-yaml's event parser, which keeps the source
// offset of every node, reads the file and says where any problem is. Both resolve scalars with scalarValue.
// The block reader is there for plan's budget: the 1.1 MB file export writes for 10,000 databases takes
// ~100 ms through the events in a cold process (100,000 event objects), ~30 ms through it.
// Only a problem's place needs the events then (where() parses them on first use), and only the events load
// js-yaml (yaml-lib.ts): the block reader resolves scalars by core-schema.ts's copy of its rules.
// js-yaml rather than the `yaml` package: it parses a 10,000-database file about twenty times faster.

import type { Event, ScalarEvent } from 'js-yaml';
import { usageError } from '../errors.js';
import { readStdin, STDIN_LIMITS } from '../io.js';
import { readTextFile } from '../read-file.js';
import { resolvePlain } from './core-schema.js';
import { expand, ExpandError, mentionsVariable } from './expand.js';
import { readBlockYaml } from './yaml-block.js';
import { yamlLib } from './yaml-lib.js';

export type Path = ReadonlyArray<string | number>;

export interface Loaded {
  /** How the file is named in messages (its path, or `<stdin>`). */
  name: string;
  text: string;
  value: unknown;
  /**
   * Every mapping in `value` is an object of its own (the block reader's, which has no aliases), so a
   * reader may fill one in place instead of copying it. Not so after the events: an alias is the same object.
   */
  distinct?: boolean;
  /** `name:line:column` of the node at `path` (of its key, inside a mapping), or of the file when not found. */
  where(path: Path): string;
}

/** A problem with a place in the file: printed as `file:line:col: path: message`. */
export class FileProblem extends Error {
  constructor(
    readonly where: string,
    readonly path: Path,
    readonly reason: string,
  ) {
    super(`${where}: ${path.length > 0 ? `${pathText(path)}: ` : ''}${reason}`);
  }
}

function pathText(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The file's text: a path, or standard input for `-`. */
export async function readSource(path: string): Promise<{ name: string; text: string }> {
  if (path === '-') {
    if (process.stdin.isTTY) throw usageError('-f - reads the file from standard input, but standard input is a terminal', 'pipe it in: influxadm plan -f - < influxadm.yaml');
    return { name: '<stdin>', text: await readStdin(STDIN_LIMITS.file) };
  }
  try {
    return { name: path, text: await readTextFile(path) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw usageError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code ?? (error as Error).message}`, code === 'ENOENT' ? 'write one (see docs/apply.md), or start from `influxadm export`' : undefined);
  }
}

const STR_TAGS = new Set(['!!str', '!<tag:yaml.org,2002:str>']);
// A collection may carry only its own standard tag: any other (`!vault {…}`) asks for a meaning we do not give.
const SEQ_TAGS = new Set(['!!seq', '!<tag:yaml.org,2002:seq>']);
const MAP_TAGS = new Set(['!!map', '!<tag:yaml.org,2002:map>']);

/**
 * A scalar's value from its text: `${VAR}` expanded, then, for a plain (untagged) scalar, resolved by the
 * core schema (null, bool, int, float) as js-yaml would (core-schema.ts); a quoted one stays text. Throws ExpandError.
 * Both readers use it: the event path and the block reader (yaml-block.ts).
 */
export function scalarValue(raw: string, plain: boolean, env: Readonly<Record<string, string | undefined>>): unknown {
  const value = mentionsVariable(raw) ? expand(raw, env) : raw;
  return plain ? resolvePlain(value) : value;
}

/** Parses and expands; throws FileProblem (syntax, unset variables, unsupported YAML) with its place. */
export function parseSource(name: string, text: string, env: Readonly<Record<string, string | undefined>>): Loaded {
  // The block-style subset that export writes is read straight from the text; anything else, and anything
  // wrong, goes through the events, which give the same value, or the error with its place.
  const value = readFast(text, env);
  return value === undefined ? parseEvented(name, text, env) : { ...loaded(name, text, value), distinct: true };
}

/** parseSource by js-yaml's events alone, without trying the block reader first. */
export function parseEvented(name: string, text: string, env: Readonly<Record<string, string | undefined>>): Loaded {
  let events: Event[];
  try {
    events = yamlLib().parseEvents(text, { maxDepth: 64 });
  } catch (error) {
    const e = error as { reason?: string; mark?: { line: number; column: number } };
    if (!e.mark) throw new FileProblem(name, [], e.reason ?? (error as Error).message);
    throw new FileProblem(`${name}:${e.mark.line + 1}:${e.mark.column + 1}`, [], `not valid YAML: ${e.reason}`);
  }
  return loaded(name, text, construct(text, events, env, placer(name, text)));
}

/** The block reader's value, or undefined when it is not sure of the text or a reference does not expand. */
export function readFast(text: string, env: Readonly<Record<string, string | undefined>>): unknown {
  try {
    return readBlockYaml(text, (raw, plain) => scalarValue(raw, plain, env));
  } catch (error) {
    if (error instanceof ExpandError) return undefined;
    throw error;
  }
}

function loaded(name: string, text: string, value: unknown): Loaded {
  // The events are dropped once the values are built (a 10,000-database file has 100,000 of them), or never
  // made (the block reader); only an error needs them, to say where it is.
  const at = placer(name, text);
  let events: Event[] | undefined;
  return { name, text, value, where: (path) => at(locate(text, (events ??= yamlLib().parseEvents(text, { maxDepth: 64 })), path) ?? 0) };
}

/** `name:line:column` of an offset (the line starts are found on the first call). */
function placer(name: string, text: string): (offset: number) => string {
  let lines: number[] | undefined;
  return (offset) => {
    lines ??= lineStarts(text);
    const line = upperBound(lines, offset);
    return `${name}:${line}:${offset - lines[line - 1]! + 1}`;
  };
}

function construct(text: string, events: Event[], env: Readonly<Record<string, string | undefined>>, at: (offset: number) => string): unknown {
  const { EVENT_ID, getScalarValue, SCALAR_STYLE } = yamlLib();
  const anchors = new Map<string, unknown>();
  // One path, pushed and popped as the walk goes; copied only into a problem.
  const path: Array<string | number> = [];
  let i = 0;
  const documents: unknown[] = [];
  const fail = (offset: number, reason: string, key?: string): never => {
    throw new FileProblem(at(offset), key === undefined ? [...path] : [...path, key], reason);
  };

  const scalar = (e: ScalarEvent): unknown => {
    const raw = getScalarValue(text, e);
    if (e.tagStart >= 0) {
      const tag = text.slice(e.tagStart, e.tagEnd);
      if (!STR_TAGS.has(tag)) fail(e.tagStart, `the YAML tag ${tag} is not supported here; write the value plainly`);
    }
    try {
      return scalarValue(raw, e.style === SCALAR_STYLE.PLAIN && e.tagStart < 0, env);
    } catch (error) {
      if (!(error instanceof ExpandError)) throw error;
      const reference = raw.slice(error.index, raw.indexOf('}', error.index) + 1 || undefined);
      const offset = text.indexOf(reference, e.valueStart);
      return fail(offset >= 0 && offset < e.valueEnd ? offset : e.valueStart, error.message);
    }
  };

  const collectionTag = (e: { tagStart: number; tagEnd: number }, allowed: ReadonlySet<string>) => {
    if (e.tagStart < 0) return;
    const tag = text.slice(e.tagStart, e.tagEnd);
    if (!allowed.has(tag)) fail(e.tagStart, `the YAML tag ${tag} is not supported here; write the value plainly`);
  };

  const node = (): unknown => {
    const e = events[i++]!;
    let result: unknown;
    switch (e.type) {
      case EVENT_ID.SCALAR:
        result = scalar(e);
        break;
      case EVENT_ID.ALIAS: {
        const anchor = text.slice(e.anchorStart, e.anchorEnd);
        if (!anchors.has(anchor)) fail(e.anchorStart, `the alias *${anchor} has no anchor before it`);
        return anchors.get(anchor);
      }
      case EVENT_ID.SEQUENCE: {
        collectionTag(e, SEQ_TAGS);
        const list: unknown[] = [];
        while (events[i]!.type !== EVENT_ID.POP) {
          path.push(list.length);
          list.push(node());
          path.pop();
        }
        i++;
        result = list;
        break;
      }
      case EVENT_ID.MAPPING: {
        collectionTag(e, MAP_TAGS);
        const map: Record<string, unknown> = {};
        while (events[i]!.type !== EVENT_ID.POP) {
          const keyEvent = events[i]!;
          const key = node();
          const offset = keyEvent.type === EVENT_ID.SCALAR ? keyEvent.valueStart : 'start' in keyEvent ? keyEvent.start : 0;
          if (typeof key !== 'string') fail(offset, `a key must be text, not ${key === null ? 'null' : typeof key}`);
          const name = key as string;
          if (name === '<<') fail(offset, 'merge keys (<<) are not supported; write the fields out, or use an anchor for the whole value');
          if (name === '__proto__') fail(offset, 'the key __proto__ is not allowed');
          if (Object.hasOwn(map, name)) fail(offset, 'this key appears twice', name);
          path.push(name);
          map[name] = node();
          path.pop();
        }
        i++;
        result = map;
        break;
      }
      default:
        fail(0, 'unexpected YAML structure');
    }
    if ('anchorStart' in e && e.anchorStart >= 0) anchors.set(text.slice(e.anchorStart, e.anchorEnd), result);
    return result;
  };

  while (i < events.length) {
    const e = events[i++]!;
    if (e.type !== EVENT_ID.DOCUMENT) continue;
    if (events[i]?.type === EVENT_ID.POP) {
      i++;
      continue;
    }
    documents.push(node());
    i++; // the document's POP
  }
  if (documents.length === 0) throw new FileProblem(at(0), [], 'the file is empty');
  if (documents.length > 1) throw new FileProblem(at(0), [], `the file holds ${documents.length} YAML documents; write one`);
  return documents[0];
}

/** The source offset of the node at `path` (of its key, inside a mapping); undefined when there is none. */
export function locate(text: string, events: readonly Event[], path: Path): number | undefined {
  const { EVENT_ID, getScalarValue } = yamlLib();
  let i = 0;
  const skip = () => {
    let depth = 0;
    do {
      const e = events[i++]!;
      if (e.type === EVENT_ID.SEQUENCE || e.type === EVENT_ID.MAPPING) depth++;
      else if (e.type === EVENT_ID.POP) depth--;
    } while (depth > 0);
  };
  const start = (e: Event) => (e.type === EVENT_ID.SCALAR ? e.valueStart : 'start' in e ? e.start : e.type === EVENT_ID.ALIAS ? e.anchorStart : 0);
  while (i < events.length && events[i]!.type !== EVENT_ID.SEQUENCE && events[i]!.type !== EVENT_ID.MAPPING && events[i]!.type !== EVENT_ID.SCALAR) i++;
  let best = i < events.length ? start(events[i]!) : undefined;
  for (const step of path) {
    const container = events[i];
    if (!container) return best;
    i++;
    if (container.type === EVENT_ID.SEQUENCE && typeof step === 'number') {
      for (let n = 0; n < step && events[i]!.type !== EVENT_ID.POP; n++) skip();
      if (events[i]!.type === EVENT_ID.POP) return best;
      best = start(events[i]!);
    } else if (container.type === EVENT_ID.MAPPING && typeof step === 'string') {
      let found = false;
      while (events[i]!.type !== EVENT_ID.POP) {
        const key = events[i]!;
        const matches = key.type === EVENT_ID.SCALAR && getScalarValue(text, key) === step;
        skip();
        if (matches) {
          best = start(key);
          found = true;
          break;
        }
        skip();
      }
      if (!found) return best;
    } else {
      return best;
    }
  }
  return best;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The 1-based line of an offset. */
function upperBound(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
