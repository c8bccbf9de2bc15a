// Waiting on the API's asynchronous work. Creates and updates answer at once with PENDING_* and finish
// later; deletes leave the object readable as PENDING_DELETE until it is gone (404). A wait polls the
// object with backoff until it is ACTIVE (or gone), and fails on any other status rather than waiting
// for something that will not happen.

import { ApiError } from '../../api/api-error.js';
import { CliError, ExitCode, whenStopped } from '../../errors.js';
import { formatDuration } from '../../input/duration.js';
import type { WaitOptions } from '../types.js';

/** Statuses on the way to ACTIVE. */
const PENDING = new Set(['PENDING_CREATE', 'PENDING_UPDATE', 'RESIZING']);
const FIRST_POLL_MS = 500;
const MAX_POLL_MS = 10_000;

export type Goal = 'active' | 'gone';

/**
 * Polls `read` until the object is ACTIVE (or, for `gone`, until reading it is a 404). `label` names it in
 * messages: `datastore "pg"`.
 */
export async function waitFor<T extends { status: string }>(label: string, read: () => Promise<T>, goal: Goal, options: WaitOptions): Promise<T | undefined> {
  // Stopped by a signal meanwhile (a CI job's own timeout), the run says what it leaves: the server took
  // the change and goes on with it.
  let seen: string | undefined;
  const stopped = () => `${label} ${seen === undefined ? 'has the change but was not read yet' : `is still ${seen}`}; it may still finish: check later with \`influxadm datastore get\``;
  whenStopped.add(stopped);
  try {
    return await poll(label, read, goal, options, (status) => (seen = status));
  } finally {
    whenStopped.delete(stopped);
  }
}

async function poll<T extends { status: string }>(label: string, read: () => Promise<T>, goal: Goal, options: WaitOptions, saw: (status: string) => void): Promise<T | undefined> {
  const started = Date.now();
  let interval = FIRST_POLL_MS;
  for (;;) {
    let current: T | undefined;
    try {
      current = await read();
    } catch (error) {
      if (goal === 'gone' && error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    }
    const elapsed = Date.now() - started;
    saw(current.status);
    options.progress?.(`${label}: ${current.status}`, elapsed);
    if (goal === 'active' && current.status === 'ACTIVE') return current;
    if (goal === 'gone' && current.status === 'DELETED') return undefined;
    const onTheWay = goal === 'active' ? PENDING.has(current.status) : current.status === 'PENDING_DELETE' || current.status === 'ACTIVE';
    if (!onTheWay) {
      throw new CliError(`${label} is ${current.status}${goal === 'gone' ? ' instead of going away' : ''}`, ExitCode.failure, 'see the control panel or `influxadm datastore get` for what went wrong');
    }
    if (elapsed >= options.timeoutMs) {
      throw new CliError(`${label} is still ${current.status} after ${formatDuration(BigInt(options.timeoutMs) * 1_000_000n)}`, ExitCode.failure, 'it may still finish: check later with `influxadm datastore get`, or wait longer with --wait-timeout');
    }
    await delay(Math.min(interval, Math.max(0, options.timeoutMs - elapsed)));
    interval = Math.min(MAX_POLL_MS, Math.round(interval * 1.5));
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
