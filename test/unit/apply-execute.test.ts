import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execute } from '../../src/apply/execute.js';
import type { Action, TargetPlan } from '../../src/apply/plan.js';
import { openSink, type SecretSink } from '../../src/apply/secrets.js';
import type { ExistingResource, ResourceItem, ResourceKind } from '../../src/products/types.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A token kind whose requests are counted: how many are in flight now, and the most at once. */
function countingKind(replaceCreatesFirst = false) {
  const seen = { inFlight: 0, peak: 0, requests: [] as string[] };
  const request = async (what: string) => {
    seen.inFlight++;
    seen.peak = Math.max(seen.peak, seen.inFlight);
    seen.requests.push(what);
    await tick();
    seen.inFlight--;
  };
  const kind: ResourceKind = {
    kind: 'tokens',
    noun: 'token',
    identity: ['description'],
    fields: {},
    secret: true,
    replaceCreatesFirst,
    async create(item: ResourceItem) {
      await request(`create ${String(item.description)}`);
      return { secret: `secret of ${String(item.description)}` };
    },
    async remove(existing: ExistingResource) {
      await request(`remove ${String(existing.item.description)}`);
    },
  };
  return { kind, seen };
}

function planOf(kind: ResourceKind, actions: Array<Pick<Action, 'action' | 'label'> & { existing?: boolean }>): TargetPlan {
  return {
    name: 't',
    product: 'clustered',
    host: 'http://h',
    notes: [],
    kinds: [{
      kind,
      diff: {
        unchanged: 0,
        goneWith: 0,
        uncompared: [],
        actions: actions.map((a) => ({
          action: a.action,
          kind,
          key: a.label,
          label: a.label,
          changes: [],
          wanted: { item: { description: a.label } } as unknown as Action['wanted'],
          ...(a.existing ? { existing: { item: { description: a.label }, ref: `id-${a.label}` } as ExistingResource } : {}),
        })),
      },
    }],
  };
}

/** A sink whose writes finish only when the test says so: a file's (its step's slot given back first), or a keychain's. */
function slowSink(releasesSlot = true) {
  const stored: string[] = [];
  let open: Array<() => void> = [];
  const puts = { pending: 0, peak: 0 };
  const sink: SecretSink = {
    async put(name) {
      puts.pending++;
      puts.peak = Math.max(puts.peak, puts.pending);
      await new Promise<void>((resolve) => open.push(resolve));
      puts.pending--;
      stored.push(name);
      return { secretIn: 'file' };
    },
    close: async () => undefined,
    ...(releasesSlot ? { releasesSlot } : {}),
  };
  const finishWrites = () => {
    const waiting = open;
    open = [];
    waiting.forEach((resolve) => resolve());
  };
  return { sink, stored, finishWrites, puts };
}

describe('execute', () => {
  it('sends the next create while a new token\'s secret is still being stored, and ends each step only once it is', async () => {
    const { kind, seen } = countingKind();
    const { sink, stored, finishWrites } = slowSink();
    const labels = Array.from({ length: 6 }, (_, i) => `tok${i}`);
    const running = execute([planOf(kind, labels.map((label) => ({ action: 'create', label })))], { concurrency: 2, sink });
    // Every request is sent although no secret has been written yet.
    for (let i = 0; i < 20 && seen.requests.length < labels.length; i++) await tick();
    expect(seen.requests).toEqual(labels.map((l) => `create ${l}`));
    expect(seen.peak).toBeLessThanOrEqual(2);
    let finished = false;
    void running.then(() => (finished = true));
    await tick();
    expect(finished).toBe(false);
    finishWrites();
    const results = await running;
    expect(stored.sort()).toEqual(labels.map((l) => `t/tokens/${l}`).sort());
    expect(results.every((r) => r.status === 'done' && r.secretIn === 'file')).toBe(true);
  });

  // Each keychain put is a helper process, a few at a time, bounded in time from the call: puts piled up
  // past the slots timed out (200 tokens against a Secret Service: 85 secrets of existing tokens lost).
  it('keeps the slot through the secret\'s put when the sink does not release it (the keychain): at most --concurrency puts at once', async () => {
    const { kind, seen } = countingKind();
    const { sink, stored, finishWrites, puts } = slowSink(false);
    const labels = Array.from({ length: 6 }, (_, i) => `tok${i}`);
    const running = execute([planOf(kind, labels.map((label) => ({ action: 'create', label })))], { concurrency: 2, sink });
    for (let i = 0; i < 20; i++) await tick();
    expect(seen.requests).toEqual(['create tok0', 'create tok1']);
    expect(puts.pending).toBe(2);
    for (let i = 0; i < 40 && stored.length < labels.length; i++) {
      finishWrites();
      await tick();
    }
    const results = await running;
    expect(puts.peak).toBe(2);
    expect(seen.peak).toBeLessThanOrEqual(2);
    expect(stored.sort()).toEqual(labels.map((l) => `t/tokens/${l}`).sort());
    expect(results.every((r) => r.status === 'done')).toBe(true);
  });

  it('opens sinks that release the slot for a file and for printing, not for the keychain', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'influxadm-sinks-'));
    const file = await openSink({ secretsOut: join(dir, 'secrets.json') }, false, {});
    await file.close();
    expect(file.releasesSlot).toBe(true);
    expect((await openSink({ printSecrets: true }, false, {})).releasesSlot).toBe(true);
    expect((await openSink({ secretsToKeychain: true }, false, {})).releasesSlot).toBeUndefined();
  });

  it('keeps the slot of a replace that creates first: its removal is a request too', async () => {
    const { kind, seen } = countingKind(true);
    const { sink, finishWrites } = slowSink();
    const running = execute([planOf(kind, ['a', 'b', 'c'].map((label) => ({ action: 'replace', label, existing: true })))], { concurrency: 1, sink });
    for (let i = 0; i < 20; i++) await tick();
    // With one slot held through the secret's write, only the first create is out.
    expect(seen.requests).toEqual(['create a']);
    for (let i = 0; i < 20 && seen.requests.length < 6; i++) {
      finishWrites();
      await tick();
    }
    await running;
    expect(seen.peak).toBe(1);
    expect(seen.requests).toEqual(['create a', 'remove a', 'create b', 'remove b', 'create c', 'remove c']);
  });
});
