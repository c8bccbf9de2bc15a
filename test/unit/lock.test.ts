import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireLock, hostIdentity } from '../../src/config/lock.js';

const OLD = new Date(Date.now() - 3600_000);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A pid that was just in use and is not any more. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

const sleepers: number[] = [];
afterAll(() => {
  for (const pid of sleepers) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** A live process that is not this one. */
async function livePid(): Promise<{ pid: number; exited: Promise<void> }> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  sleepers.push(child.pid!);
  await new Promise((resolve) => child.once('spawn', resolve));
  return { pid: child.pid!, exited: new Promise((resolve) => child.once('exit', () => resolve())) };
}

/** Leaves a lock the way a process that died holding it would. */
function plantLock(file: string, owner: { pid: number; host: string }, mtime = new Date()): string {
  const nonce = '0123456789abcdef';
  mkdirSync(`${file}.lock`);
  const record = join(`${file}.lock`, `owner.${nonce}`);
  writeFileSync(record, JSON.stringify({ ...owner, created: mtime.toISOString() }));
  utimesSync(record, mtime, mtime);
  return record;
}

const fresh = () => join(mkdtempSync(join(tmpdir(), 'lock-')), 'config.json');

describe('the config lock', () => {
  it.each(['lock directory', 'lock file of earlier versions'])('is held by one caller at a time, also when they all find a stale %s', async (kind) => {
    const file = fresh();
    const crashed = { pid: deadPid(), host: await hostIdentity() };
    let inside = 0;
    let most = 0;
    let done = 0;
    // Each round starts from a crashed holder's lock, so every round is a race to take it over; the
    // callers arrive a little apart, as processes do.
    for (let round = 0; round < 8; round++) {
      if (kind === 'lock directory') plantLock(file, crashed, OLD);
      else writeFileSync(`${file}.lock`, String(crashed.pid));
      await Promise.all(Array.from({ length: 20 }, async () => {
        await pause(Math.random() * 4);
        const release = await acquireLock(file);
        inside++;
        most = Math.max(most, inside);
        await pause(Math.random() * 10);
        inside--;
        done++;
        await release();
      }));
    }
    expect(done).toBe(160);
    expect(most).toBe(1);
    expect(readdirSync(join(file, '..'))).toEqual([]);
  });

  it('takes over at once a lock whose process on this host is gone, however recent', async () => {
    const file = fresh();
    plantLock(file, { pid: deadPid(), host: await hostIdentity() });
    const release = await acquireLock(file, { waitMs: 0 });
    await release();
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('takes over a lock left by an earlier process that had this pid', async () => {
    const file = fresh();
    plantLock(file, { pid: process.pid, host: await hostIdentity() });
    await (await acquireLock(file, { waitMs: 0 }))();
  });

  it('waits for a live holder and never steals its lock', async () => {
    const file = fresh();
    const holder = await livePid();
    const record = plantLock(file, { pid: holder.pid, host: await hostIdentity() }, OLD);
    await expect(acquireLock(file, { waitMs: 300 })).rejects.toThrow(new RegExp(`locked by another influxadm \\(pid ${holder.pid};`));
    expect(existsSync(record)).toBe(true);

    const waiting = acquireLock(file);
    process.kill(holder.pid, 'SIGKILL');
    await holder.exited;
    await (await waiting)();
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('leaves a fresh lock from another host alone, and takes over an old one', async () => {
    const file = fresh();
    plantLock(file, { pid: 1, host: 'elsewhere 1234 pid:[1]' });
    await expect(acquireLock(file, { waitMs: 100 })).rejects.toThrow(/pid 1 on elsewhere/);
    const other = fresh();
    plantLock(other, { pid: 1, host: 'elsewhere 1234 pid:[1]' }, OLD);
    await (await acquireLock(other, { waitMs: 0 }))();
  });

  it('understands the lock file of earlier versions', async () => {
    const dead = fresh();
    writeFileSync(`${dead}.lock`, String(deadPid()));
    await (await acquireLock(dead, { waitMs: 0 }))();
    expect(existsSync(`${dead}.lock`)).toBe(false);

    const live = fresh();
    const holder = await livePid();
    writeFileSync(`${live}.lock`, String(holder.pid));
    utimesSync(`${live}.lock`, OLD, OLD);
    await expect(acquireLock(live, { waitMs: 100 })).rejects.toThrow(/locked by another influxadm/);
    expect(existsSync(`${live}.lock`)).toBe(true);
  });

  it('cleans up drafts a killed process left', async () => {
    const file = fresh();
    const draft = `${file}.lock.00112233445566ff.tmp`;
    mkdirSync(draft);
    writeFileSync(join(draft, 'owner.00112233445566ff'), '{}');
    utimesSync(draft, OLD, OLD);
    await (await acquireLock(file))();
    expect(readdirSync(join(file, '..'))).toEqual([]);
  });
});
