// A request to one of the sandbox's API modules, made as the server makes it from what came in: the
// body as text, and parsed when it is JSON. For tests that call a module directly, without a server.

import type { ApiRequest } from '../../src/sandbox/api.js';

export function apiRequest(method: string, path: string, body: unknown, headers: Record<string, string>): ApiRequest {
  const raw = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  let json: unknown;
  try {
    json = raw === '' ? undefined : JSON.parse(raw);
  } catch {
    json = undefined;
  }
  return { method, url: new URL(path, 'http://sandbox'), headers, raw, json };
}
