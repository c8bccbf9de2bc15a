// Everything before the first request: read and expand the file, check it against the products'
// declarations, resolve each target and find its token. Then plan: read each target's state (targets in
// parallel, and within the concurrency bound) and diff it kind by kind.

import type { Target } from '../config/resolve.js';
import { readConfig } from '../config/store.js';
import type { Context } from '../context.js';
import { CliError, ExitCode, usageError } from '../errors.js';
import { productInfo, type Product } from '../products/registry.js';
import type { Backend, ResourceKind } from '../products/types.js';
import { kindsOf, loadCatalog } from './catalog.js';
import { readKinds } from './read-kinds.js';
import { keyOf, readSections, readTargets, type FileTarget, type Problem, type Wanted } from './document.js';
import { mapLimited } from './graph.js';
import { problemsError } from './issues.js';
import { actionsOf, diffKind, itemToCreate, sendsCreate, type Action, type TargetPlan } from './plan.js';
import { FileProblem, parseSource, readSource, type Loaded } from './source.js';
import { locate, sameServer, targetError, tokenFinder, type Resolved } from './targets.js';

export interface PlanOptions {
  file: string;
  prune: boolean;
  concurrency: number;
}

export interface PreparedTarget {
  file: FileTarget;
  resolved: Resolved;
  backend: Backend;
  /** The product's kinds bound to this target's session, by name. */
  kinds: ReadonlyMap<string, ResourceKind>;
  /** The file's objects per kind, in the product's kind order. */
  wanted: Map<string, Wanted[]>;
}

export interface Prepared {
  loaded: Loaded;
  targets: PreparedTarget[];
}

export function parseConcurrency(text: string | undefined): number {
  if (text === undefined) return 8;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 64) throw usageError(`--concurrency ${text}: give a whole number from 1 to 64`);
  return Number(text);
}

export async function prepare(ctx: Context, options: PlanOptions): Promise<Prepared> {
  if (options.file === '-' && ctx.globals.tokenStdin) throw usageError('-f - and --token-stdin both read standard input; give the token another way (--token-file, INFLUXADM_TOKEN or tokenEnv in the file)');
  const [{ name, text }, config] = await Promise.all([readSource(options.file), readConfig()]);
  let loaded: Loaded;
  try {
    loaded = parseSource(name, text, ctx.env);
  } catch (error) {
    if (error instanceof FileProblem) throw problemsError([error]);
    throw error;
  }
  const problems: Problem[] = [];
  const fileTargets = readTargets(loaded, problems);
  // Each product's declaration is made once, however many targets it has.
  const declared = new Map<Product, Promise<readonly ResourceKind[]>>();
  const declaration = (product: Product) => {
    let kinds = declared.get(product);
    if (!kinds) declared.set(product, kinds = kindsOf(product, ctx.env));
    return kinds;
  };
  const located: Array<{ file: FileTarget; target: Target; wanted: Map<string, Wanted[]> }> = [];
  for (const file of fileTargets) {
    let target: Target;
    try {
      target = locate(file.location, ctx, config);
    } catch (error) {
      problems.push(new FileProblem(loaded.where(file.path), file.path, error instanceof CliError ? `${error.message}${error.hint ? ` (${error.hint})` : ''}` : (error as Error).message));
      continue;
    }
    const clash = located.find((l) => sameServer(l.target, target));
    if (clash) {
      problems.push(new FileProblem(loaded.where(file.path), file.path, `this is the same server as target ${clash.file.name} (${target.product} at ${target.host}); name each server once`));
      continue;
    }
    const byKind = readSections(loaded, file, target.product, await declaration(target.product), problems);
    located.push({ file, target, wanted: new Map([...byKind].map(([kind, items]) => [kind.kind, items])) });
  }
  if (problems.length > 0) {
    const catalog = problems.some((p) => typeof p === 'function') ? await loadCatalog(ctx.env) : undefined;
    throw problemsError(problems.map((p) => (typeof p === 'function' ? p(catalog!) : p)));
  }

  const findToken = tokenFinder(ctx);
  const targets: PreparedTarget[] = [];
  for (const { file, target, wanted } of located) {
    let resolved: Resolved;
    try {
      resolved = { target, token: await findToken(target, file.location) };
    } catch (error) {
      throw targetError(file.name, error);
    }
    ctx.debug(`target ${file.name}: ${target.product} at ${target.host}, token from ${resolved.token.source} (${resolved.token.detail})`);
    const backend = await ctx.backendFor(target, resolved.token);
    const kinds = new Map(((await backend.resources?.()) ?? []).map((k) => [k.kind, k]));
    targets.push({ file, resolved, backend, kinds, wanted });
  }
  return { loaded, targets };
}

/** Reads every target (in parallel) and diffs it. */
export async function plan(prepared: Prepared, options: PlanOptions, now = Date.now()): Promise<TargetPlan[]> {
  const plans = await Promise.all(prepared.targets.map(async (t) => {
    try {
      return await planTarget(t, options, now);
    } catch (error) {
      throw targetError(t.file.name, error);
    }
  }));
  const actions = plans.flatMap((p) => actionsOf(p));
  const incomplete = actions.map((a) => unsendable(prepared.loaded, a));
  const problems = incomplete.flat();
  // What the file leaves incomplete is not also asked of the catalogs.
  problems.push(...(await refusedByCatalogs(prepared.loaded, actions.filter((_a, i) => incomplete[i]!.length === 0), options.concurrency)));
  prepared.targets.forEach((t, i) => problems.push(...orphaned(prepared.loaded, t, plans[i]!)));
  if (problems.length > 0) throw problemsError(problems, 'reads');
  return plans;
}

/**
 * What the file lists but --prune would take away from under it: a table in a database the file leaves
 * out, a token naming one. The plan would call it unchanged while apply deletes it (with its database) or
 * leaves it naming nothing, so the file is refused instead. Only plans that delete are looked at.
 */
function orphaned(loaded: Loaded, t: PreparedTarget, plan: TargetPlan): FileProblem[] {
  const deleted = new Set(actionsOf(plan).filter((a) => a.action === 'delete').map((a) => `${a.kind.kind}\u0000${a.key}`));
  if (deleted.size === 0) return [];
  const problems: FileProblem[] = [];
  for (const [name, wanted] of t.wanted) {
    const kind = t.kinds.get(name)!;
    if (!kind.dependsOn && !kind.livesIn) continue;
    for (const w of wanted) {
      const inside = kind.livesIn?.(w.item) ?? [];
      for (const d of [...inside, ...(kind.dependsOn?.(w.item) ?? [])]) {
        if (!deleted.has(`${d.kind}\u0000${keyOf(d.identity)}`)) continue;
        const noun = t.kinds.get(d.kind)?.noun ?? d.kind;
        const how = inside.includes(d) ? 'is in' : 'names';
        problems.push(new FileProblem(loaded.where(w.path), w.path, `${kind.noun} "${w.label}" ${how} ${noun} "${d.identity.join('/')}", which --prune deletes (the file does not list it): list it in ${d.kind}, or leave this ${kind.noun} out`));
        break;
      }
    }
  }
  return problems;
}

/**
 * An object that is to be created must name what creating needs (an existing one may leave it out); and
 * what is sent, all of a new object and what an update changes, must meet the rules for sending.
 */
function unsendable(loaded: Loaded, action: Action): FileProblem[] {
  if (!action.wanted) return [];
  const creates = sendsCreate(action);
  if (!creates && action.action !== 'update') return [];
  const { path } = action.wanted;
  const item = creates ? itemToCreate(action) : action.wanted.item;
  const sent = new Set(creates ? Object.keys(item) : action.changes.map((c) => c.field));
  const problems: FileProblem[] = [];
  for (const [field, rule] of Object.entries(action.kind.fields)) {
    const required = typeof rule.requiredToCreate === 'function' ? rule.requiredToCreate(item) : rule.requiredToCreate;
    if (creates && required && item[field] === undefined) {
      problems.push(new FileProblem(loaded.where(path), path, `${action.kind.noun} "${action.label}" does not exist yet, and creating it needs ${field}`));
    } else if (rule.checkToSend && sent.has(field) && item[field] !== undefined) {
      try {
        rule.checkToSend(item[field]);
      } catch (error) {
        const at = path.concat(field);
        problems.push(new FileProblem(loaded.where(at), at, `${action.kind.noun} "${action.label}" is to be ${creates ? 'created' : 'updated'}: ${(error as Error).message}`));
      }
    }
  }
  return problems;
}

/**
 * What the server would refuse to create from its catalogs (a datastore type, flavor or configuration key
 * it does not have), asked of the product (checkCreate) for each object to be created, after the reads: so
 * that plan shows it and apply stops before sending anything, not halfway through.
 */
async function refusedByCatalogs(loaded: Loaded, actions: readonly Action[], concurrency: number): Promise<FileProblem[]> {
  const creating = actions.filter((a) => a.wanted && a.kind.checkCreate && sendsCreate(a));
  const found = await mapLimited(creating, concurrency, async (action) => {
    try {
      await action.kind.checkCreate!(itemToCreate(action));
      return undefined;
    } catch (error) {
      // A catalog that could not be read is a failed read, not a problem of the file.
      if (!(error instanceof CliError) || error.exitCode !== ExitCode.usage) throw error;
      const { path } = action.wanted!;
      return new FileProblem(loaded.where(path), path, `${action.kind.noun} "${action.label}" is to be created: ${error.message}${error.hint ? ` (${error.hint})` : ''}`);
    }
  });
  return found.filter((p): p is FileProblem => p !== undefined);
}

async function planTarget(t: PreparedTarget, options: PlanOptions, now: number): Promise<TargetPlan> {
  const { target } = t.resolved;
  const creating = new Set<string>();
  const result: TargetPlan = { name: t.file.name, product: target.product, host: target.host, kinds: [], notes: [] };
  const reads = readKinds([...t.wanted.keys()].map((name) => t.kinds.get(name)!), (kind) => ({
    wanted: t.wanted.get(kind.kind)!.map((w) => w.item),
    all: options.prune,
    exporting: false,
    each: (items, fn) => mapLimited(items, options.concurrency, fn),
  }));
  for (const [name, wanted] of t.wanted) {
    const kind = t.kinds.get(name)!;
    const existing = await reads.get(name);
    const diff = diffKind(kind, wanted, existing, { prune: options.prune, now, creating: (k, key) => creating.has(`${k}\u0000${key}`) });
    for (const a of diff.actions) if (a.action === 'create' || a.action === 'replace') creating.add(`${name}\u0000${a.key}`);
    if (kind.unlisted && wanted.length > 0) {
      const unsure = diff.actions.filter((a) => a.action === 'ensure').length;
      if (unsure > 0) result.notes.push(`${name}: ${kind.unlisted}; ${unsure} cannot be checked: apply sends their creates and counts "exists" as unchanged`);
      if (options.prune) result.notes.push(`${name}: --prune cannot remove what cannot be listed`);
    }
    if (diff.goneWith > 0) {
      result.notes.push(`${name}: ${diff.goneWith} not in the file ${diff.goneWith === 1 ? 'goes' : 'go'} with what ${diff.goneWith === 1 ? 'it lives' : 'they live'} in, which is replaced, and ${diff.goneWith === 1 ? 'is' : 'are'} not created again`);
    }
    if (diff.uncompared.length > 0) {
      result.notes.push(`${name}: ${diff.uncompared.join(', ')} ${diff.uncompared.length === 1 ? 'is' : 'are'} sent on create only, not compared (${productInfo(target.product).title} does not report ${diff.uncompared.length === 1 ? 'it' : 'them'})`);
    }
    result.kinds.push({ kind, diff });
  }
  return result;
}
