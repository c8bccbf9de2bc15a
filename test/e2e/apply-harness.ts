// What the plan/apply e2e files share: files written into a temp dir, a run with a target token, and the
// requests that changed a server.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, cli, type RecordedRequest, type RunResult } from './harness.js';

/** A writer of numbered YAML files in `dir`: file(text) → its path. */
export function fileWriter(dir: string): (text: string) => string {
  let count = 0;
  return (text) => {
    const path = join(dir, `f${count++}.yaml`);
    writeFileSync(path, text);
    return path;
  };
}

/** influxadm with --token `token` and a clean environment plus `env`. */
export function runner(token: string): (args: string[], env?: Record<string, string>) => Promise<RunResult> {
  return (args, env = {}) => cli(['--token', token, ...args], { env: cleanEnv(env), timeoutMs: 30_000 });
}

/** What changed the server: everything but reads (InfluxDB 3 reads with POST /api/v3/query_sql). */
export const writes = (requests: RecordedRequest[]) => requests.filter((r) => r.method !== 'GET' && !r.path.endsWith('/query_sql'));
