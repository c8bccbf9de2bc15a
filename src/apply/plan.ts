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
  /** Fields the file gives that are sent on create only and so were not compared. */
  uncompared: string[];
}

export interface DiffOptions {
  prune: boolean;
  now: number;
  /** Whether an object of another kind is created (or replaced) by this plan: a dependency not there yet. */
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
    return { actions, unchanged, uncompared: [] };
  }
  // Each key's object, or all of them when a key is had by several (which the file cannot tell apart): an
  // array only then, not one per object of a 10,000-object listing.
  const byKey = new Map<string, ExistingResource | ExistingResource[]>();
  for (let i = 0; i < existing.length; i++) {
    const e = existing[i]!;
    const key = identityKey(kind, e.item);
    const had = byKey.get(key);
    byKey.set(key, had === undefined ? e : Array.isArray(had) ? [...had, e] : [had, e]);
  }
  for (let i = 0; i < wanted.length; i++) {
    const w = wanted[i]!;
    const had = byKey.get(w.key);
    if (had === undefined) {
      actions.push({ action: 'create', kind, key: w.key, label: w.label, wanted: w, changes: [] });
      continue;
    }
    if (Array.isArray(had)) {
      throw new CliError(
        `${had.length} ${kind.kind} on the server are ${kind.noun} "${w.label}" (${had.map((e) => e.ref ?? '?').join(', ')}); the file cannot say which one it means`,
        ExitCode.conflict,
        `remove all but one (by ID), or give them distinct ${kind.identity.join(' and ')}`,
      );
    }
    const changes = compare(kind, w.item, had.item, options.now, uncompared);
    if (changes === undefined) unchanged++;
    else actions.push({ action: changes.some((c) => c.replace) ? 'replace' : 'update', kind, key: w.key, label: w.label, wanted: w, existing: had, changes });
  }
  if (options.prune) {
    const listed = new Set(wanted.map((w) => w.key));
    for (const [key, had] of byKey) {
      if (listed.has(key)) continue;
      for (const e of Array.isArray(had) ? had : [had]) actions.push({ action: 'delete', kind, key, label: identityLabel(kind, e.item), existing: e, changes: [] });
    }
  }
  return { actions, unchanged, uncompared: [...uncompared] };
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
