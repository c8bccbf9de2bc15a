// Where the token comes from. Commands ask `resolveToken` and never look at flags or env themselves,
// so a new source (the OS keychain) is one more provider in the list, not a change to any command.

import { FileTooLarge, readTextFile } from '../read-file.js';
import { CliError, ExitCode, usageError } from '../errors.js';
import type { GlobalOptions } from '../globals.js';
import { readStdin, STDIN_LIMITS } from '../io.js';
import { productInfo, type Product } from '../products/registry.js';
import type { Stores } from './secrets.js';
import type { ProfileRecord } from './store.js';

export type TokenSource = 'flag' | 'stdin' | 'file' | 'env' | 'keychain' | 'credential-file';

export interface ResolvedToken {
  value: string;
  source: TokenSource;
  /** Human detail: the variable's name or the file's path; never the secret. */
  detail: string;
}

export interface TokenRequest {
  product: Product;
  profileName?: string;
  profile?: ProfileRecord;
  globals: GlobalOptions;
  env: NodeJS.ProcessEnv;
  /** Where the token would go, and where the profile's own host is (see storedProvider). */
  host?: string;
  profileHost?: string;
}

export interface CredentialProvider {
  readonly name: string;
  /** `withheld` hears why a token this provider has was not offered. */
  find(request: TokenRequest, withheld?: (reason: string) => void): Promise<ResolvedToken | undefined>;
}

/** As for --token-stdin: a token is far smaller, and `--token-file /dev/zero` must not read forever. */
const TOKEN_FILE_LIMIT = STDIN_LIMITS.secret;

/** --token, --token-file, --token-stdin: at most one of them. */
export const flagProvider: CredentialProvider = {
  name: 'flags',
  async find({ globals }) {
    const given = [globals.token !== undefined, globals.tokenFile !== undefined, globals.tokenStdin === true].filter(Boolean).length;
    if (given > 1) throw usageError('give the token one way only: --token, --token-file or --token-stdin');
    if (globals.token !== undefined) return { value: sendable(globals.token, '--token'), source: 'flag', detail: '--token' };
    if (globals.tokenFile !== undefined) {
      let text: string;
      try {
        text = await readTextFile(globals.tokenFile, TOKEN_FILE_LIMIT.bytes);
      } catch (error) {
        if (error instanceof FileTooLarge) throw usageError(`the token file ${globals.tokenFile} holds more than ${TOKEN_FILE_LIMIT.shown}, more than any token`);
        throw usageError(`cannot read the token file ${globals.tokenFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      return { value: sendable(text.trim(), `the token file ${globals.tokenFile}`), source: 'file', detail: globals.tokenFile };
    }
    if (globals.tokenStdin) {
      if (process.stdin.isTTY) throw usageError('--token-stdin reads a piped token, but standard input is a terminal', 'pipe it in: influxadm … --token-stdin < token.txt');
      const text = await readStdin();
      return { value: sendable(text.trim(), 'standard input'), source: 'stdin', detail: 'standard input' };
    }
    return undefined;
  },
};

/** INFLUXADM_TOKEN, then the product's official variable. */
export const envProvider: CredentialProvider = {
  name: 'environment',
  async find({ product, env }) {
    for (const name of ['INFLUXADM_TOKEN', productInfo(product).env?.token]) {
      if (name && env[name]) return { value: sendable(env[name]!.trim(), name), source: 'env', detail: name };
    }
    return undefined;
  },
};

/**
 * The profile's stored token, read only from where `auth login` recorded it went: a keychain that was
 * never used is never probed. It is offered only for the profile's own host: a host from a flag or the
 * environment, mixed with a profile, gets no stored token. The stores are created lazily (the keychain
 * module is native).
 */
export function storedProvider(stores: (profile: ProfileRecord) => Promise<Stores>): CredentialProvider {
  return {
    name: 'stored',
    async find({ profileName, profile, host, profileHost }, withheld) {
      if (!profileName || !profile?.secretIn) return undefined;
      if (host !== undefined && host !== profileHost) {
        withheld?.(`the stored token of profile "${profileName}" is sent only to ${profileHost ?? 'its own host'}, not to ${host}`);
        return undefined;
      }
      const store = (await stores(profile))[profile.secretIn];
      let value: string | undefined;
      try {
        value = await store.get(profileName);
      } catch (error) {
        // A broken credentials file says what to do itself; a keychain may only be locked.
        if (error instanceof CliError) throw error;
        throw new CliError(`reading the token of profile "${profileName}" from ${store.where(profileName)} failed: ${(error as Error).message}`, ExitCode.failure, 'unlock the keychain, or log in again with `influxadm auth login`');
      }
      if (value === undefined) return undefined;
      return { value, source: profile.secretIn === 'keychain' ? 'keychain' : 'credential-file', detail: store.where(profileName) };
    },
  };
}

export const lazyStores = async (profile?: ProfileRecord): Promise<Stores> => (await import('./secrets.js')).defaultStores(process.env, profile?.keychainScope);

/** Precedence: flags, then environment, then the keychain or credentials file. */
export const defaultProviders: CredentialProvider[] = [flagProvider, envProvider, storedProvider(lazyStores)];

export async function resolveToken(request: TokenRequest, providers: CredentialProvider[] = defaultProviders): Promise<ResolvedToken> {
  const reasons: string[] = [];
  for (const provider of providers) {
    const found = await provider.find(request, (reason) => reasons.push(reason));
    if (found) return found;
  }
  const official = productInfo(request.product).env?.token;
  throw new CliError(
    `no token for ${request.product}${request.profileName ? ` (profile ${request.profileName})` : ''}${reasons.length ? `: ${reasons.join('; ')}` : ''}`,
    ExitCode.auth,
    `pass --token-file PATH or --token-stdin, set INFLUXADM_TOKEN${official ? ` or ${official}` : ''}, or store one with \`influxadm auth login\``,
  );
}

/**
 * A token must fit in an HTTP header: one line, no control characters, Latin-1 only. Anything else could
 * never be sent, so it is refused here, where it comes from (exit 2), and never echoed.
 */
export function sendable(value: string, where: string): string {
  if (value.trim() === '') throw usageError(`the token from ${where} is empty`);
  if (/[\r\n]/.test(value)) throw usageError(`the token from ${where} has more than one line`);
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value)) throw usageError(`the token from ${where} contains control characters; it cannot be sent in an HTTP header`);
  if (/[^\u0000-\u00ff]/.test(value)) throw usageError(`the token from ${where} contains characters outside Latin-1; it cannot be sent in an HTTP header`);
  return value;
}
