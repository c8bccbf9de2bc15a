// Where stored tokens live (design §5): the OS keychain through @napi-rs/keyring, or a 0600 JSON file
// beside the config. Each keychain entry has service `influxadm` and the profile name as its account,
// so the OS's own tools find it (`secret-tool search service influxadm`, Keychain Access).
//
// Modes: `keyring` fails closed; `file` never touches the keychain; `auto` tries the keychain and
// falls back to the file, saying so with the keychain's own error. The keychain is reached from a
// child process (keychain.ts), so every call is bounded in time and Ctrl-C always works.

import { dirname, join, resolve } from 'node:path';
import { CliError, ExitCode } from '../errors.js';
import { keychainStore } from './keychain.js';
import { configDir, CREDENTIALS_FILE, parseJsonData, readOwnFile, updateLockedJson, warnAboutPermissions, type ProfileRecord, type StoreMode } from './store.js';

export interface SecretStore {
  readonly kind: 'keychain' | 'file';
  get(account: string): Promise<string | undefined>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  /** Where a secret is, for humans: never the secret. */
  where(account: string): string;
}

/**
 * The account under which a service user's password is kept beside its profile's token (the profile's
 * `passwordIn` says in which store). A profile name has no colon, so it never names another profile's token.
 */
export function passwordAccount(profileName: string): string {
  return `${profileName}:password`;
}

export function credentialsPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), CREDENTIALS_FILE);
}

interface CredentialsFile {
  version: 1;
  tokens: Record<string, string>;
}

export function fileStore(path = credentialsPath()): SecretStore {
  const read = async (): Promise<CredentialsFile> => {
    warnAboutPermissions(dirname(path));
    const text = await readOwnFile(path, 'credentials file');
    if (text === undefined) return { version: 1, tokens: Object.create(null) as Record<string, string> };
    try {
      const parsed = parseJsonData(text) as CredentialsFile;
      if (parsed.version !== 1 || typeof parsed.tokens !== 'object' || parsed.tokens === null) throw new Error('unexpected shape');
      return parsed;
    } catch (error) {
      // Not the parser's message: it quotes the text around the fault, which in this file is a token.
      const reason = (error as Error).message === 'unexpected shape' ? 'not {"version":1,"tokens":{…}}' : 'not valid JSON';
      throw new CliError(`the credentials file ${path} is ${reason}; it was left as it is`, ExitCode.failure, 'fix it by hand or move it aside');
    }
  };
  return {
    kind: 'file',
    get: async (account) => {
      const { tokens } = await read();
      const token = Object.hasOwn(tokens, account) ? tokens[account] : undefined;
      return typeof token === 'string' ? token : undefined;
    },
    set: (account, secret) => updateLockedJson(path, read, (data) => void (data.tokens[account] = secret)),
    delete: (account) => updateLockedJson(path, read, (data) => {
      const had = Object.hasOwn(data.tokens, account);
      delete data.tokens[account];
      return had;
    }),
    where: () => path,
  };
}

export interface Stores {
  keychain: SecretStore;
  file: SecretStore;
}

/**
 * The stores of a profile's secrets. `scope` is the profile's `keychainScope` when reading or removing what
 * it stored, or `keychainScopeFor(env)` when storing anew.
 */
export function defaultStores(env: NodeJS.ProcessEnv = process.env, scope?: string): Stores {
  return { keychain: keychainStore({ env, scope }), file: fileStore(credentialsPath(env)) };
}

/**
 * The keychain is one per user; config directories may be many (INFLUXADM_CONFIG_DIR per project or CI
 * job), each with its own `prod`. Entries of the default directory are named by the profile alone (as the
 * OS's tools show them); those of any other directory also by the directory, so that its `prod` never reads,
 * overwrites or removes another's. The profile records the scope its secrets went to (`keychainScope`).
 */
export function keychainScopeFor(env: NodeJS.ProcessEnv): string | undefined {
  const dir = resolve(configDir(env));
  return dir === resolve(configDir({ ...env, INFLUXADM_CONFIG_DIR: undefined })) ? undefined : dir;
}

/**
 * The stores a profile's secrets are stored anew in: the keychain scope of this config directory, unless a
 * kept password that stays where it is (`keepPassword`) ties the profile to the scope it has. A token left
 * in the keychain under another scope is removed when that scope is the profile's own (an unscoped entry
 * of an earlier version may be another directory's profile of the same name, so it is left alone).
 * `previous` is what storeSecret may clean up in these stores.
 */
export async function storesForNewSecrets(env: NodeJS.ProcessEnv, profileName: string, profile: ProfileRecord, keepPassword: boolean): Promise<{ stores: Stores; scope: string | undefined; previous: (field: 'secretIn' | 'passwordIn') => 'keychain' | 'file' | undefined }> {
  const scope = keepPassword && profile.passwordIn === 'keychain' ? profile.keychainScope : keychainScopeFor(env);
  const moved = profile.keychainScope !== scope;
  if (moved && profile.keychainScope !== undefined) {
    const old = keychainStore({ env, scope: profile.keychainScope });
    if (profile.secretIn === 'keychain') await old.delete(profileName).catch(() => false);
    if (profile.passwordIn === 'keychain' && !keepPassword) await old.delete(passwordAccount(profileName)).catch(() => false);
  }
  return {
    stores: defaultStores(env, scope),
    scope,
    previous: (field) => (moved && profile[field] === 'keychain' ? undefined : profile[field]),
  };
}

/** Records in a profile the keychain scope of its secrets: kept while one of them is in the keychain. */
export function recordKeychainScope(profile: ProfileRecord, scope: string | undefined): void {
  if (scope !== undefined && (profile.secretIn === 'keychain' || profile.passwordIn === 'keychain')) profile.keychainScope = scope;
  else delete profile.keychainScope;
}

/**
 * Stores a secret by mode; returns where it went. `warn` hears about an auto fallback. `previous` is
 * where the account's secret was before: a copy left in the other store is removed. `what` names the
 * secret in messages (a token, or a service user's password).
 */
export async function storeSecret(mode: StoreMode, account: string, secret: string, stores: Stores, warn: (line: string) => void, previous?: 'keychain' | 'file', what = 'token'): Promise<'keychain' | 'file'> {
  if (mode === 'file') {
    await stores.file.set(account, secret);
    if (previous === 'keychain') await stores.keychain.delete(account).catch(() => false);
    return 'file';
  }
  try {
    await stores.keychain.set(account, secret);
  } catch (error) {
    // Ctrl-C while the keychain was asked: no fallback, just stop.
    if (error instanceof CliError) throw error;
    const reason = (error as Error).message;
    if (mode === 'keyring') {
      throw new CliError(`the keychain is unavailable (${reason}); nothing was stored`, ExitCode.failure, 'start your keychain, or choose --credential-store file (or auto)');
    }
    await stores.file.set(account, secret);
    warn(`warning: the keychain is unavailable (${reason}); the ${what} went to ${stores.file.where(account)} (mode 0600) instead`);
    if (previous === 'keychain') await stores.keychain.delete(account).catch(() => false);
    return 'file';
  }
  // A copy left in the file from before would shadow nothing but is still a plaintext secret.
  await stores.file.delete(account).catch(() => false);
  return 'keychain';
}

/** flag > INFLUXADM_CREDENTIAL_STORE > the profile's setting > auto. */
export function storeModeFor(flag: string | undefined, env: NodeJS.ProcessEnv, profile: { credentialStore?: StoreMode } | undefined): StoreMode {
  if (flag !== undefined) return parseStoreMode(flag, '--credential-store');
  if (env.INFLUXADM_CREDENTIAL_STORE) return parseStoreMode(env.INFLUXADM_CREDENTIAL_STORE, 'INFLUXADM_CREDENTIAL_STORE');
  return profile?.credentialStore ?? 'auto';
}

/** Enough of a token to recognise it, never enough to use it. */
export function maskToken(token: string): string {
  return token.length >= 16 ? `${token.slice(0, 4)}…${token.slice(-4)}` : '****';
}

export function parseStoreMode(value: string, origin: string): StoreMode {
  if (value === 'auto' || value === 'keyring' || value === 'file') return value;
  throw new CliError(`unknown credential store "${value}" (from ${origin}); use auto, keyring or file`, ExitCode.usage);
}
