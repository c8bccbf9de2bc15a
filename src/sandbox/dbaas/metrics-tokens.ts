// `/v1/prometheus-metrics-tokens…`: the project's tokens for scraping metrics. Unlike everything else
// they are synchronous (no status), and their 64-character value comes back on every read.

import { randomBytes, randomUUID } from 'node:crypto';
import type { ApiRequest, Reply } from '../api.js';
import { NO_CONTENT, filtered, findMine, mine, noRoute, notAllowed, ok, readBody, type Scope } from './shared.js';
import type { Schema } from './schema.js';
import { timestamp, type StoredMetricsToken } from './state.js';

const BODY: Schema = { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1, maxLength: 255 } } };
const SINGULAR = 'prometheus-metrics-token';
const PLURAL = 'prometheus-metrics-tokens';
const LABEL = 'prometheusmetrictoken';
const FILTERS = ['id', 'project_id', 'name', 'value'] as const;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function handleMetricsTokens(scope: Scope, request: ApiRequest, rest: string[]): Reply {
  const [id, ...extra] = rest;
  const method = request.method;
  const tokens = scope.state.metricsTokens;
  if (extra.length > 0) return noRoute();
  if (id === undefined) {
    if (method === 'GET') return ok(PLURAL, filtered(mine(scope, tokens).map(view), request.url.searchParams, FILTERS));
    if (method !== 'POST') return notAllowed();
    const input = readBody(request, SINGULAR, BODY);
    const token: StoredMetricsToken = { id: randomUUID(), project_id: scope.project, name: input.name as string, value: secret(), created_at: scope.now, updated_at: scope.now };
    tokens.push(token);
    return ok(SINGULAR, view(token));
  }
  const token = findMine(scope, tokens, LABEL, id);
  if (method === 'GET') return ok(SINGULAR, view(token));
  if (method === 'PUT') {
    token.name = readBody(request, SINGULAR, BODY).name as string;
    token.updated_at = scope.now;
    return ok(SINGULAR, view(token));
  }
  if (method === 'DELETE') {
    tokens.splice(tokens.indexOf(token), 1);
    return NO_CONTENT;
  }
  return notAllowed();
}

function view(t: StoredMetricsToken): Record<string, unknown> {
  return { id: t.id, created_at: timestamp(t.created_at), updated_at: timestamp(t.updated_at), project_id: t.project_id, name: t.name, value: t.value };
}

function secret(): string {
  // 64 letters and digits; the modulo bias of 256 % 62 does not matter for a test double.
  return [...randomBytes(64)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
}
