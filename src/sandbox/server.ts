// `influxadm sandbox`: a local, stateful test double of the APIs influxadm drives, at their real paths.
// In memory, or persisted to --state FILE; with injectable latency and faults. It records every API
// request so that tests can check what a server would have received:
//   GET    /__sandbox/requests   the record, oldest first
//   DELETE /__sandbox/requests   clear it
//   PUT    /__sandbox/faults     replace the fault rules: body {"spec": "503:x2"}

import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { error, type ApiContext, type Reply, type SandboxApi } from './api.js';
import { drawFault, parseFaults, seededRandom, type FaultRule } from './faults.js';
import { influxdb3Api, type Build } from './influxdb3.js';
import { managementApi } from './management.js';
import { dbaasApi, type DbaasSandboxOptions } from './dbaas.js';
import { v2Api } from './v2.js';

export interface SandboxOptions {
  port: number;
  host?: string;
  stateFile?: string;
  latencyMs?: number;
  faults?: string;
  /** When set, only this bearer token is accepted; otherwise any non-empty one. */
  token?: string;
  seed?: number;
  /** Which InfluxDB 3 server `/api/v3` and `/ping` play (default enterprise). */
  influxdb3?: Build;
  /** The Selectel DBaaS part: how long PENDING_* lasts, and the identity service's password. */
  dbaas?: DbaasSandboxOptions;
}

/** Each mounted API keeps its part under its key. */
export interface SandboxState {
  version: 1;
  [api: string]: unknown;
}

export interface RecordedRequest {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: unknown;
  status?: number;
  fault?: string;
  /** How many requests had arrived when this one was answered: which were in flight together. */
  answeredAfter?: number;
}

export interface Sandbox {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** 50 MiB of JSON, made once on first use. */
let huge: Buffer | undefined;
const HUGE_BODY = () => (huge ??= Buffer.from(`[${'"0123456789abcdef0123456789abcdef",'.repeat(1_450_000)}"end"]`));

const MAX_BODY = 1024 * 1024;

/** The APIs one sandbox serves, each at its real paths. */
function mounted(options: SandboxOptions): SandboxApi[] {
  return [managementApi(), influxdb3Api(options.influxdb3 ?? 'enterprise'), v2Api(), dbaasApi(options.dbaas)] as SandboxApi[];
}

/** A --state file that cannot be read, is not a sandbox's, or cannot be written: the user's to fix. */
export class SandboxStateError extends Error {}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const state = loadState(options.stateFile);
  const apis = mounted(options);
  const context: ApiContext = { ...(options.token !== undefined ? { strictToken: options.token } : {}), now: Date.now };
  let faults: FaultRule[] = parseFaults(options.faults ?? '');
  const random = options.seed === undefined ? Math.random : seededRandom(options.seed);
  const requests: RecordedRequest[] = [];
  let seq = 0;

  const save = () => {
    if (!options.stateFile) return;
    const temp = `${options.stateFile}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(temp, JSON.stringify(state), { mode: 0o600 });
    renameSync(temp, options.stateFile);
  };
  // Written once before serving: a file that cannot be written is found now, not as a 500 on the first
  // change (which the server would have made in memory all the same).
  try {
    save();
  } catch (e) {
    throw new SandboxStateError(`cannot write the state file ${options.stateFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }

  const server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, error(500, `sandbox failure: ${(e as Error).message}`));
    });
  });
  server.keepAliveTimeout = 5_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const raw = await readBody(req);
    if (raw === undefined) {
      // Not read to the end, so not parsed at all (a cut body would pass for one that is not JSON).
      if (!url.pathname.startsWith('/__sandbox/')) {
        requests.push({ seq: ++seq, method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: pickHeaders(req), status: 413, answeredAfter: seq });
      }
      res.setHeader('connection', 'close');
      return send(res, error(413, `the request body is larger than ${MAX_BODY / (1024 * 1024)} MiB`));
    }
    if (url.pathname.startsWith('/__sandbox/')) return control(req.method ?? 'GET', url.pathname, raw, res);

    const json = parseJson(raw);
    const record: RecordedRequest = {
      seq: ++seq,
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: pickHeaders(req),
      // The record keeps a body that is not JSON as its text; handlers get only JSON.
      body: json !== undefined || raw === '' ? json : raw,
    };
    requests.push(record);

    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    const fault = drawFault(faults, random, url.pathname, record.method);
    if (fault !== undefined) record.fault = String(fault);
    if (fault === 'stall') return; // never answer; the client's timeout must fire
    if (fault === 'reset') {
      req.socket.destroy();
      return;
    }
    if (typeof fault === 'number' || fault === 'throttle') {
      const status = fault === 'throttle' ? 429 : fault;
      record.status = status;
      record.answeredAfter = seq;
      return send(res, { ...error(status, `injected fault ${fault}`), headers: fault === 429 ? { 'retry-after': '1' } : undefined });
    }

    const api = apis.find((a) => a.owns(url.pathname));
    const reply = api
      ? api.handle(state[api.key] ??= api.fresh(), { method: record.method, url, headers: req.headers, raw, json }, context)
      : error(404, 'not found');
    record.status = reply.status;
    record.answeredAfter = seq;
    if (reply.status < 300 && record.method !== 'GET') save();
    switch (fault) {
      case 'drop':
        req.socket.destroy();
        return;
      case 'truncated': {
        const body = JSON.stringify(reply.body ?? { truncated: true });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body) + 100) });
        res.write(body.slice(0, Math.max(1, Math.floor(body.length / 2))));
        setTimeout(() => req.socket.destroy(), 20);
        return;
      }
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"oops": [1, 2,');
        return;
      case 'wrongshape':
        return send(res, { status: 200, body: { unexpected: 'shape', items: 'not-a-list' } });
      case 'huge':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(HUGE_BODY());
        return;
    }
    send(res, reply);
  }

  function control(method: string, path: string, raw: string, res: ServerResponse): void {
    if (path === '/__sandbox/requests' && method === 'GET') return send(res, { status: 200, body: requests });
    if (path === '/__sandbox/requests' && method === 'DELETE') {
      requests.length = 0;
      return send(res, { status: 204 });
    }
    const owner = apis.find((a) => a.control && path.startsWith(`/__sandbox/${a.key}/`));
    if (owner) {
      const reply = owner.control!(state[owner.key] ??= owner.fresh(), method, path.slice(`/__sandbox/${owner.key}`.length), parseJson(raw), context);
      if (reply.status < 300) save();
      return send(res, reply);
    }
    if (path === '/__sandbox/faults' && method === 'PUT') {
      try {
        faults = parseFaults(String((JSON.parse(raw) as { spec?: unknown }).spec ?? ''));
        return send(res, { status: 204 });
      } catch (e) {
        return send(res, error(400, (e as Error).message));
      }
    }
    send(res, error(404, 'not found'));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}`,
    server,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function loadState(file: string | undefined): SandboxState {
  const fresh: SandboxState = { version: 1 };
  if (!file) return fresh;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return fresh;
    throw new SandboxStateError(`cannot read the state file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let parsed: SandboxState;
  try {
    parsed = JSON.parse(text) as SandboxState;
  } catch {
    throw new SandboxStateError(`the state file ${file} is not JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || parsed.version !== 1) throw new SandboxStateError(`${file} is not a sandbox state file`);
  return parsed;
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload = '';
  if (typeof reply.body === 'string') {
    payload = reply.body;
    headers['content-type'] = 'text/plain; charset=utf-8';
  } else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers['content-type'] = 'application/json';
  }
  res.writeHead(reply.status, headers);
  res.end(payload);
}

/** The body as text; undefined when it is larger than MAX_BODY (the rest is not read). */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The body as JSON; undefined when it is empty or not JSON (JSON.parse never returns undefined). */
function parseJson(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function pickHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['authorization', 'x-auth-token', 'content-type', 'user-agent', 'accept']) {
    const value = req.headers[name];
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}
