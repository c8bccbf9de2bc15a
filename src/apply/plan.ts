// What apply would do: the file's objects against what the servers hold, kind by kind in the product's
// order. `diffKind` is pure: create what is missing, update the fields that differ and can change in place,
// replace when a field that cannot change differs, delete what the file does not list (only with --prune,
// and only for kinds the file lists), and count the rest as unchanged. A kind the API cannot list is
// "ensured": apply creates it and takes "exists" as unchanged.

import { CliError, ExitCode } from '../errors.js';
import type { ExistingResource, ResourceItem, ResourceKind } from '../products/types.js';
import { identityKey, identityLabel, keyOf, type Wanted } from './document.js';

export type ActionName = 'create' | 'update' | 'replace' | 'delete' | 'ensure';

export interface FieldChange {
  field: string;
  from?: unknown;
  to?: unknown;
  /** The field cannot change in place. */
  replace: boolean;
}

export interface Action {
  action: ActionName;
  kind: ResourceKind;
  key: string;
  label: string;
  wanted?: Wanted;
  existing?: ExistingResource;
  changes: FieldChange[];
}

export interface KindDiff {
  actions: Action[];
  unchanged: number;
  /** Objects the file does not list that go with something this plan replaces (they are not deleted one by one). */
  goneWith: number;
  /** Fields the file gives that are sent on create only and so were not compared. */
  uncompared: string[];
}

export interface DiffOptions {
  prune: boolean;
  now: number;
  /**
   * Whether an object of another kind is created (or replaced) by this plan: a dependency not there yet,
   * and, for what lives in it, one that is gone and comes back empty.
   */
  creating(kind: string, key: string): boolean;
}

/** `existing` is undefined for a kind the API cannot list. */
export function diffKind(kind: ResourceKind, wanted: readonly Wanted[], existing: readonly ExistingResource[] | undefined, options: DiffOptions): KindDiff {
  const actions: Action[] = [];
  let unchanged = 0;
  const uncompared = new Set<string>();
  if (existing === undefined) {
    for (const w of wanted) {
      const fresh = (kind.dependsOn?.(w.item) ?? []).some((d) => options.creating(d.kind, keyOf(d.identity)));
      actions.push({ action: fresh ? 'create' : 'ensure', kind, key: w.key, label: w.label, wanted: w, changes: [] });
    }
    return { actions, unchanged, goneWith: 0, uncompared: [] };
  }
  // What lives in an object this plan replaces is gone once the replace is done: it is created again.
  const goesWith = kind.livesIn === undefined ? undefined : (item: ResourceItem) => kind.livesIn!(item).some((d) => options.creating(d.kind, keyOf(d.identity)));
  // Each key's object, or all of them when a key is had by several (which the file cannot tell apart): an
  // array only then, not one per object of a 10,000-object listing.
  const byKey = new Map<string, ExistingResource | ExistingResource[]>();
  for (let i = 0; i < existing.length; i++) {
    const e = existing[i]!;
    const key = identityKey(kind, e.item);
    const had = byKey.get(key);
    byKey.set(key, had === undefined ? e : Array.isArray(had) ? [...had, e] : [had, e]);
  }
  // The object each listed key is matched with, where the server has several (the others are pruned).
  const matched = new Map<string, ExistingResource>();
  for (let i = 0; i < wanted.length; i++) {
    const w = wanted[i]!;
    let had = byKey.get(w.key);
    if (Array.isArray(had)) matched.set(w.key, (had = one(kind, w.label, had)));
    if (had === undefined || goesWith?.(had.item)) {
      actions.push({ action: 'create', kind, key: w.key, label: w.label, wanted: w, changes: [] });
      continue;
    }
    const changes = compare(kind, w.item, had.item, options.now, uncompared);
    if (changes === undefined) unchanged++;
    else actions.push({ action: changes.some((c) => c.replace) ? 'replace' : 'update', kind, key: w.key, label: w.label, wanted: w, existing: had, changes });
  }
  // What the file does not list: deleted with --prune, or counted when it goes with a replace. Neither
  // can happen for most kinds of most plans (10,000 databases without --prune): no pass over them then.
  let goneWith = 0;
  if (options.prune || goesWith) {
    const listed = new Set(wanted.map((w) => w.key));
    for (const [key, had] of byKey) {
      for (const e of Array.isArray(had) ? had : [had]) {
        if (listed.has(key) && (!Array.isArray(had) || matched.get(key) === e)) continue;
        // Removed with what it lives in: nothing to send for it, but the plan says how many go.
        if (goesWith?.(e.item)) goneWith++;
        else if (options.prune) actions.push({ action: 'delete', kind, key, label: identityLabel(kind, e.item), existing: e, changes: [] });
      }
    }
  }
  return { actions, unchanged, goneWith, uncompared: [...uncompared] };
}

/**
 * The one of several objects with the same identity that the file means: the only live one (an expired
 * token beside it is not a rival, and --prune removes it). Two live ones cannot be told apart.
 */
function one(kind: ResourceKind, label: string, had: readonly ExistingResource[]): ExistingResource {
  const live = had.filter((e) => !e.stale);
  if (live.length > 1) {
    throw new CliError(
      `${live.length} ${kind.kind} on the server are ${kind.noun} "${label}" (${live.map((e) => e.ref ?? '?').join(', ')}); the file cannot say which one it means`,
      ExitCode.conflict,
      `remove all but one (by ID), or give them distinct ${kind.identity.join(' and ')}`,
    );
  }
  return live[0] ?? had[0]!;
}

/**
 * What a create sends: the file's object; for a replace, with the fields the file leaves out taken from
 * the object it replaces, since an existing object keeps what the file does not manage (a new partition
 * template must not reset maxTables). Not from an expired token: its expiry is what is being replaced; nor
 * a field that what the file gives settles (a token given permissions is not made an admin token again).
 */
/** Whether carrying the action out sends a create (an ensure does too: it creates unless the object exists). */
export function sendsCreate(action: Pick<Action, 'action'>): boolean {
  return action.action === 'create' || action.action === 'replace' || action.action === 'ensure';
}

export function itemToCreate(action: Pick<Action, 'action' | 'kind' | 'wanted' | 'existing'>): ResourceItem {
  const item = action.wanted!.item;
  const existing = action.existing;
  if (action.action !== 'replace' || !existing || existing.stale) return item;
  const merged: ResourceItem = { ...item };
  for (const [field, rule] of Object.entries(action.kind.fields)) {
    if (merged[field] !== undefined || existing.item[field] === undefined) continue;
    // Left out, but settled by what the file does give (admin by permissions): the old value would undo it.
    if (rule.settledBy?.some((other) => item[other] !== undefined)) continue;
    merged[field] = existing.item[field];
  }
  return merged;
}

/** The fields that differ, or undefined when none does (most objects of a big plan: no array for them). */
function compare(kind: ResourceKind, wanted: ResourceItem, current: ResourceItem, now: number, uncompared: Set<string>): FieldChange[] | undefined {
  let changes: FieldChange[] | undefined;
  for (const field in wanted) {
    const value = wanted[field];
    const rule = kind.fields[field];
    if (!rule || kind.identity.includes(field)) continue;
    if (rule.change === 'create') {
      uncompared.add(field);
      continue;
    }
    const have = current[field];
    const same = rule.satisfied ? rule.satisfied(value, have, now) : sameJson(value, have);
    if (!same) (changes ??= []).push({ field, from: have, to: value, replace: rule.change === 'replace' });
  }
  return changes;
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
}

/** One target's plan. */
export interface TargetPlan {
  name: string;
  product: string;
  host: string;
  kinds: Array<{ kind: ResourceKind; diff: KindDiff }>;
  notes: string[];
}

export interface PlanCounts {
  create: number;
  update: number;
  replace: number;
  delete: number;
  ensure: number;
  unchanged: number;
}

export function counts(plans: readonly TargetPlan[]): PlanCounts {
  const total: PlanCounts = { create: 0, update: 0, replace: 0, delete: 0, ensure: 0, unchanged: 0 };
  for (const plan of plans) {
    for (const { diff } of plan.kinds) {
      total.unchanged += diff.unchanged;
      for (const a of diff.actions) total[a.action]++;
    }
  }
  return total;
}

/** Changes that make plan exit with the pending code; ensures are not: they cannot be known to be changes. */
export function pending(total: PlanCounts): boolean {
  return total.create + total.update + total.replace + total.delete > 0;
}

export function actionsOf(plan: TargetPlan): Action[] {
  return plan.kinds.flatMap(({ diff }) => diff.actions);
}
