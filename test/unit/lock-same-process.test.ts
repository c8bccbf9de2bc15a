import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// The rename that takes the lock lands on disk before its promise resolves. Holding that window open
// makes deterministic the race CI once hit by chance: another caller in the same process reading the
// fresh record in that window.
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...fs,
    rename: async (from: string, to: string) => {
      await fs.rename(from, to);
      await new Promise((resolve) => setTimeout(resolve, 40));
    },
  };
});

const { acquireLock } = await import('../../src/config/lock.js');

describe('the config lock, within one process', () => {
  it('is not taken from a caller whose rename has landed but not yet returned', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lock-')), 'config.json');
    let inside = 0;
    let most = 0;
    await Promise.all(Array.from({ length: 4 }, async (_, index) => {
      await new Promise((resolve) => setTimeout(resolve, index * 10));
      const release = await acquireLock(file, { waitMs: 5_000 });
      inside++;
      most = Math.max(most, inside);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inside--;
      await release();
    }));
    expect(most).toBe(1);
    expect(readdirSync(join(file, '..'))).toEqual([]);
  });
});
