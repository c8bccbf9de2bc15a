// What bench/run.mjs and bench/apply.mjs share: where the CLI is, a scratch home, timing a process,
// medians, helper processes (a sandbox, the CONNECT proxy) and the sandbox state of 10,000 databases.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const bin = join(root, 'bin/influxadm.js');

/** A fresh directory to work in, and an environment whose home and config are in it. */
export function scratch(prefix) {
  const work = mkdtempSync(join(tmpdir(), prefix));
  return { work, env: { PATH: process.env.PATH, HOME: work, INFLUXADM_CONFIG_DIR: join(work, 'config') } };
}

/** Runs node with `argv` and returns how long it took (ms); an exit code other than `exits` is an error. */
export function timed(argv, env, exits = [0]) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, argv, { env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (!exits.includes(r.status)) throw new Error(`${argv.join(' ')} exited ${r.status}, expected ${exits.join(' or ')}: ${r.stderr}`);
  return ms;
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Starts a helper process and reads the URL it prints on its first line. */
export async function startProcess(args, env) {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'ignore'] });
  const url = await new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve(chunk.toString().split('\n')[0].trim()));
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

/** `influxadm sandbox` on a free port, with `args`. */
export function startSandbox(args, env) {
  return startProcess([bin, 'sandbox', '--port', '0', ...args], env);
}

/** Database `i` as the sandbox keeps it: database_00042, retention 0 to 3 days. */
export const database = (i) => ({ id: i + 1, name: `database_${String(i).padStart(5, '0')}`, maxTables: 500, maxColumnsPerTable: 200, retentionPeriod: (i % 4) * 86_400_000_000_000 });

/** 10,000 databases; `templates` gives every third a partition template. */
export const tenThousand = ({ templates = false } = {}) => Array.from({ length: 10_000 }, (_, i) => ({
  ...database(i),
  ...(templates && i % 3 === 0 ? { partitionTemplate: [{ type: 'time', value: '%Y-%m' }, { type: 'tag', value: 'room' }] } : {}),
}));

/** A sandbox state file holding `databases` on Clustered. */
export function writeState(file, databases) {
  writeFileSync(file, JSON.stringify({ version: 1, management: { clustered: { nextId: databases.length + 1, databases } } }));
  return file;
}
