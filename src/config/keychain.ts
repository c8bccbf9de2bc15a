// The OS keychain through @napi-rs/keyring, in a short-lived child process. On Linux the library
// talks to the Secret Service over D-Bus synchronously from whichever thread calls it (opening an
// entry blocks even for the async API), and a frozen bus blocks it for good. On the main thread
// that stops every timer and the Ctrl-C handler; a worker thread blocked in native code can be
// neither terminated nor left behind (process.exit() waits for it). A child process can always be
// killed: it gets the time bound, and dies with us.

import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { CliError, ExitCode } from '../errors.js';
import type { SecretStore } from './secrets.js';

const KEYCHAIN_SERVICE = 'influxadm';
const KEYCHAIN_TIMEOUT_MS = 3_000;
const MAX_REPLY_BYTES = 1024 * 1024;

class KeychainError extends Error {}

type Operation = 'get' | 'set' | 'delete';

interface Request {
  module: string;
  op: Operation;
  service: string;
  account: string;
  /** Sent on the child's stdin, never in its argv or environment. */
  secret?: string;
}

type Reply = { ok: true; value: string | boolean | null } | { ok: false; stage: 'load' | 'call'; message: string };

// CommonJS for `node -e`: reads one request on stdin, answers one JSON reply on stdout.
const CHILD_SOURCE = `
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  const reply = (r) => process.stdout.write(JSON.stringify(r));
  const message = (e) => String((e && e.message) || e);
  const req = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  let Entry;
  try {
    ({ Entry } = require(req.module));
  } catch (e) {
    return reply({ ok: false, stage: 'load', message: message(e) });
  }
  try {
    // On Linux, pin the Secret Service: the kernel keyring fallback loses secrets between processes.
    const entry = new Entry(req.service, req.account, { linux: { store: 'secret-service' } });
    const value = req.op === 'get' ? entry.getPassword() : req.op === 'set' ? entry.setPassword(req.secret) : entry.deleteCredential();
    reply({ ok: true, value: value === undefined ? null : value });
  } catch (e) {
    reply({ ok: false, stage: 'call', message: message(e) });
  }
});
`;

export interface KeychainOptions {
  timeoutMs?: number;
  /** The environment the keychain is reached with (the D-Bus session address on Linux). */
  env?: NodeJS.ProcessEnv;
  /**
   * The config directory the entries belong to, when it is not the default one: its entries are
   * `ACCOUNT@DIR`, so that profiles of the same name in two directories never share one (see secrets.ts).
   */
  scope?: string;
}

export function keychainStore(options: KeychainOptions = {}): SecretStore {
  const timeoutMs = options.timeoutMs ?? KEYCHAIN_TIMEOUT_MS;
  const env = options.env ?? process.env;
  // A profile name has no @, so a scoped entry never reads as another profile's.
  const entry = (account: string) => (options.scope === undefined ? account : `${account}@${options.scope}`);
  const call = async (what: string, op: Operation, logical: string, secret?: string): Promise<Reply & { ok: true }> => {
    const account = entry(logical);
    let module: string;
    try {
      module = createRequire(import.meta.url).resolve('@napi-rs/keyring');
    } catch (error) {
      throw new KeychainError(`the keychain library could not be loaded: ${(error as Error).message}`);
    }
    const reply = await runChild({ module, op, service: KEYCHAIN_SERVICE, account, secret }, timeoutMs, env);
    if (reply.ok) return reply;
    throw new KeychainError(reply.stage === 'load' ? `the keychain library could not be loaded: ${reply.message}` : `${what} failed: ${reply.message}`);
  };
  return {
    kind: 'keychain',
    get: async (account) => {
      const { value } = await call('reading the keychain', 'get', account);
      return typeof value === 'string' ? value : undefined;
    },
    set: async (account, secret) => void (await call('writing to the keychain', 'set', account, secret)),
    delete: async (account) => (await call('deleting from the keychain', 'delete', account)).value === true,
    where: (account) => `the OS keychain (service ${KEYCHAIN_SERVICE}, account ${entry(account)})`,
  };
}

// Helpers are Node processes: `auth status` may want every profile's token at once, so a few at a
// time; whatever ends this process (Ctrl-C included) ends them too.
const MAX_HELPERS = 4;
const helpers = new Set<ChildProcess>();
const queue: Array<() => void> = [];
let running = 0;
let exitHooked = false;

function turn(): Promise<void> {
  if (running < MAX_HELPERS) {
    running++;
    return Promise.resolve();
  }
  return new Promise((resolve) => queue.push(() => (running++, resolve())));
}

function turnDone(): void {
  running--;
  queue.shift()?.();
}

/** One request in a helper; the time bound counts from the call, a wait for a turn included. */
function runChild(request: Request, timeoutMs: number, env: NodeJS.ProcessEnv): Promise<Reply> {
  return new Promise<Reply>((resolve, reject) => {
    let child: ChildProcess | undefined;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child?.kill('SIGKILL');
      reject(new KeychainError(`the keychain did not answer within ${timeoutMs / 1000}s`));
    }, timeoutMs);
    void turn().then(async () => {
      if (timedOut) return turnDone();
      const { spawn } = await import('node:child_process');
      if (!exitHooked) {
        process.on('exit', () => helpers.forEach((helper) => helper.kill('SIGKILL')));
        exitHooked = true;
      }
      let started: ChildProcess;
      try {
        started = spawn(process.execPath, ['-e', CHILD_SOURCE], { env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
      } catch (error) {
        clearTimeout(timer);
        turnDone();
        return reject(new KeychainError(`the keychain helper could not start: ${(error as Error).message}`));
      }
      child = started;
      helpers.add(started);
      const stdout: Buffer[] = [];
      let stderr = '';
      let size = 0;
      started.stdout!.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_REPLY_BYTES) stdout.push(chunk);
      });
      started.stderr!.on('data', (chunk: Buffer) => {
        if (stderr.length < 4096) stderr += chunk.toString('utf8');
      });
      // A helper that died before reading its request is reported by 'close'.
      started.stdin!.on('error', () => undefined);
      started.stdin!.end(JSON.stringify(request));
      let finished = false;
      const finish = (outcome: () => void) => {
        // A helper that cannot start says so with 'error' and then 'close'.
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        helpers.delete(started);
        turnDone();
        if (!timedOut) outcome();
      };
      started.once('error', (error) => finish(() => reject(new KeychainError(`the keychain helper could not start: ${error.message}`))));
      started.once('close', (code, signal) => finish(() => {
        // Ctrl-C reaches the whole process group; this process is about to exit 130 as well.
        if (signal === 'SIGINT') return reject(new CliError('interrupted', ExitCode.interrupted));
        try {
          resolve(JSON.parse(Buffer.concat(stdout).toString('utf8')) as Reply);
        } catch {
          const lines = stderr.split('\n').map((line) => line.trim()).filter(Boolean);
          const detail = lines.find((line) => /Error\b/.test(line)) ?? lines[0] ?? (signal ? `killed by ${signal}` : `exit code ${code}`);
          reject(new KeychainError(`the keychain helper failed: ${detail}`));
        }
      }));
    });
  });
}
