// Carrying a plan out: one step per action, in dependency order (a database before its tables and the
// tokens that name it; deletes after everything else of their target, and a database's delete after the
// deletes of what lives in it), at most N at a time over each target's one kept-alive client. A failure
// is recorded with its resource and the rest goes on; what needed it is skipped.

import { CliError, ExitCode } from '../errors.js';
import type { ExistingResource, ResourceItem, ResourceKind } from '../products/types.js';
import { keyOf } from './document.js';
import { runGraph, type Outcome, type Step } from './graph.js';
import { actionsOf, itemToCreate, type Action, type TargetPlan } from './plan.js';
import type { SecretSink } from './secrets.js';

export type Status = 'done' | 'exists' | 'failed' | 'skipped';

export interface StepResult {
  target: string;
  kind: string;
  resource: string;
  action: Action['action'];
  status: Status;
  error?: string;
  /** Where its secret went (a file, a keychain entry), when it has one. */
  secretIn?: string;
  secret?: string;
}

interface PlannedStep extends Step {
  target: string;
  action: Action;
}

/** The steps of every target, with their dependencies. */
export function steps(plans: readonly TargetPlan[]): PlannedStep[] {
  const out: PlannedStep[] = [];
  for (const plan of plans) {
    const actions = actionsOf(plan);
    const base = out.length;
    // Which step makes or changes each object of this target. What depends on an object waits for its
    // update too: on a product whose changes finish later, a datastore being changed refuses changes
    // inside it until it is ready again.
    const makers = new Map<string, number>();
    actions.forEach((a, i) => {
      if (a.action !== 'delete') makers.set(`${a.kind.kind}\u0000${a.key}`, base + i);
    });
    const others = actions.map((a, i) => (a.action === 'delete' ? -1 : base + i)).filter((i) => i >= 0);
    // Which delete step removes each object, to order deletes (what lives in a database goes first).
    const deleters = new Map<string, number>();
    actions.forEach((a, i) => a.action === 'delete' && deleters.set(`${a.kind.kind}\u0000${a.key}`, base + i));
    actions.forEach((a, i) => {
      const needsOf = (item: ResourceItem | undefined, from: Map<string, number>) =>
        (a.kind.dependsOn && item ? a.kind.dependsOn(item) : [])
          .map((d) => from.get(`${d.kind}\u0000${keyOf(d.identity)}`))
          .filter((n): n is number => n !== undefined && n !== base + i);
      if (a.action === 'delete') {
        out.push({ target: plan.name, action: a, needs: [], waitsFor: others });
      } else {
        out.push({ target: plan.name, action: a, needs: [...new Set(needsOf(a.wanted?.item, makers))] });
      }
    });
    // A delete waits for the deletes of the objects that depend on what it removes.
    actions.forEach((a, i) => {
      if (a.action !== 'delete' || !a.kind.dependsOn || !a.existing) return;
      for (const d of a.kind.dependsOn(a.existing.item)) {
        const parent = deleters.get(`${d.kind}\u0000${keyOf(d.identity)}`);
        if (parent !== undefined && parent !== base + i) out[parent]!.waitsFor = [...(out[parent]!.waitsFor ?? []), base + i];
      }
    });
  }
  return out;
}

export interface ExecuteOptions {
  concurrency: number;
  sink: SecretSink;
  onSettle?(result: StepResult, noun: string, done: number, failed: number): void;
}

export async function execute(plans: readonly TargetPlan[], options: ExecuteOptions): Promise<StepResult[]> {
  const all = steps(plans);
  const results: StepResult[] = all.map((s) => ({ target: s.target, kind: s.action.kind.kind, resource: s.action.label, action: s.action.action, status: 'skipped' }));
  let done = 0;
  let failed = 0;
  await runGraph(all, options.concurrency, (step, _index, release) => perform(step, options.sink, release), (index, outcome: Outcome<Partial<StepResult>>) => {
    const result = results[index]!;
    if (outcome.status === 'done') Object.assign(result, outcome.value);
    else if (outcome.status === 'failed') {
      if (outcome.error instanceof PartlyDone) Object.assign(result, outcome.error.done);
      result.status = 'failed';
      result.error = messageOf(outcome.error);
      failed++;
    } else {
      const blocker = all[outcome.because]!;
      result.error = `not attempted: ${blocker.action.kind.noun} "${blocker.action.label}" of target ${blocker.target} failed`;
    }
    done++;
    options.onSettle?.(result, all[index]!.action.kind.noun, done, failed);
  });
  return results;
}

/**
 * `release` gives the step's slot back: a create whose request is its last calls it before the secret is
 * stored, so the next requests go out while the file is written (the step still ends only once its secret
 * is on disk). Not with a sink whose puts must stay bounded (the keychain's helpers): see releasesSlot.
 */
async function perform(step: PlannedStep, sink: SecretSink, release: () => void): Promise<Partial<StepResult>> {
  const { action } = step;
  const kind = action.kind;
  const item = action.wanted?.item;
  const create = async (last: boolean): Promise<Partial<StepResult>> => {
    const created = await kind.create(itemToCreate(action));
    if (last && (created.secret === undefined || sink.releasesSlot === true)) release();
    if (created.secret === undefined) return { status: 'done' };
    try {
      return { status: 'done', ...(await sink.put(`${step.target}/${kind.kind}/${action.label}`, created.secret)) };
    } catch (error) {
      throw new CliError(`${kind.noun} "${action.label}" was created, but storing its secret failed (${messageOf(error)}); the secret is lost: replace the ${kind.noun}`, ExitCode.failure);
    }
  };
  switch (action.action) {
    case 'create':
      return create(true);
    case 'ensure':
      try {
        return await create(true);
      } catch (error) {
        if (error instanceof CliError && error.exitCode === ExitCode.conflict) return { status: 'exists' };
        throw error;
      }
    case 'update':
      if (!kind.update) throw new Error(`${kind.kind} declares fields that change in place but cannot update`);
      await kind.update(action.existing!, item!, action.changes.map((c) => c.field));
      return { status: 'done' };
    case 'replace':
      // A replace that creates first removes the old one afterwards: that request needs the slot.
      return replace(kind, action.existing!, () => create(!kind.replaceCreatesFirst));
    case 'delete':
      await removal(kind)(action.existing!);
      return { status: 'done' };
  }
}

/** A step that failed after part of it was done: what was done (a new token's secret) is kept in its result. */
class PartlyDone extends Error {
  constructor(
    message: string,
    readonly done: Partial<StepResult>,
  ) {
    super(message);
  }
}

async function replace(kind: ResourceKind, existing: ExistingResource, create: () => Promise<Partial<StepResult>>): Promise<Partial<StepResult>> {
  if (kind.replaceCreatesFirst) {
    const result = await create();
    try {
      await removal(kind)(existing);
    } catch (error) {
      // The new one exists and its secret went where secrets go (or is printed with the results): only the
      // old one is left to remove, and until it is, plan sees two and asks which one is meant.
      throw new PartlyDone(`the new ${kind.noun} was created${result.secretIn ? ` (secret in ${result.secretIn})` : ''}, but removing the old one${existing.ref ? ` (${existing.ref})` : ''} failed: ${messageOf(error)}; remove it by ID`, result);
    }
    return result;
  }
  await removal(kind)(existing);
  return create();
}

/** Only a listed kind has deletes and replaces, and a listed kind can remove. */
function removal(kind: ResourceKind): (existing: ExistingResource) => Promise<void> {
  if (!kind.remove) throw new Error(`${kind.kind} can be listed but not removed`);
  return kind.remove.bind(kind);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
