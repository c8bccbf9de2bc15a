// apply's lines off a terminal are written in batches (each write to a pipe wakes its reader), without
// changing what is written or its order.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { progress } from '../../src/apply/progress.js';
import type { StepResult } from '../../src/apply/execute.js';
import { flushWhenStopped } from '../../src/errors.js';
import type { Io } from '../../src/io.js';

const done = (i: number): StepResult => ({ target: 't', kind: 'databases', resource: `db_${i}`, action: 'create', status: 'done' });
const failed = (i: number): StepResult => ({ ...done(i), status: 'failed', error: 'boom' });

function fakeIo(): { io: Io; writes: string[] } {
  const writes: string[] = [];
  const io = { err: (text: string) => writes.push(text), errRaw: (text: string) => writes.push(text) } as unknown as Io;
  return { io, writes };
}

describe('apply\'s lines off a terminal', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('are written together, in order, and all of them by the end', () => {
    const { io, writes } = fakeIo();
    const shown = progress(io, 1000, false);
    for (let i = 0; i < 1000; i++) shown.settled(done(i), 'database', i + 1, 0);
    shown.finish();
    expect(writes.length).toBeLessThan(10);
    expect(writes.join('').split('\n').filter(Boolean)).toEqual(Array.from({ length: 1000 }, (_, i) => `created database "db_${i}" on t`));
  });

  it('are not held longer than a tenth of a second when nothing else settles', () => {
    const { io, writes } = fakeIo();
    const shown = progress(io, 2, false);
    shown.settled(done(0), 'database', 1, 0);
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(writes).toEqual(['created database "db_0" on t\n']);
    shown.finish();
  });

  it('come before anything else written to stderr meanwhile, and before the line a signal ends the run with', () => {
    const { io, writes } = fakeIo();
    const shown = progress(io, 3, false);
    shown.settled(done(0), 'database', 1, 0);
    io.err('warning: something\n');
    shown.settled(failed(1), 'database', 2, 1);
    for (const flush of flushWhenStopped) flush();
    expect(writes).toEqual(['created database "db_0" on t\n', 'warning: something\n', 'error: create database "db_1" on t: boom\n']);
    shown.finish();
    expect(flushWhenStopped.size).toBe(0);
  });

  it('with --quiet are the failures alone', () => {
    const { io, writes } = fakeIo();
    const shown = progress(io, 2, false, true);
    shown.settled(done(0), 'database', 1, 0);
    shown.settled(failed(1), 'database', 2, 1);
    shown.finish();
    expect(writes.join('')).toBe('error: create database "db_1" on t: boom\n');
  });
});
