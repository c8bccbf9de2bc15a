// The profile file: one JSON document under the config dir, mode 0600. Every change is a
// read-modify-write under an exclusive lock file, written to a temp file and renamed into place, so
// two concurrent invocations never lose each other's change and a crash never leaves half a file.

import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { chmod, link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CliError } from '../errors.js';
import type { Product } from '../products/registry.js';

export type StoreMode = 'auto' | 'keyring' | 'file';
export const STORE_MODES: readonly StoreMode[] = ['auto', 'keyring', 'file'];

export interface ProfileRecord {
  product: Product;
  host?: string;
  account?: string;
  cluster?: string;
  tlsCa?: string;
  tlsNoVerify?: boolean;
  /** v2: the organization name `v1-auth` uses by default. */
  org?: string;
  /** Where this profile's token should be stored (default auto). */
  credentialStore?: StoreMode;
  /** The token may go over plain http:// to this profile's host without a warning (the user said so). */
  allowHttp?: boolean;
  /** Where its token was stored, so reads never probe a keychain that was not used. */
  secretIn?: 'keychain' | 'file';
}

export interface ConfigFile {
  version: 1;
  active?: string;
  profiles: Record<string, ProfileRecord>;
}

export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.INFLUXADM_CONFIG_DIR) return env.INFLUXADM_CONFIG_DIR;
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'influxadm');
}

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), 'config.json');
}

const empty = (): ConfigFile => ({ version: 1, profiles: {} });

/** Reads the config; a missing file is an empty config, a corrupt one is an error naming the path. */
export async function readConfig(path = configPath()): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return empty();
    throw new CliError(`cannot read the config file ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliError(`the config file ${path} is not valid JSON (${(error as Error).message}); it was left as it is`, 1, 'fix it by hand or move it aside');
  }
  if (!isConfig(parsed)) {
    throw new CliError(`the config file ${path} is not an influxadm config (expected {"version":1,"profiles":{…}}); it was left as it is`, 1, 'fix it by hand or move it aside');
  }
  return parsed;
}

function isConfig(value: unknown): value is ConfigFile {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.version === 1 && typeof v.profiles === 'object' && v.profiles !== null && !Array.isArray(v.profiles)
    && (v.active === undefined || typeof v.active === 'string');
}

const LOCK_STALE_MS = 15_000;
const LOCK_WAIT_MS = 20_000;

/** Applies `change` to the config under the lock and writes the result atomically. */
export async function updateConfig<T>(change: (config: ConfigFile) => T | Promise<T>, path = configPath()): Promise<T> {
  return updateLockedJson(path, () => readConfig(path), change);
}

/**
 * Read-modify-write of a JSON file under an exclusive lock file, written atomically with mode 0600.
 * Shared by the config and the credentials file.
 */
export async function updateLockedJson<D, T>(path: string, read: () => Promise<D>, change: (data: D) => T | Promise<T>): Promise<T> {
  await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
  const release = await acquireLock(`${path}.lock`);
  try {
    const data = await read();
    const result = await change(data);
    await writeAtomic(path, `${JSON.stringify(data, null, 2)}\n`);
    return result;
  } finally {
    await release();
  }
}

/** Locks this process holds, so that a signal handler can release them before the process exits. */
const held = new Set<string>();

/** Synchronous on purpose: it runs in a signal handler, right before process.exit. */
export function releaseHeldLocks(): void {
  for (const lockPath of held) {
    try {
      unlinkSync(lockPath);
    } catch {
      // Already gone.
    }
  }
  held.clear();
}

async function acquireLock(lockPath: string): Promise<() => Promise<void>> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      held.add(lockPath);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return async () => {
        held.delete(lockPath);
        await unlink(lockPath).catch(() => undefined);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new CliError(`cannot lock the config file (${lockPath}): ${(error as Error).message}`);
      }
    }
    // A lock left by a crashed process is taken over once it is clearly stale.
    const age = await stat(lockPath).then((s) => Date.now() - s.mtimeMs, () => 0);
    if (age > LOCK_STALE_MS) {
      await unlink(lockPath).catch(() => undefined);
      continue;
    }
    if (Date.now() - started > LOCK_WAIT_MS) {
      throw new CliError(`the config file is locked by another influxadm (${lockPath})`, 1, 'wait for it to finish, or remove the lock file if no influxadm is running');
    }
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * Math.min(50, 5 * (attempt + 1))));
  }
}

/** Writes a file through a temp file and rename; mode 0600; used for config and secrets alike. */
export async function writeAtomic(path: string, content: string, options: { exclusive?: boolean } = {}): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await chmod(temp, 0o600);
    if (options.exclusive) {
      // link() fails if the target exists, which rename() would silently replace.
      await link(temp, path);
      await unlink(temp);
    } else {
      await rename(temp, path);
    }
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
