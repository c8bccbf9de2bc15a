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

import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, readlink, rename, rm, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { CliError } from '../errors.js';

const STALE_MS = 15_000;
const WAIT_MS = 20_000;

export interface LockOptions {
  /** How long to wait for a live holder before giving up. */
  waitMs?: number;
  /** When a lock from another host (or an unreadable one) counts as abandoned. */
  staleMs?: number;
}

export interface OwnerRecord {
  pid: number;
  host: string;
  created: string;
}

/** Nonces of the locks this process holds: a record with our pid but another nonce is a previous process's. */
const held = new Set<string>();

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
  const staleMs = options.staleMs ?? STALE_MS;
  const nonce = randomBytes(8).toString('hex');
  const owner: OwnerRecord = { pid: process.pid, host: await hostIdentity(), created: new Date().toISOString() };
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    if (await tryCreate(lockPath, nonce, owner)) {
      held.add(nonce);
      await removeOldDrafts(path, staleMs);
      return async () => {
        held.delete(nonce);
        await unlink(join(lockPath, `owner.${nonce}`)).catch(() => undefined);
        await rmdir(lockPath).catch(() => undefined);
      };
    }
    const holder = await takeOverIfStale(lockPath, owner.host, staleMs);
    if (holder === undefined) continue;
    if (Date.now() - started > waitMs) {
      throw new CliError(`${basename(path)} is locked by another influxadm (${holder}; ${lockPath})`, 1, 'wait for it to finish; if no influxadm is running, remove the lock');
    }
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * Math.min(50, 5 * (attempt + 1))));
  }
}

async function tryCreate(lockPath: string, nonce: string, owner: OwnerRecord): Promise<boolean> {
  const draft = `${lockPath}.${nonce}.tmp`;
  try {
    await mkdir(draft, { mode: 0o700 });
    await writeFile(join(draft, `owner.${nonce}`), `${JSON.stringify(owner)}\n`, { mode: 0o600, flag: 'wx' });
    await rename(draft, lockPath);
    return true;
  } catch (error) {
    await rm(draft, { recursive: true, force: true }).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    // Held (a directory with a record, or an old-style lock file); Windows says EPERM.
    if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR' || code === 'EPERM') return false;
    throw new CliError(`cannot lock ${lockPath}: ${(error as Error).message}`);
  }
}

/**
 * Removes the lock if it is abandoned and says so with undefined (try again at once); otherwise
 * describes the live holder.
 */
async function takeOverIfStale(lockPath: string, me: string, staleMs: number): Promise<string | undefined> {
  const info = await stat(lockPath).catch(() => undefined);
  if (!info) return undefined;
  if (!info.isDirectory()) return takeOverOldLockFile(lockPath, info.mtimeMs, staleMs);
  const records = (await readdir(lockPath).catch(() => [])).filter((name) => name.startsWith('owner.'));
  if (records.length === 0) {
    // A lock between its release (or takeover) and its rmdir; rmdir() cannot remove a held one.
    await rmdir(lockPath).catch(() => undefined);
    return undefined;
  }
  const name = records[0]!;
  const record = join(lockPath, name);
  const [text, recordInfo] = await Promise.all([readFile(record, 'utf8').catch(() => ''), stat(record).catch(() => undefined)]);
  if (!recordInfo) return undefined;
  const owner = parseOwner(text);
  const abandoned = owner && owner.host === me
    ? !isAlive(owner.pid) || (owner.pid === process.pid && !held.has(name.slice('owner.'.length)))
    : Date.now() - recordInfo.mtimeMs > staleMs;
  if (!abandoned) return owner ? `pid ${owner.pid}${owner.host === me ? '' : ` on ${owner.host.split(' ')[0]}`}` : 'an unreadable owner record';
  // Only one taker's unlink succeeds, and only for this record: a fresh lock has another name.
  await unlink(record).catch(() => undefined);
  await rmdir(lockPath).catch(() => undefined);
  return undefined;
}

/** The lock file of earlier versions (`open(wx)`, the pid inside); unlink() cannot remove a lock directory. */
async function takeOverOldLockFile(lockPath: string, mtimeMs: number, staleMs: number): Promise<string | undefined> {
  const pid = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
  const alive = Number.isSafeInteger(pid) && pid > 0 ? isAlive(pid) : Date.now() - mtimeMs <= staleMs;
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
async function removeOldDrafts(path: string, staleMs: number): Promise<void> {
  const prefix = `${basename(path)}.lock.`;
  const dir = dirname(path);
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith(prefix) || !/^[0-9a-f]{16}\.tmp$/.test(name.slice(prefix.length))) continue;
    const info = await stat(join(dir, name)).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > staleMs) await rm(join(dir, name), { recursive: true, force: true }).catch(() => undefined);
  }
}
