// The file's shape. Top level: `version: 1` (optional) and `targets`, a mapping from a target's name to
// where it is (the words of a profile: profile, product, host, account, cluster, org, …) and one section
// per kind its product manages (`databases: […]`). Which kinds and fields a product has comes from the
// catalog; everything is checked here, before anything is sent, and every problem names its place.

import * as z from 'zod/mini';
import { describeProducts, type Product } from '../products/registry.js';
import type { ResourceField, ResourceItem, ResourceKind } from '../products/types.js';
import { allKinds, type Catalog, productsWithField, productsWithKind } from './catalog.js';
import { issueText } from './issues.js';
import { FileProblem, type Loaded, type Path } from './source.js';

/** Where a target is: the same words as a profile's, plus where its token comes from. */
export const LOCATION = {
  profile: { schema: z.string().check(z.minLength(1)), description: 'a profile (influxadm profile list); the fields below override it' },
  product: { schema: z.string(), description: 'the product (dedicated, clustered, core, enterprise, v2, …)' },
  host: { schema: z.string(), description: 'the server root URL' },
  account: { schema: z.string(), description: 'Cloud Dedicated account ID' },
  cluster: { schema: z.string(), description: 'Cloud Dedicated cluster ID' },
  region: { schema: z.string(), description: 'Selectel Managed Databases region (ru-1, …): picks the server' },
  org: { schema: z.string(), description: 'InfluxDB OSS v2: the organization name' },
  tlsCa: { schema: z.string(), description: 'PEM file of CA certificates to trust' },
  tlsNoVerify: { schema: z.boolean(), description: 'do not verify the server certificate (insecure)' },
  tokenEnv: { schema: z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_]*$/)), description: 'the environment variable holding this target\'s token (instead of the usual precedence)' },
  tokenFile: { schema: z.string(), description: 'a file holding this target\'s token (instead of the usual precedence)' },
} as const;

export type Location = { -readonly [K in keyof typeof LOCATION]?: z.infer<(typeof LOCATION)[K]['schema']> };

export interface FileTarget {
  name: string;
  path: Path;
  location: Location;
  /** Each kind section as written, in file order. */
  sections: Array<{ kind: string; path: Path; value: unknown }>;
}

export interface Wanted {
  item: ResourceItem;
  path: Path;
  /** The identity as one comparable string. */
  key: string;
  /** The identity for people: `sensors`, `sensors/cpu`. */
  label: string;
}

/** A Wanted whose path is made when asked for: only problems need it, and a big file has 10,000 items. */
class WantedItem implements Wanted {
  constructor(
    readonly item: ResourceItem,
    readonly key: string,
    readonly label: string,
    private readonly section: Path,
    private readonly index: number,
  ) {}

  get path(): Path {
    return this.section.concat(this.index);
  }
}

/** A problem, or one whose message needs every product's declaration (loaded only when there is such a problem). */
export type Problem = FileProblem | ((catalog: Catalog) => FileProblem);

export function identityKey(kind: ResourceKind, item: ResourceItem): string {
  if (kind.identity.length === 1) {
    // One field (most kinds), text (most identities): the key is the value, no array made 10,000 times over.
    const value = item[kind.identity[0]!] ?? null;
    if (typeof value === 'string') return value;
  }
  return keyOf(kind.identity.map((f) => item[f] ?? null));
}

/** Identity values as one comparable string (a dependency's too). */
export function keyOf(values: readonly unknown[]): string {
  return values.length === 1 && typeof values[0] === 'string' ? values[0] : JSON.stringify(values);
}

export function identityLabel(kind: ResourceKind, item: ResourceItem): string {
  if (kind.identity.length === 1) return String(item[kind.identity[0]!] ?? '');
  return kind.identity.map((f) => String(item[f] ?? '')).join('/');
}

const isMapping = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The top level and every target's location; any other key of a target is a kind, checked by readSections. */
export function readTargets(loaded: Loaded, problems: Problem[]): FileTarget[] {
  const problem = (path: Path, reason: string) => problems.push(new FileProblem(loaded.where(path), path, reason));
  const root = loaded.value;
  if (!isMapping(root)) {
    problem([], 'the file must be a mapping with `targets:` (see docs/apply.md)');
    return [];
  }
  for (const key of Object.keys(root)) {
    if (key === 'version') {
      if (root.version !== 1) problem(['version'], 'the only version is 1');
    } else if (key !== 'targets') {
      problems.push((catalog) => new FileProblem(loaded.where([key]), [key], `unknown field; the top level has version and targets${allKinds(catalog).includes(key) ? ` (${key} belong under a target: targets.NAME.${key})` : ''}`));
    }
  }
  if (!isMapping(root.targets)) {
    problem(root.targets === undefined ? [] : ['targets'], 'targets must be a mapping from a name to a target, e.g. targets: {prod: {profile: prod, databases: […]}}');
    return [];
  }
  const targets: FileTarget[] = [];
  for (const [name, body] of Object.entries(root.targets)) {
    const path: Path = ['targets', name];
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name)) problem(path, 'a target name is letters, digits, _, . and -, starting with a letter or digit');
    if (!isMapping(body)) {
      problem(path, 'a target must be a mapping (profile or product and host, then its kinds)');
      continue;
    }
    const location: Location = {};
    const sections: FileTarget['sections'] = [];
    for (const [key, value] of Object.entries(body)) {
      const at: Path = [...path, key];
      if (Object.hasOwn(LOCATION, key)) {
        const result = LOCATION[key as keyof typeof LOCATION].schema.safeParse(value);
        if (!result.success) problem(at, issueText(result.error.issues[0] as never, value));
        else (location as Record<string, unknown>)[key] = result.data;
      } else {
        sections.push({ kind: key, path: at, value });
      }
    }
    targets.push({ name, path, location, sections });
  }
  if (targets.length === 0 && problems.length === 0) problem(['targets'], 'no targets: name at least one');
  return targets;
}

/**
 * Every section of a target against its product's declaration: kinds and fields it lacks, values its
 * rules refuse, identities given twice. Returns the wanted items per kind, in the product's kind order.
 */
export function readSections(loaded: Loaded, target: FileTarget, product: Product, kinds: readonly ResourceKind[], problems: Problem[]): Map<ResourceKind, Wanted[]> {
  const problem = (path: Path, reason: string) => problems.push(new FileProblem(loaded.where(path), path, reason));
  const wanted = new Map<ResourceKind, Wanted[]>();
  const title = describeProducts([product]);
  for (const section of target.sections) {
    const kind = kinds.find((k) => k.kind === section.kind);
    if (!kind) {
      problems.push((catalog) => {
        const having = productsWithKind(catalog, section.kind);
        return new FileProblem(loaded.where(section.path), section.path, having.length === 0
          ? `unknown field; a target has ${Object.keys(LOCATION).join(', ')} and the kinds ${allKinds(catalog).join(', ')}`
          : `${title} has no ${section.kind}; ${describeProducts(having)} ${having.length === 1 ? 'has' : 'have'} them`);
      });
      continue;
    }
    // `databases:` with nothing after it (every entry commented out, or a `${VAR}` that is empty) reads as
    // null. Taking it as the empty list would make --prune delete every database, so it is refused: `[]`
    // says "none" on purpose, and a kind the target leaves out is not managed at all.
    if (section.value === null || section.value === undefined) {
      // What cannot be listed is never pruned (Dedicated's and Clustered's tables): `[]` deletes nothing there.
      const prune = kind.remove ? ` (with --prune, that deletes every ${kind.noun})` : '';
      problem(section.path, `no value (not even an empty list): write \`${section.kind}: []\` for none${prune}, or remove the key to leave ${section.kind} alone`);
      continue;
    }
    if (!Array.isArray(section.value)) {
      problem(section.path, `${section.kind} must be a list`);
      continue;
    }
    const items: Wanted[] = [];
    const seen = new Map<string, number>();
    const reading: Reading = {
      loaded, kind, product, problems, problem,
      // A sole identity field is left out: its values are all different, so remembering them only costs.
      memo: new Map(Object.keys(kind.fields).map((f) => [f, kind.identity.length === 1 && kind.identity[0] === f ? undefined : new Map<unknown, unknown>()])),
      required: Object.keys(kind.fields).filter((f) => kind.fields[f]!.required),
      rules: new Map(Object.entries(kind.fields)),
    };
    // A plain loop, no spread, no closure per item: it runs 10,000 times for a big file, mostly before
    // V8 has optimized it, where every allocation and iterator counts. An item's path is made only when a
    // problem needs it.
    const list = section.value as unknown[];
    for (let index = 0; index < list.length; index++) {
      const item = readItem(reading, list[index], section.path, index);
      if (!item) continue;
      const key = identityKey(kind, item);
      const first = seen.get(key);
      if (first !== undefined) {
        problem(section.path.concat(index), `${kind.noun} "${identityLabel(kind, item)}" is listed twice (first at ${loaded.where(section.path.concat(first))})`);
        continue;
      }
      seen.set(key, index);
      items.push(new WantedItem(item, key, identityLabel(kind, item), section.path, index));
    }
    wanted.set(kind, items);
  }
  // The product's order of kinds is its dependency order: databases before tables before tokens.
  return new Map(kinds.filter((k) => wanted.has(k)).map((k) => [k, wanted.get(k)!]));
}

/** What reading one section's objects shares: its kind, where problems go, the values already checked. */
interface Reading {
  loaded: Loaded;
  kind: ResourceKind;
  product: Product;
  problems: Problem[];
  problem: (path: Path, reason: string) => void;
  /** Per field, its scalar values already checked (none for a sole identity field). */
  memo: Map<string, Map<unknown, unknown> | undefined>;
  required: readonly string[];
  /** The kind's fields by name. */
  rules: ReadonlyMap<string, ResourceField>;
}

/**
 * One object: each field through its schema and the product's canonical form. `memo` keeps the canonical
 * form of scalar values already seen in this section (a file of 10,000 databases repeats its retention
 * periods and limits), so each distinct value is checked once.
 */
function readItem(reading: Reading, raw: unknown, section: Path, index: number): ResourceItem | undefined {
  const { loaded, kind, product, problems, problem, memo, required, rules } = reading;
  const before = problems.length;
  if (!isMapping(raw)) {
    problem(section.concat(index), `a ${kind.noun} must be a mapping of its fields (${Object.keys(kind.fields).join(', ')})`);
    return undefined;
  }
  // The checked values replace the file's in its own object when that is not shared (see Loaded.distinct):
  // 10,000 objects fewer to make for a big file.
  const item: ResourceItem = loaded.distinct === true ? raw : {};
  for (const field in raw) {
    const value = raw[field];
    // A Map, not kind.fields[field]: a field named constructor or toString is unknown, not Object's.
    const rule = rules.get(field);
    if (!rule) {
      const at = section.concat(index, field);
      problems.push((catalog) => {
        const having = productsWithField(catalog, kind.kind, field);
        return new FileProblem(loaded.where(at), at, having.length > 0
          ? `${describeProducts([product])} has no ${field} for ${kind.kind}; ${describeProducts(having)} ${having.length === 1 ? 'has' : 'have'} it`
          : `unknown field; a ${kind.noun} on ${product} has ${Object.keys(kind.fields).join(', ')}`);
      });
      continue;
    }
    const scalar = typeof value !== 'object' || value === null;
    const seen = memo.get(field);
    const known = scalar && seen !== undefined ? seen.get(value) : undefined;
    if (known !== undefined) {
      item[field] = known;
      continue;
    }
    let data: unknown = value;
    if (!rule.plain?.(value)) {
      const parsed = rule.schema.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        problem([...section, index, field, ...(issue.path as Array<string | number>)], issueText(issue as never, value));
        continue;
      }
      data = parsed.data;
    }
    try {
      item[field] = rule.canonical ? rule.canonical(data) : data;
      if (scalar && seen !== undefined) seen.set(value, item[field]);
    } catch (error) {
      problem(section.concat(index, field), (error as Error).message);
    }
  }
  for (const field of required) {
    if (!Object.hasOwn(raw, field)) problem(section.concat(index), `a ${kind.noun} needs ${field}`);
  }
  if (problems.length > before) return undefined;
  try {
    kind.check?.(item);
  } catch (error) {
    problem(section.concat(index), (error as Error).message);
    return undefined;
  }
  return item;
}
