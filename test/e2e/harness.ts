// Runs the built binary the way a user or a CI job would: a separate process, a clean environment,
// a config dir of its own, and a sandbox server on an ephemeral port.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { RecordedRequest } from '../../src/sandbox/server.js';

export type { RecordedRequest };

export const BIN = fileURLToPath(new URL('../../bin/influxadm.js', import.meta.url));

export const ACCOUNT = '11111111-1111-4111-8111-111111111111';
export const CLUSTER = '33333333-3333-4333-8333-333333333333';

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export function tempDir(prefix = 'influxadm-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** An environment with nothing of the developer's: no INFLUX* variables, a fresh HOME and config dir. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const home = tempDir('influxadm-home-');
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: home,
    INFLUXADM_CONFIG_DIR: join(home, 'config'),
    ...extra,
  };
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

export async function cli(args: string[], options: { env?: Record<string, string>; input?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  const result = await execa('node', [BIN, ...args], {
    reject: false,
    extendEnv: false,
    env: options.env ?? cleanEnv(),
    input: options.input,
    stdin: options.input === undefined ? 'ignore' : undefined,
    timeout: options.timeoutMs ?? 20_000,
  });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}


export interface SandboxHandle {
  url: string;
  process: ResultPromise;
  requests(): Promise<RecordedRequest[]>;
  clearRequests(): Promise<void>;
  setFaults(spec: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startSandbox(args: string[] = []): Promise<SandboxHandle> {
  const child = execa('node', [BIN, 'sandbox', '--port', '0', ...args], { reject: false, extendEnv: false, env: cleanEnv(), stdin: 'ignore' });
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n')[0];
      if (buffer.includes('\n') && line) resolve(line.trim());
    });
    void child.then((r) => reject(new Error(`sandbox exited early (${r.exitCode}): ${String(r.stderr)}`)));
  });
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`sandbox control ${method} ${path}: ${res.status} ${await res.text()}`);
    return res;
  };
  return {
    url,
    process: child,
    requests: async () => (await (await control('GET', '/__sandbox/requests')).json()) as RecordedRequest[],
    clearRequests: async () => void (await control('DELETE', '/__sandbox/requests')),
    setFaults: async (spec) => void (await control('PUT', '/__sandbox/faults', { spec })),
    stop: async () => {
      child.kill('SIGTERM');
      await child;
    },
  };
}

export function parseJson<T = unknown>(text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`stdout is not JSON:\n${text}`);
  }
}

export const ANSI = /\u001b\[[0-9;]*m/;

/** Starts the built binary and hands back the running process, for what can only be seen while it runs. */
export function spawnCli(args: string[], options: { env?: Record<string, string>; input?: string } = {}): ResultPromise {
  return execa('node', [BIN, ...args], {
    reject: false,
    extendEnv: false,
    env: options.env ?? cleanEnv(),
    input: options.input,
    stdin: options.input === undefined ? 'ignore' : undefined,
    timeout: 20_000,
  });
}

// Selectel Managed Databases (`--product dbaas`) against the sandbox's /v1 API.

export const DBAAS_TOKEN = 'dbaas-e2e-token-0123456789';
export const SUBNET = '0f1e2d3c-4b5a-4697-8877-665544332211';

export interface Answer<T = unknown> {
  status: number;
  body: T;
}

/** A request straight to the sandbox (its API or its controls), for what a test sets up around the CLI. */
export async function sandboxCall<T = unknown>(url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
  const res = await fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export interface Dbaas {
  /** Runs the CLI at the sandbox as `--product dbaas` with `token`. */
  run(...args: string[]): Promise<RunResult>;
  runWith(options: { env?: Record<string, string>; input?: string }, ...args: string[]): Promise<RunResult>;
  /** The sandbox's /v1 API, called directly with the same token; throws unless 2xx. */
  api<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T>;
  /** A test control under /__sandbox/dbaas/; throws unless 2xx. */
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  /** Polls `/v1/<plural>/<id>` until the object has `status` (or, for 'GONE', until it is a 404). */
  until(plural: string, id: string, status: string): Promise<void>;
  /** A datastore made through the API and left ACTIVE; `type` as `engine-version`. */
  datastore(name: string, type?: string, extra?: Record<string, unknown>): Promise<DbaasObject>;
  /** An object inside a datastore made through the API and left ACTIVE: `child('users', 'user', {...})`. */
  child(plural: string, singular: string, body: Record<string, unknown>): Promise<DbaasObject>;
}

export interface DbaasObject {
  id: string;
  name?: string;
  status: string;
  [field: string]: unknown;
}

export function dbaas(sandbox: SandboxHandle, token = DBAAS_TOKEN): Dbaas {
  const target = () => ['--product', 'dbaas', '--host', sandbox.url, '--token', token];
  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const answer = await sandboxCall<T>(sandbox.url, method, path, body, { 'x-auth-token': token });
    if (answer.status >= 300) throw new Error(`sandbox ${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const until = async (plural: string, id: string, status: string) => {
    for (let i = 0; i < 400; i++) {
      const answer = await sandboxCall<Record<string, DbaasObject>>(sandbox.url, 'GET', `/v1/${plural}/${id}`, undefined, { 'x-auth-token': token });
      if (status === 'GONE' ? answer.status === 404 : Object.values(answer.body ?? {})[0]?.status === status) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${plural}/${id} never became ${status}`);
  };
  const child = async (plural: string, singular: string, body: Record<string, unknown>) => {
    const made = (await api<Record<string, DbaasObject>>('POST', `/v1/${plural}`, { [singular]: body }))[singular]!;
    await until(plural, made.id, 'ACTIVE');
    return made;
  };
  return {
    run: (...args) => cli([...target(), ...args]),
    runWith: (options, ...args) => cli([...target(), ...args], options),
    api,
    control: async (method, path, body) => {
      const answer = await sandboxCall(sandbox.url, method, `/__sandbox/dbaas/${path}`, body);
      if (answer.status >= 300) throw new Error(`sandbox control ${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body;
    },
    until,
    child,
    async datastore(name, type = 'postgresql-16', extra = {}) {
      const types = (await api<{ 'datastore-types': Array<{ id: string; engine: string; version: string }> }>('GET', '/v1/datastore-types'))['datastore-types'];
      const typeId = types.find((t) => `${t.engine}-${t.version}` === type)!.id;
      const flavors = (await api<{ flavors: Array<{ id: string; datastore_type_ids: string[] }> }>('GET', '/v1/flavors')).flavors;
      const flavorId = flavors.find((f) => f.datastore_type_ids.includes(typeId))!.id;
      return child('datastores', 'datastore', { name, type_id: typeId, flavor_id: flavorId, subnet_id: SUBNET, node_count: 1, ...extra });
    },
  };
}

/** What the CLI sent, from a sandbox record: the tests' own setup calls (no influxadm User-Agent) left out. */
export const fromCli = (requests: RecordedRequest[]): RecordedRequest[] => requests.filter((r) => /^influxadm\//.test(r.headers['user-agent'] ?? ''));

let uniqueCount = 0;
/** A name no earlier test or run has used: `base`, the separator, the time and a counter. */
export function uniqueName(base: string, separator = '_'): string {
  return `${base}${separator}${Date.now().toString(36)}${uniqueCount++}`;
}

/**
 * The sandbox of a DBaaS test file: started before its tests (then `ready` runs, to keep the handles and
 * make shared fixtures), stopped after them, its request record cleared before each test.
 */
export function useDbaasSandbox(args: string[], ready: (sandbox: SandboxHandle, d: Dbaas) => void | Promise<void>): void {
  let sandbox: SandboxHandle | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox(args);
    await ready(sandbox, dbaas(sandbox));
  });
  afterAll(async () => {
    await sandbox?.stop();
  });
  beforeEach(async () => {
    await sandbox!.clearRequests();
  });
}
