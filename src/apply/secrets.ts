// Where the secrets of created tokens go: never to a log. `--secrets-out FILE` keeps a JSON map
// `target/kind/name → secret` (mode 0600; an existing file only with --force, which keeps the secrets an
// earlier run wrote there), rewritten atomically as
// secrets arrive, each put resolving once its secret is on disk; `--secrets-to-keychain` stores each under
// its own keychain entry; `--print-secrets` hands them to the results on stdout, for whoever asked.

import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { CliError, ExitCode, usageError } from '../errors.js';
import { writeAtomic } from '../config/store.js';
import { checkOutputFile } from '../format/secret.js';
import type { SecretStore } from '../config/secrets.js';

/**
 * The secrets a --secrets-out file holds from an earlier apply, kept when --force writes to it again. A re-run
 * after a partial failure creates only what the first run did not, and the first run's secrets, shown once,
 * are nowhere else: replacing the file lost them. A file that is not such a map (no file, or another) is
 * replaced, as before.
 */
function earlierSecrets(path: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const entries = Object.entries(value);
  return entries.every(([, secret]) => typeof secret === 'string') ? Object.fromEntries(entries) as Record<string, string> : {};
}

/** Keychain accounts of apply's secrets: `apply/TARGET/KIND/NAME`, and `@DIR` after it as for profile tokens. */
const KEYCHAIN_PREFIX = 'apply/';

/**
 * The keychain scoped as profile tokens are (keychainScopeFor): outside the default config directory an
 * entry is `ACCOUNT@DIR`, so two directories applying the same file never overwrite each other's secrets.
 */
async function applyKeychain(env: NodeJS.ProcessEnv): Promise<SecretStore> {
  const [{ keychainStore }, { keychainScopeFor }] = await Promise.all([import('../config/keychain.js'), import('../config/secrets.js')]);
  return keychainStore({ env, scope: keychainScopeFor(env) });
}

export interface SecretSink {
  /** What results say about where a secret went (never the secret, unless printing was asked for). */
  put(name: string, secret: string): Promise<{ secretIn?: string; secret?: string }>;
  close(): Promise<void>;
  /**
   * Whether a put may go on after its step has given its apply slot back (execute.ts): only where puts
   * cost next to nothing and share their work (the file's writes, printing). Not the keychain's: each put
   * is a helper process, a few at a time, whose time bound counts from the call, so puts piling up past
   * the slots timed out and lost the secrets of tokens that exist (200 tokens: 85 lost); there a step
   * keeps its slot until its secret is stored, which bounds the puts at --concurrency.
   */
  releasesSlot?: boolean;
}

export interface SecretFlags {
  secretsOut?: string;
  secretsToKeychain?: boolean;
  printSecrets?: boolean;
}

/** Checks the choice before anything is sent; `needed` says whether this apply creates any secret. */
export async function checkSecretFlags(flags: SecretFlags, overwrite: boolean, needed: boolean, env: NodeJS.ProcessEnv): Promise<void> {
  const chosen = [flags.secretsOut !== undefined, flags.secretsToKeychain === true, flags.printSecrets === true].filter(Boolean).length;
  if (chosen > 1) throw usageError('give one of --secrets-out, --secrets-to-keychain and --print-secrets');
  if (!needed) return;
  if (chosen === 0) {
    throw usageError(
      'this apply creates tokens, and their secrets are shown only once: say where they go',
      'pass --secrets-out FILE (0600), --secrets-to-keychain, or --print-secrets to have them on stdout',
    );
  }
  await checkOutputFile(flags.secretsOut, overwrite, '--secrets-out');
  if (flags.secretsToKeychain) await checkKeychain(env);
}

/**
 * A keychain that cannot be written (no Secret Service on a headless Linux, a locked keychain) would take
 * every token's secret after the token was made, and lose it: an entry is written and removed first, so
 * that such an apply stops before anything is sent.
 */
async function checkKeychain(env: NodeJS.ProcessEnv): Promise<void> {
  const store = await applyKeychain(env);
  const probe = `${KEYCHAIN_PREFIX}.check`;
  try {
    await store.set(probe, 'influxadm checks that apply can store secrets here');
    await store.delete(probe);
  } catch (error) {
    throw new CliError(`cannot store secrets in the keychain: ${(error as Error).message}; nothing was applied`, ExitCode.failure, 'use --secrets-out FILE (0600) or --print-secrets instead');
  }
}

export async function openSink(flags: SecretFlags, overwrite: boolean, env: NodeJS.ProcessEnv): Promise<SecretSink> {
  if (flags.secretsOut !== undefined) return fileSink(flags.secretsOut, overwrite);
  if (flags.secretsToKeychain) return keychainSink(env);
  return { put: async (_name, secret) => ({ secret }), close: async () => undefined, releasesSlot: true };
}

/** The file is created (empty map) before the first request, so no other writer can take the path meanwhile. */
async function fileSink(path: string, overwrite: boolean): Promise<SecretSink> {
  const secrets: Record<string, string> = overwrite ? earlierSecrets(path) : {};
  const text = () => `${JSON.stringify(secrets, null, 2)}\n`;
  try {
    await writeAtomic(path, text(), { exclusive: !overwrite });
  } catch (error) {
    // Something took the path after checkSecretFlags looked; nothing has been sent yet.
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw usageError(`--secrets-out ${path} exists already`, 'choose another path, or pass --force to write to it (the secrets it holds are kept)');
    throw new CliError(`cannot write --secrets-out ${path}: ${code ?? (error as Error).message}; nothing was applied`);
  }
  // Where the writes land: through a symlink given with --force, as writeAtomic writes; the last-resort
  // write at exit renames there too, not over the link.
  const landing = await realpath(path);
  let written = 0;
  let total = 0;
  let flushing: Promise<void> = Promise.resolve();
  let next: Promise<void> | undefined;
  // A Ctrl-C (process.exit) must not lose secrets of tokens that now exist.
  const lastResort = () => {
    if (written === total) return;
    const temp = `${landing}.${process.pid}.exit.tmp`;
    writeFileSync(temp, text(), { mode: 0o600 });
    renameSync(temp, landing);
  };
  process.on('exit', lastResort);
  // Secrets that arrive while a write is under way share the next write.
  const flush = () => {
    next ??= flushing.then(async () => {
      next = undefined;
      const count = total;
      await writeAtomic(path, text());
      written = Math.max(written, count);
    });
    flushing = next;
    return next;
  };
  return {
    async put(name, secret) {
      secrets[name] = secret;
      total++;
      await flush();
      return { secretIn: path };
    },
    async close() {
      await flushing;
      process.off('exit', lastResort);
    },
    releasesSlot: true,
  };
}

async function keychainSink(env: NodeJS.ProcessEnv): Promise<SecretSink> {
  const store = await applyKeychain(env);
  return {
    async put(name, secret) {
      await store.set(`${KEYCHAIN_PREFIX}${name}`, secret);
      return { secretIn: store.where(`${KEYCHAIN_PREFIX}${name}`) };
    },
    close: async () => undefined,
  };
}
