// Runs the built binary the way a user or a CI job would: a separate process, a clean environment,
// a config dir of its own, and a sandbox server on an ephemeral port.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
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
