// An exclusive lock beside a file, for read-modify-write across processes. The lock is a directory,
// `<file>.lock`, holding one owner record `owner.<nonce>` (pid, host, time). It comes into being
// whole: the record is written in a private directory that is then renamed into place, and rename()
// of a directory fails while the target holds a record. So every lock that exists names its owner.
//
// Taking over a lock left by a crashed process can never break a live one: the taker removes the
// owner record by its unique name (only the one process whose unlink() succeeds did it; a fresh lock
// has a different name), then rmdir(), which only ever removes an empty directory. A lock whose owner
// runs on this host is stale exactly when that pid is gone, so a crash costs no wait; a lock from
// another host (a shared home directory) is stale after STALE_MS.

import { mkdir, readdir, readFile, readlink, rename, rm, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { CliError } from '../errors.js';
// Nonces of the locks this process holds: a record with our pid but another nonce is a previous process's.
import { held } from './held-locks.js';
import { uniqueSuffix } from './unique-suffix.js';

const STALE_MS = 15_000;
const WAIT_MS = 20_000;

export interface LockOptions {
  /** How long to wait for a live holder before giving up. */
  waitMs?: number;
}

export interface OwnerRecord {
  pid: number;
  host: string;
  created: string;
}


let identity: Promise<string> | undefined;

/**
 * This host as a pid namespace sees it: the host name, and on Linux the boot and the pid namespace,
 * so that a pid is only ever checked where it means the same process.
 */
export function hostIdentity(): Promise<string> {
  identity ??= (async () => {
    if (process.platform !== 'linux') return hostname();
    const [boot, pidns] = await Promise.all([
      readFile('/proc/sys/kernel/random/boot_id', 'utf8').then((s) => s.trim(), () => ''),
      readlink('/proc/self/ns/pid').catch(() => ''),
    ]);
    return [hostname(), boot, pidns].join(' ');
  })();
  return identity;
}

/** Takes the lock `${path}.lock`, waiting for a live holder; resolves to its release. */
export async function acquireLock(path: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const lockPath = `${path}.lock`;
  const waitMs = options.waitMs ?? WAIT_MS;
  const nonce = uniqueSuffix(16);
  const owner: OwnerRecord = { pid: process.pid, host: await hostIdentity(), created: new Date().toISOString() };
  // The lock as it will be, made once and renamed into place when the lock is free.
  const draft = `${lockPath}.${nonce}.tmp`;
  const writeDraft = async () => {
    await mkdir(draft, { mode: 0o700 });
    await writeFile(join(draft, `owner.${nonce}`), `${JSON.stringify(owner)}\n`, { mode: 0o600, flag: 'wx' });
  };
  const started = Date.now();
  const known = new Map<string, OwnerRecord | undefined>();
  let spins = 0;
  let polls = 0;
  // Marked ours before the rename, not after: between the rename landing and its promise resolving,
  // another caller in this process would see a record with our pid and a nonce not in `held`, take it
  // for a previous process's, and break a live lock. A signal in that window releases it too.
  held.set(nonce, lockPath);
  try {
    await writeDraft();
    for (;;) {
      if (await moveIntoPlace(draft, lockPath, writeDraft)) {
        await removeOldDrafts(path);
        return async () => {
          held.delete(nonce);
          await unlink(join(lockPath, `owner.${nonce}`)).catch(() => undefined);
          await rmdir(lockPath).catch(() => undefined);
        };
      }
      // Poll while a live holder keeps it; try again as soon as it is free or was taken over.
      let waited = false;
      for (let holder = await takeOverIfStale(lockPath, owner.host, known); holder !== undefined; holder = await takeOverIfStale(lockPath, owner.host, known)) {
        if (Date.now() - started > waitMs) {
          throw new CliError(`${basename(path)} is locked by another influxadm (${holder}; ${lockPath})`, 1, 'wait for it to finish; if no influxadm is running, remove the lock');
        }
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * Math.min(50, 5 * ++polls)));
        waited = true;
      }
      // Free every time we look, yet never ours: something is badly wrong; do not spin on it.
      spins = waited ? 0 : spins + 1;
      if (spins > 100) throw new CliError(`cannot take the lock ${lockPath}: it looks free, but making it keeps failing`);
    }
  } catch (error) {
    held.delete(nonce);
    await rm(draft, { recursive: true, force: true }).catch(() => undefined);
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot lock ${lockPath}: ${(error as Error).message}`);
  }
}

/** rename() of a directory fails while the target holds a record: the one atomic step of taking the lock. */
async function moveIntoPlace(draft: string, lockPath: string, writeDraft: () => Promise<void>): Promise<boolean> {
  try {
    await rename(draft, lockPath);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Our draft was swept as litter while we waited long: make it again.
    if (code === 'ENOENT') await writeDraft();
    // Held (a directory with a record, or an old-style lock file); Windows says EPERM.
    else if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'ENOTDIR' && code !== 'EPERM') throw error;
    return false;
  }
}

/**
 * Removes the lock if it is abandoned and says so with undefined (try again at once); otherwise
 * describes the live holder. `known` keeps the records read so far: while the same one holds the
 * lock, a poll is a readdir and a check of its pid.
 */
async function takeOverIfStale(lockPath: string, me: string, known: Map<string, OwnerRecord | undefined>): Promise<string | undefined> {
  let names: string[];
  try {
    names = await readdir(lockPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') return takeOverOldLockFile(lockPath);
    return `a lock that cannot be read (${code})`;
  }
  const name = names.find((entry) => entry.startsWith('owner.'));
  if (name === undefined) {
    // A lock between its release (or takeover) and its rmdir; rmdir() cannot remove a held one.
    const removed = await rmdir(lockPath).then(() => true, (error: NodeJS.ErrnoException) => error.code === 'ENOENT');
    return removed ? undefined : 'a lock directory without an owner record';
  }
  const record = join(lockPath, name);
  let mtimeMs = 0;
  if (!known.has(name) || known.get(name)?.host !== me) {
    const [text, info] = await Promise.all([readFile(record, 'utf8').catch(() => ''), stat(record).catch(() => undefined)]);
    if (!info) return undefined;
    known.set(name, parseOwner(text));
    mtimeMs = info.mtimeMs;
  }
  const owner = known.get(name);
  const abandoned = owner && owner.host === me
    ? !isAlive(owner.pid) || (owner.pid === process.pid && !held.has(name.slice('owner.'.length)))
    : Date.now() - mtimeMs > STALE_MS;
  if (!abandoned) return owner ? `pid ${owner.pid}${owner.host === me ? '' : ` on ${owner.host.split(' ')[0]}`}` : 'an unreadable owner record';
  // Only one taker's unlink succeeds, and only for this record: a fresh lock has another name.
  await unlink(record).catch(() => undefined);
  await rmdir(lockPath).catch(() => undefined);
  return undefined;
}

/** The lock file of earlier versions (`open(wx)`, the pid inside); unlink() cannot remove a lock directory. */
async function takeOverOldLockFile(lockPath: string): Promise<string | undefined> {
  const [text, info] = await Promise.all([readFile(lockPath, 'utf8').catch(() => ''), stat(lockPath).catch(() => undefined)]);
  if (!info) return undefined;
  const pid = Number(text.trim());
  const alive = Number.isSafeInteger(pid) && pid > 0 ? isAlive(pid) : Date.now() - info.mtimeMs <= STALE_MS;
  if (alive) return `pid ${pid}`;
  await unlink(lockPath).catch(() => undefined);
  return undefined;
}

function parseOwner(text: string): OwnerRecord | undefined {
  try {
    const value = JSON.parse(text) as Partial<OwnerRecord>;
    return Number.isSafeInteger(value.pid) && typeof value.host === 'string' ? (value as OwnerRecord) : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Drafts left by a process killed while making one: harmless, but litter. */
async function removeOldDrafts(path: string): Promise<void> {
  const prefix = `${basename(path)}.lock.`;
  const dir = dirname(path);
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith(prefix) || !/^[0-9a-f]{16}\.tmp$/.test(name.slice(prefix.length))) continue;
    const info = await stat(join(dir, name)).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > STALE_MS) await rm(join(dir, name), { recursive: true, force: true }).catch(() => undefined);
  }
}
