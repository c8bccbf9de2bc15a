// Bounded concurrency: a plain map with at most N calls in flight, and a dependency graph runner. A step
// starts once every step it needs has succeeded and every step it waits for has settled; a step whose
// needed step failed is skipped (naming it), and independent work goes on.

export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

export interface Step {
  /** Steps that must succeed first (indexes). */
  needs: readonly number[];
  /** Steps that must have finished first, whatever their outcome (deletes wait for creates). */
  waitsFor?: readonly number[];
}

export type Outcome<R> =
  | { status: 'done'; value: R }
  | { status: 'failed'; error: unknown }
  | { status: 'skipped'; because: number };

/**
 * Runs every step once, at most `limit` at a time; resolves with each step's outcome, in step order. A step
 * may call `release` to give its slot back before it settles, once what the limit bounds (its requests) is
 * over and only local work is left: apply's new tokens wait for their secret to be on disk, and holding
 * the slots meanwhile stalled every request behind each file write.
 */
export function runGraph<S extends Step, R>(steps: readonly S[], limit: number, run: (step: S, index: number, release: () => void) => Promise<R>, onSettle?: (index: number, outcome: Outcome<R>) => void): Promise<Array<Outcome<R>>> {
  const count = steps.length;
  const outcomes = new Array<Outcome<R>>(count);
  const pending = steps.map((s) => s.needs.length + (s.waitsFor?.length ?? 0));
  const dependents: Array<Array<{ index: number; strict: boolean }>> = steps.map(() => []);
  steps.forEach((s, i) => {
    for (const n of s.needs) dependents[n]!.push({ index: i, strict: true });
    for (const w of s.waitsFor ?? []) dependents[w]!.push({ index: i, strict: false });
  });
  const blockedBy = new Array<number | undefined>(count);
  const ready: number[] = [];
  pending.forEach((p, i) => p === 0 && ready.push(i));
  let head = 0;
  /** Steps holding a slot. */
  let running = 0;
  /** Steps started and not settled, with a slot or without. */
  let started = 0;
  let settled = 0;

  return new Promise((resolve, reject) => {
    const settle = (index: number, outcome: Outcome<R>) => {
      outcomes[index] = outcome;
      settled++;
      onSettle?.(index, outcome);
      for (const d of dependents[index]!) {
        if (d.strict && outcome.status !== 'done' && blockedBy[d.index] === undefined) blockedBy[d.index] = index;
        if (--pending[d.index]! === 0) ready.push(d.index);
      }
    };
    const pump = () => {
      // Skipped steps settle without a slot, so the queue is worked down past them even when every slot is taken.
      while (head < ready.length) {
        const index = ready[head]!;
        const blocker = blockedBy[index];
        if (blocker !== undefined) {
          head++;
          settle(index, { status: 'skipped', because: blocker });
          continue;
        }
        if (running >= limit) break;
        head++;
        running++;
        started++;
        let holding = true;
        const release = () => {
          if (!holding) return;
          holding = false;
          running--;
          // Not in the step's own turn: what starts next runs after the step has gone on to its local work.
          queueMicrotask(pump);
        };
        let promise: Promise<R>;
        try {
          promise = run(steps[index]!, index, release);
        } catch (error) {
          promise = Promise.reject(error);
        }
        promise.then(
          (value) => ({ status: 'done', value }) as const,
          (error: unknown) => ({ status: 'failed', error }) as const,
        ).then((outcome) => {
          if (holding) {
            holding = false;
            running--;
          }
          started--;
          settle(index, outcome);
          pump();
        }, reject);
      }
      if (settled === count) resolve(outcomes);
      else if (started === 0 && head >= ready.length) reject(new Error('the steps depend on each other in a cycle'));
    };
    pump();
  });
}
