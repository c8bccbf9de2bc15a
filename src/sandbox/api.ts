// The contract between the sandbox server and the module of each product API it mounts. A module owns a set of
// paths, keeps its part of the state (plain JSON, so --state FILE can persist it), and answers requests; the
// server does everything else (recording, latency, faults, persistence).

import type { IncomingHttpHeaders } from 'node:http';

export interface Reply {
  status: number;
  /** A string is sent as text/plain; anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  /** The body as text. */
  raw: string;
  /** The body parsed as JSON; undefined when empty or not JSON. */
  json: unknown;
}

export interface ApiContext {
  /** `--token T`: when set, only this credential is accepted (each API reads it from its own header). */
  strictToken?: string;
  now(): number;
}

export interface SandboxApi<S = unknown> {
  /** The key of this API's part of the state file. */
  readonly key: string;
  /** Whether a request path belongs to this API. */
  owns(path: string): boolean;
  fresh(): S;
  handle(state: S, request: ApiRequest, context: ApiContext): Reply;
  /** Test controls at /__sandbox/<key>/<path>; optional. */
  control?(state: S, method: string, path: string, json: unknown, context: ApiContext): Reply;
}

/** The `{code, message}` error body of the Management API, which the server also uses for its own answers. */
export const error = (status: number, message: string): Reply => ({ status, body: { code: status, message } });

/** A request path's segments, each percent-decoded (a segment that is not valid encoding stays as sent). */
export function pathSegments(url: URL): string[] {
  return url.pathname.split('/').filter(Boolean).map(decodeSegment);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
