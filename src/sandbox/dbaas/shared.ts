// What every DBaaS route shares: the `{"error":{code,title,message}}` body, request bodies checked
// against their schema inside their envelope, the exact-match list filters, and the scope a request
// runs in.

import { STATUS_CODES } from 'node:http';
import type { ApiRequest, Reply } from '../api.js';
import { check, pyRepr, unexpected, validationMessage, type Schema } from './schema.js';
import { statusOf, type DbaasState, type Tracked } from './state.js';

/** One request's view of the world: the state, the caller's project and the clock. */
export interface Scope {
  state: DbaasState;
  project: string;
  now: number;
}

/** Thrown by a handler to answer at once. */
export class Failure extends Error {
  constructor(readonly reply: Reply) {
    super(`${reply.status}`);
  }
}

/** What a handler answers: its reply, or the reply of the Failure it throws. */
export function answer(handler: () => Reply): Reply {
  try {
    return handler();
  } catch (error) {
    if (error instanceof Failure) return error.reply;
    throw error;
  }
}

export function apiError(status: number, message: string): Reply {
  return { status, body: { error: { code: status, title: STATUS_CODES[status] ?? 'Error', message } } };
}

export function noRoute(): Reply {
  return apiError(404, 'The requested URL was not found on the server.');
}

export function notAllowed(): Reply {
  return apiError(405, 'The method is not allowed for the requested URL.');
}

/** The API's 404 for an ID: `user 123 not found.` */
export function notFound(kind: string, id: string): Failure {
  return new Failure(apiError(404, `${kind} ${id} not found.`));
}

export function invalid(failures: Map<string, string> | string): Failure {
  return new Failure(apiError(400, validationMessage(failures)));
}

/** A name or pair that is taken: the API documents no 409, so a clash is a 400 that says so. */
export function taken(what: string): Failure {
  return invalid(`${what} already exists.`);
}

export function notReady(kind: string, object: Tracked): Failure {
  return invalid(`${kind} ${object.id} is not ready (status ${statusOf(object)}); wait until it is ACTIVE.`);
}

/** Objects an operation refers to (its datastore, a user, a database) must be ACTIVE. */
export function requireActive(kind: string, object: Tracked): void {
  if (statusOf(object) !== 'ACTIVE') throw notReady(kind, object);
}

/** The object inside `{"<envelope>": {…}}`, checked against its schema. */
export function readBody(request: ApiRequest, envelope: string, schema: Schema): Record<string, unknown> {
  if (request.raw.trim() !== '' && request.json === undefined) throw invalid('the request body is not valid JSON.');
  const body = request.json;
  const record = typeof body === 'object' && body !== null && !Array.isArray(body) ? body as Record<string, unknown> : {};
  if (record[envelope] === undefined) throw invalid(new Map([[envelope, `${pyRepr(envelope)} is a required property`]]));
  const extra = Object.keys(record).filter((key) => key !== envelope);
  if (extra.length > 0) throw invalid(new Map([[envelope, unexpected(extra)]]));
  const failures = check(schema, record[envelope], envelope);
  if (failures.size > 0) throw invalid(failures);
  return record[envelope] as Record<string, unknown>;
}

/** Exact-match filters over the objects as the API shows them; booleans match `true`/`false`. */
export function filtered(items: Array<Record<string, unknown>>, query: URLSearchParams, names: readonly string[]): Array<Record<string, unknown>> {
  const active = names.filter((name) => query.has(name)).map((name) => [name, query.get(name) ?? ''] as const);
  return items.filter((item) => active.every(([name, wanted]) => {
    const value = item[name];
    if (typeof value === 'boolean') return String(value) === wanted.toLowerCase();
    return value !== null && value !== undefined && String(value) === wanted;
  }));
}

export function ok(envelope: string, value: unknown): Reply {
  return { status: 200, body: { [envelope]: value } };
}

export const NO_CONTENT: Reply = { status: 204 };

/** The visible objects of a collection: the caller's project only. */
export function mine<T extends { project_id: string }>(scope: Scope, list: T[]): T[] {
  return list.filter((o) => o.project_id === scope.project);
}

/** One object of the caller's project by ID, or the API's 404. */
export function findMine<T extends { id: string; project_id: string }>(scope: Scope, list: T[], kind: string, id: string): T {
  const found = list.find((o) => o.id === id && o.project_id === scope.project);
  if (!found) throw notFound(kind, id);
  return found;
}
