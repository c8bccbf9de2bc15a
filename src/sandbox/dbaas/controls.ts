// Test controls at /__sandbox/dbaas/…, for what a real service does only on a bad day:
//   POST   outcomes       {"status":"ERROR"|"DEGRADED", "kind"?, "name"?, "id"?, "operation"?, "count"?}
//                         the next `count` (default 1) matching operations end in that status
//   GET    outcomes       the rules not used up yet;  DELETE outcomes  drops them
//   PUT    objects/<id>   {"status": S}  puts an object in status S now, for good (a PENDING_* stays)
//   PUT    hold           {"hold": true|false}  while on, nothing pending finishes; off restarts the clocks
//   GET    hold           {"hold": …}

import type { Reply } from '../api.js';
import { answer, apiError, invalid, notAllowed } from './shared.js';
import { check, type Schema } from './schema.js';
import { COLLECTION, KINDS, STATUSES, setHold, type DbaasState, type Kind, type OutcomeRule, type Status, type Tracked } from './state.js';

const OUTCOME: Schema = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { type: 'string', enum: ['ERROR', 'DEGRADED'] },
    kind: { type: 'string', enum: KINDS },
    name: { type: 'string' },
    id: { type: 'string' },
    operation: { type: 'string', enum: ['create', 'update', 'delete'] },
    count: { type: 'integer', minimum: 1 },
  },
};
const SET_STATUS: Schema = { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: STATUSES.filter((s) => s !== 'DELETED') } } };
const HOLD: Schema = { type: 'object', required: ['hold'], properties: { hold: { type: 'boolean' } } };

export function control(state: DbaasState, method: string, path: string, json: unknown, now: number): Reply {
  return answer(() => route(state, method, path, json, now));
}

function route(state: DbaasState, method: string, path: string, json: unknown, now: number): Reply {
  const [word, id, ...extra] = path.split('/').filter(Boolean);
  if (word === 'outcomes' && id === undefined) {
    if (method === 'GET') return { status: 200, body: state.controls.outcomes };
    if (method === 'DELETE') {
      state.controls.outcomes = [];
      return { status: 204 };
    }
    if (method !== 'POST') return notAllowed();
    const { count, ...rest } = checked(OUTCOME, json) as Omit<OutcomeRule, 'remaining'> & { count?: number };
    const rule: OutcomeRule = { ...rest, remaining: count ?? 1 };
    state.controls.outcomes.push(rule);
    return { status: 201, body: rule };
  }
  if (word === 'objects' && id !== undefined && extra.length === 0 && method === 'PUT') {
    const input = checked(SET_STATUS, json);
    const found = find(state, id);
    if (!found) return apiError(404, `object ${id} not found.`);
    delete found.object.pending;
    found.object.status = input.status as Status;
    found.object.updated_at = now;
    return { status: 200, body: { kind: found.kind, id, status: found.object.status } };
  }
  if (word === 'hold' && id === undefined) {
    if (method === 'GET') return { status: 200, body: { hold: state.controls.hold } };
    if (method !== 'PUT') return notAllowed();
    setHold(state, checked(HOLD, json).hold as boolean, now);
    return { status: 200, body: { hold: state.controls.hold } };
  }
  return apiError(404, 'no such sandbox control; see docs/sandbox-dbaas.md');
}

function checked(schema: Schema, json: unknown): Record<string, unknown> {
  const failures = check(schema, json, 'body');
  if (failures.size > 0) throw invalid(failures);
  return json as Record<string, unknown>;
}

function find(state: DbaasState, id: string): { kind: Kind; object: Tracked } | undefined {
  for (const kind of KINDS) {
    const object = (state[COLLECTION[kind]] as Tracked[]).find((o) => o.id === id);
    if (object) return { kind, object };
  }
  return undefined;
}
