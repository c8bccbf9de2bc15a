import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapLimited, runGraph, type Step } from '../../src/apply/graph.js';

/** A random DAG: each step may need or wait for earlier ones only; some steps fail. */
const dag = fc.integer({ min: 1, max: 30 }).chain((n) => fc.tuple(
  fc.array(fc.tuple(fc.array(fc.nat(), { maxLength: 3 }), fc.array(fc.nat(), { maxLength: 2 }), fc.boolean()), { minLength: n, maxLength: n }),
  fc.integer({ min: 1, max: 8 }),
).map(([specs, limit]) => ({
  limit,
  steps: specs.map(([needs, waits, fails], i) => ({
    needs: i === 0 ? [] : [...new Set(needs.map((x) => x % i))],
    waitsFor: i === 0 ? [] : [...new Set(waits.map((x) => x % i))],
    fails: fails && i % 3 === 0,
  })) as Array<Step & { fails: boolean }>,
})));

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('runGraph', () => {
  it('never runs more than the limit at once, starts a step only after what it needs and waits for, and skips what needs a failure', async () => {
    await fc.assert(fc.asyncProperty(dag, async ({ steps, limit }) => {
      let running = 0;
      let peak = 0;
      const finished = new Set<number>();
      const outcomes = await runGraph(steps, limit, async (step, index) => {
        for (const d of [...step.needs, ...(step.waitsFor ?? [])]) expect(finished.has(d)).toBe(true);
        running++;
        peak = Math.max(peak, running);
        await tick();
        running--;
        finished.add(index);
        if (step.fails) throw new Error(`step ${index} failed`);
        return index;
      }, (index) => finished.add(index));
      expect(peak).toBeLessThanOrEqual(limit);
      steps.forEach((step, i) => {
        const outcome = outcomes[i]!;
        const blocked = step.needs.find((n) => outcomes[n]!.status !== 'done');
        if (blocked !== undefined) expect(outcome.status).toBe('skipped');
        else expect(outcome.status).toBe(step.fails ? 'failed' : 'done');
      });
    }), { numRuns: 150 });
  });

  it('lets a step give its slot back early: the limit bounds only the steps holding one, and dependents still wait for it to settle', async () => {
    await fc.assert(fc.asyncProperty(dag, fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }), async ({ steps, limit }, releases) => {
      let holding = 0;
      let peak = 0;
      let overlapped = false;
      let inFlight = 0;
      const settled = new Set<number>();
      const outcomes = await runGraph(steps, limit, async (step, index, release) => {
        for (const d of [...step.needs, ...(step.waitsFor ?? [])]) expect(settled.has(d)).toBe(true);
        holding++;
        inFlight++;
        peak = Math.max(peak, holding);
        if (inFlight > limit) overlapped = true;
        await tick();
        holding--;
        if (releases[index]) {
          release();
          release(); // twice is once
          await tick();
          await tick();
        }
        inFlight--;
        if (step.fails) throw new Error(`step ${index} failed`);
        return index;
      }, (index) => settled.add(index));
      expect(peak).toBeLessThanOrEqual(limit);
      expect(outcomes.filter((o) => o.status === 'done' || o.status === 'failed').length + outcomes.filter((o) => o.status === 'skipped').length).toBe(steps.length);
      // Only a released step lets more than `limit` be unsettled at once.
      if (!releases.some(Boolean)) expect(overlapped).toBe(false);
    }), { numRuns: 150 });
  });

  it('starts the next step while a released one is still settling', async () => {
    let releasedDone = false;
    const order: string[] = [];
    await runGraph([{ needs: [] }, { needs: [] }], 1, async (_s, index, release) => {
      order.push(`start ${index}`);
      if (index === 0) {
        release();
        await tick();
        await tick();
        releasedDone = true;
      }
      order.push(`end ${index}`);
    });
    expect(releasedDone).toBe(true);
    expect(order).toEqual(['start 0', 'start 1', 'end 1', 'end 0']);
  });

  it('uses the whole bound when the work allows it', async () => {
    let running = 0;
    let peak = 0;
    await runGraph(Array.from({ length: 40 }, () => ({ needs: [] })), 8, async () => {
      running++;
      peak = Math.max(peak, running);
      await tick();
      running--;
    });
    expect(peak).toBe(8);
  });

  it('names the failed step a skipped one needed', async () => {
    const outcomes = await runGraph([{ needs: [] }, { needs: [0] }, { needs: [1] }], 4, async (_s, i) => {
      if (i === 0) throw new Error('no');
    });
    expect(outcomes.map((o) => o.status)).toEqual(['failed', 'skipped', 'skipped']);
    expect(outcomes[2]).toEqual({ status: 'skipped', because: 1 });
  });

  it('refuses a cycle rather than hanging', async () => {
    await expect(runGraph([{ needs: [1] }, { needs: [0] }], 2, async () => undefined)).rejects.toThrow(/cycle/);
  });
});

describe('mapLimited', () => {
  it('keeps the order of results and the bound', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.integer()), fc.integer({ min: 1, max: 10 }), async (items, limit) => {
      let running = 0;
      let peak = 0;
      const results = await mapLimited(items, limit, async (x) => {
        running++;
        peak = Math.max(peak, running);
        await tick();
        running--;
        return x * 2;
      });
      expect(results).toEqual(items.map((x) => x * 2));
      expect(peak).toBeLessThanOrEqual(limit);
    }), { numRuns: 100 });
  });
});
