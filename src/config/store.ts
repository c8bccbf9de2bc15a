// The profile file: one JSON document under the config dir, mode 0600. Every change is a
// read-modify-write under an exclusive lock (lock.ts), written to a temp file and renamed into place,
// so two concurrent invocations never lose each other's change and a crash never leaves half a file.
// Names are data: every object read from a file has no prototype, so a profile called `constructor`
// is a profile like any other.

// Reads are synchronous where they cannot block (read-file.ts) and writes use fs.promises, which Node
// loads on first use: node:fs/promises costs a command about 1.5 ms to load, and most commands only read.
import { promises as fsp, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError, ExitCode } from '../errors.js';
import type { Product } from '../products/registry.js';
import { readTextFile } from '../read-file.js';
import { uniqueSuffix } from './unique-suffix.js';
import { writeErr } from '../stdio.js';

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
  /** Where the product picks its server by region. */
  region?: string;
  /** A product whose tokens come from an identity service: the project, the service user, the service. */
  project?: string;
  serviceUser?: string;
  identityUrl?: string;
  /** When the stored token expires (RFC 3339), where tokens expire. */
  tokenExpiresAt?: string;
  /** Where the service user's password was stored, when the user let it be (to renew the token). */
  passwordIn?: 'keychain' | 'file';
  /** The token may go over plain http:// to this profile's host without a warning (the user said so). */
  allowHttp?: boolean;
  /** Where its token was stored, so reads never probe a keychain that was not used. */
  secretIn?: 'keychain' | 'file';
  /** The config directory its keychain entries are named with, when not the default one (secrets.ts). */
  keychainScope?: string;
}

export interface ConfigFile {
  version: 1;
  active?: string;
  profiles: Record<string, ProfileRecord>;
}

export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.INFLUXADM_CONFIG_DIR) return env.INFLUXADM_CONFIG_DIR;
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(homeDir(), '.config');
  return join(base, 'influxadm');
}

/** os.homedir(), which reads HOME first; node:os is loaded (~0.3 ms) only when HOME is not set. */
function homeDir(): string {
  return process.env.HOME ?? process.getBuiltinModule('node:os').homedir();
}

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), 'config.json');
}

/** The file store's name, beside config.json (secrets.ts owns its content). */
export const CREDENTIALS_FILE = 'credentials.json';

const empty = (): ConfigFile => ({ version: 1, profiles: Object.create(null) as Record<string, ProfileRecord> });

/** JSON.parse with every object prototype-free: `constructor`, `toString` or `__proto__` are keys like any other. */
export function parseJsonData(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.assign(Object.create(null) as object, value) : value);
}

/**
 * Reads a file of ours; a missing one is undefined. A config dir that is a file (or lies under one) is
 * one clean error, a usage error when INFLUXADM_CONFIG_DIR named it.
 */
export async function readOwnFile(path: string, what: string): Promise<string | undefined> {
  try {
    return await readTextFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') throw unusableConfigDir(dirname(path), code);
    throw new CliError(`cannot read the ${what} ${path}: ${(error as Error).message}`);
  }
}

function unusableConfigDir(dir: string, code: string): CliError {
  const named = process.env.INFLUXADM_CONFIG_DIR;
  const fromEnv = named !== undefined && named !== '' && resolve(named) === resolve(dir);
  return new CliError(
    `the config directory ${dir} cannot be used: it, or a directory above it, is a file (${code})`,
    fromEnv ? ExitCode.usage : ExitCode.failure,
    fromEnv ? 'point INFLUXADM_CONFIG_DIR at a directory' : 'move that file aside, or point INFLUXADM_CONFIG_DIR at a directory',
  );
}

/** Reads the config; a missing file is an empty config, a corrupt one is an error naming the path. */
export async function readConfig(path = configPath()): Promise<ConfigFile> {
  warnAboutPermissions(dirname(path));
  const text = await readOwnFile(path, 'config file');
  if (text === undefined) return empty();
  let parsed: unknown;
  try {
    parsed = parseJsonData(text);
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

const TEXT_FIELDS = ['product', 'host', 'account', 'cluster', 'tlsCa', 'org', 'region', 'project', 'serviceUser', 'identityUrl', 'tokenExpiresAt', 'keychainScope'] as const;
const SWITCHES = ['tlsNoVerify', 'allowHttp'] as const;
const CHOICES: Record<string, readonly string[]> = { credentialStore: ['auto', 'keyring', 'file'], secretIn: ['keychain', 'file'], passwordIn: ['keychain', 'file'] };
/** Every field of a profile that influxadm writes and reads and shows (the keychain scope is its own business). */
export const PROFILE_FIELDS: readonly string[] = [...TEXT_FIELDS, ...SWITCHES, ...Object.keys(CHOICES)].filter((field) => field !== 'keychainScope');

/**
 * A profile's entry as the tool writes it, checked when the profile is used: one edited by hand (or by
 * another version) fails with its name, not as a crash deep in a command. Only the profile in use is
 * checked, so one bad entry does not stop the others, `profile list` or `profile delete`.
 */
export function checkProfileShape(name: string, record: unknown, path = configPath()): asserts record is ProfileRecord {
  const wrong = profileFault(record);
  if (wrong) throw new CliError(`profile "${name}" in the config file ${path} is not what influxadm writes (${wrong}); it was left as it is`, ExitCode.failure, `fix it by hand, or delete it: influxadm profile delete ${name} --yes`);
}

function profileFault(record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return 'not an object';
  const r = record as Record<string, unknown>;
  if (typeof r.product !== 'string') return 'no product';
  for (const field of TEXT_FIELDS) if (r[field] !== undefined && typeof r[field] !== 'string') return `${field} is not text`;
  for (const field of SWITCHES) if (r[field] !== undefined && typeof r[field] !== 'boolean') return `${field} is not true or false`;
  for (const [field, allowed] of Object.entries(CHOICES)) {
    if (r[field] !== undefined && !allowed.includes(r[field] as string)) return `${field} is not one of ${allowed.join(', ')}`;
  }
  return undefined;
}

const permissionsChecked = new Set<string>();

/**
 * Once per run and config dir, one line on stderr when others may change the dir or its files, or
 * read the credentials file. Only a warning: the user may have a reason, and refusing would lock
 * them out of their own profiles.
 */
export function warnAboutPermissions(dir: string, warn: (line: string) => void = (line) => writeErr(`${line}\n`)): void {
  if (process.platform === 'win32' || permissionsChecked.has(dir)) return;
  permissionsChecked.add(dir);
  const targets: Array<[string, number]> = [[dir, 0o022], [join(dir, 'config.json'), 0o022], [join(dir, CREDENTIALS_FILE), 0o077]];
  const loose = targets.flatMap(([path, mask]) => {
    const mode = modeOf(path);
    return mode !== undefined && (mode & mask) !== 0 ? [{ path, text: `${path} is ${describeLoose(mode & mask)} (mode ${mode.toString(8).padStart(4, '0')})` }] : [];
  });
  if (loose.length > 0) {
    warn(`warning: ${loose.map((l) => l.text).join('; ')}: other users could change your profiles or read your tokens; fix with chmod go-rwx ${loose.map((l) => l.path).join(' ')}`);
  }
}

function modeOf(path: string): number | undefined {
  try {
    const stats = statSync(path, { throwIfNoEntry: false });
    return stats === undefined ? undefined : stats.mode & 0o777;
  } catch {
    return undefined;
  }
}

function describeLoose(bits: number): string {
  const who = [bits & 0o070 ? 'group' : '', bits & 0o007 ? 'world' : ''].filter(Boolean).join('- and ');
  const what = bits & 0o044 ? (bits & 0o022 ? 'readable and writable' : 'readable') : 'writable';
  return `${who}-${what}`;
}

/** Applies `change` to the config under the lock and writes the result atomically. */
export async function updateConfig<T>(change: (config: ConfigFile) => T | Promise<T>, path = configPath()): Promise<T> {
  return updateLockedJson(path, () => readConfig(path), change);
}

/**
 * Read-modify-write of a JSON file under an exclusive lock, written atomically with mode 0600.
 * Shared by the config and the credentials file. A symlinked file stays a symlink: the lock, the temp
 * file and the rename are beside its target.
 */
export async function updateLockedJson<D, T>(path: string, read: () => Promise<D>, change: (data: D) => T | Promise<T>): Promise<T> {
  await ensureConfigDir(dirname(path));
  const target = await linkTarget(path);
  const { acquireLock } = await import('./lock.js');
  const release = await acquireLock(target);
  try {
    // Every writer of this file holds the lock, so any temp file of it now is a crashed writer's.
    await removeTempFiles(target);
    const data = await read();
    const result = await change(data);
    await writeAtomic(target, `${JSON.stringify(data, null, 2)}\n`);
    return result;
  } finally {
    await release();
  }
}

async function ensureConfigDir(dir: string): Promise<void> {
  try {
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw unusableConfigDir(dir, code);
    throw new CliError(`cannot create the config directory ${dir}: ${(error as Error).message}`);
  }
}

const tempName = (path: string) => `${path}.${process.pid}.${uniqueSuffix(8)}.tmp`;

async function removeTempFiles(path: string): Promise<void> {
  const base = basename(path);
  const ours = (name: string) => name.startsWith(`${base}.`) && /^\d+\.[0-9a-f]{8}\.tmp$/.test(name.slice(base.length + 1));
  const dir = dirname(path);
  for (const name of (await fsp.readdir(dir).catch(() => [] as string[])).filter(ours)) {
    await fsp.unlink(join(dir, name)).catch(() => undefined);
  }
}

/** The file operations writeAtomic uses, so a test can fail one of them half-way. */
export type AtomicFs = Pick<typeof fsp, 'open' | 'rename' | 'link' | 'unlink' | 'chmod' | 'readlink' | 'lstat'>;

const CHUNK = 64 * 1024;

/**
 * Writes a file through a temp file beside it and a rename; mode 0600; used for config and secrets
 * alike. Whatever fails, the old file is whole and the temp file is gone. A symlink at `path` is
 * kept: its target is replaced. `exclusive` refuses to replace anything, a symlink included.
 */
export async function writeAtomic(path: string, content: string, options: { exclusive?: boolean; fs?: AtomicFs } = {}): Promise<void> {
  const fs = options.fs ?? fsp;
  const target = options.exclusive ? path : await linkTarget(path, fs);
  // The rename would put a regular file in place of a FIFO or a device: never. (Callers check first; this
  // holds when something appears at the path between their check and this write.)
  if (!options.exclusive) {
    const existing = await fs.lstat(target).catch(() => undefined);
    if (existing && !existing.isFile()) throw new CliError(`${target} is not a regular file; it was not replaced`, ExitCode.usage);
  }
  const temp = tempName(target);
  const handle = await fs.open(temp, 'wx', 0o600);
  holdTemp(temp);
  try {
    try {
      const data = Buffer.from(content, 'utf8');
      for (let offset = 0; offset < data.length;) {
        offset += (await handle.write(data, offset, Math.min(CHUNK, data.length - offset))).bytesWritten;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.chmod(temp, 0o600);
    if (options.exclusive) {
      // link() fails if the target exists, which rename() would silently replace.
      await fs.link(temp, target);
      await fs.unlink(temp);
    } else {
      await fs.rename(temp, target);
    }
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  } finally {
    unfinished.delete(temp);
  }
  await syncDir(dirname(target), fs);
}

/**
 * Temp files being written now. Ctrl-C, SIGTERM and SIGHUP end the run with process.exit (cli.ts), which
 * runs no `finally`: a write under way would leave its temp file beside the target (`tokens.json.<pid>.<hex>.tmp`,
 * perhaps holding secrets). The 'exit' hook, set on the first write, removes them; the target stays as it was.
 */
const unfinished = new Set<string>();

function holdTemp(temp: string): void {
  if (unfinished.size === 0 && !process.listeners('exit').includes(removeUnfinishedTemps)) process.on('exit', removeUnfinishedTemps);
  unfinished.add(temp);
}

/** Removes the temp files of writes that did not finish (synchronously: it runs at exit). */
export function removeUnfinishedTemps(): void {
  for (const temp of unfinished) {
    try {
      unlinkSync(temp);
    } catch {
      // Renamed or linked into place a moment ago, or never made: nothing to remove.
    }
  }
  unfinished.clear();
}

/** The rename is durable only once the directory is; not possible on every platform, so best effort. */
async function syncDir(dir: string, fs: AtomicFs): Promise<void> {
  const handle = await fs.open(dir, 'r').catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close();
}

/** Where a write to `path` lands: through every symlink, so that a linked file stays linked. */
async function linkTarget(path: string, fs: Pick<AtomicFs, 'readlink'> = fsp): Promise<string> {
  let current = path;
  for (let hops = 0; hops < 40; hops++) {
    let next: string;
    try {
      next = await fs.readlink(current);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Not a symlink (EINVAL), or nothing there yet: this is the file to write.
      if (code === 'EINVAL' || code === 'ENOENT') return current;
      throw error;
    }
    current = resolve(dirname(current), next);
  }
  throw new CliError(`${path}: too many levels of symbolic links`);
}
