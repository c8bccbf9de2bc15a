// What every DBaaS operation shares: the client (opened on first use), name resolution, a datastore made
// sure to be ready before a child operation is sent, the create that never retries blindly, and the
// delete that waits until the object is gone.

import { ApiError } from '../../api/api-error.js';
import { CliError, ExistsAlready, ExitCode, usageError } from '../../errors.js';
import type { Removal, Session, WaitOptions } from '../types.js';
// The client (and with it the HTTP layer and the response schemas) loads on the first request, so input
// refused before one costs none of it.
import type { DbaasClient } from './client.js';
import { Resolver } from './resolve.js';
import type { Datastore } from './schemas.js';
import { namesOf, type Names } from './views.js';
import { waitFor } from './wait.js';

export interface Tracked {
  id: string;
  status: string;
}

export interface Kit {
  client(): Promise<DbaasClient>;
  resolve: Resolver;
  /** The datastore `ref`, ACTIVE: waited for when `wait` is given, refused (nothing sent) when not. */
  ready(ref: string | undefined, wait: WaitOptions | undefined): Promise<Datastore>;
  /**
   * `item`, ACTIVE, as `ready` makes a datastore: what an operation names or changes (an owner, the user and
   * database of a grant, the object updated) is refused by the server while it is pending. Waited for when
   * `wait` is given, refused (nothing sent) when not. `label` names it: `user "app"`.
   */
  active<T extends Tracked>(label: string, item: T, read: (id: string) => Promise<T>, wait: WaitOptions | undefined): Promise<T>;
  /** Datastore ID → name, for tables. */
  datastoreNames(): Promise<Names>;
  /**
   * Creates after checking the name is free (exit 5 otherwise). When the answer is lost (a timeout, a
   * broken connection, a 5xx), looks again instead of sending twice: if the object is there now, it is
   * ours. Then waits for it to be ACTIVE when asked.
   */
  create<T extends Tracked>(label: string, find: () => Promise<T | undefined>, send: () => Promise<T>, read: (id: string) => Promise<T>, wait: WaitOptions | undefined): Promise<T>;
  /** Sends a create; when its answer is lost, looks again (`find`) instead of sending twice, as create does. */
  sent<T extends { id: string }>(label: string, send: () => Promise<T>, find: () => Promise<T | undefined>): Promise<T>;
  /** Sends a change, then waits for the object to be ACTIVE again when asked. */
  change<T extends Tracked>(label: string, send: () => Promise<T>, read: (id: string) => Promise<T>, wait: WaitOptions | undefined): Promise<T>;
  /**
   * The items of a delete batch, each of `refs` (once) found by `find`. With `missingAllowed`
   * (--ignore-not-found), a ref that finds nothing stays in the batch and fails as not found at its turn,
   * for the batch to pass over; otherwise it fails the batch before anything is asked or deleted.
   */
  entries<T>(noun: string, refs: readonly string[], missingAllowed: boolean | undefined, find: (ref: string) => Promise<{ label: string; item: T }>): Promise<Array<RemovalEntry<T>>>;
  /**
   * A delete batch: each item deleted, then (when asked) waited for until it is gone. An item found
   * PENDING_DELETE is not sent again: it is already being deleted.
   */
  removal<T extends Tracked>(items: ReadonlyArray<RemovalEntry<T>>, remove: (id: string) => Promise<void>, read: (id: string) => Promise<T>, wait: WaitOptions | undefined): Removal;
}

export type RemovalEntry<T> = { key: string; label: string; item: T } | { key: string; label: string; missing: CliError };

export function createKit(session: Session): Kit {
  let opened: Promise<DbaasClient> | undefined;
  const client = () => (opened ??= Promise.all([session.http(), import('./client.js')]).then(([http, { DbaasClient }]) => new DbaasClient(http)));
  const resolve = new Resolver(client);

  const sent = async <T extends { id: string }>(label: string, send: () => Promise<T>, find: () => Promise<T | undefined>): Promise<T> => {
    try {
      return await send();
    } catch (error) {
      if (!mayHaveApplied(error)) throw error;
      const found = await find().catch(() => undefined);
      if (!found) throw error;
      session.notice(`note: the answer to creating ${label} was lost, but it exists now (ID ${found.id})`);
      return found;
    }
  };
  const settle = async <T extends Tracked>(label: string, item: T, read: (id: string) => Promise<T>, wait: WaitOptions | undefined) =>
    wait ? ((await waitFor(label, () => read(item.id), 'active', wait)) as T) : item;

  return {
    client,
    resolve,
    async ready(ref, wait) {
      if (ref === undefined) throw usageError('which datastore? pass --datastore NAME|ID');
      const datastore = await resolve.datastore(ref);
      if (datastore.status === 'ACTIVE') return datastore;
      const label = `datastore "${datastore.name}"`;
      if (!wait) {
        throw new CliError(`${label} is ${datastore.status}, not ACTIVE: the server refuses changes inside it until it is`, ExitCode.failure, `wait for it with --wait, or first: influxadm datastore wait ${datastore.name}`);
      }
      return (await waitFor(label, async () => (await client()).getDatastore(datastore.id), 'active', wait))!;
    },
    async active(label, item, read, wait) {
      if (item.status === 'ACTIVE') return item;
      if (!wait) throw new CliError(`${label} is ${item.status}, not ACTIVE: the server refuses to use it until it is`, ExitCode.failure, 'wait for it with --wait');
      return (await waitFor(label, () => read(item.id), 'active', wait))!;
    },
    async datastoreNames() {
      return namesOf(await (await client()).listDatastores());
    },
    async create(label, find, send, read, wait) {
      const existing = await find();
      if (existing) {
        // One still being made (an earlier create without --wait) is what a --wait asks to see ready.
        const pending = wait !== undefined && existing.status !== 'ACTIVE';
        throw new ExistsAlready(`${label} exists already (ID ${existing.id})`, pending ? () => settle(label, existing, read, wait) : undefined);
      }
      return settle(label, await sent(label, send, find), read, wait);
    },
    sent,
    async change(label, send, read, wait) {
      return settle(label, await send(), read, wait);
    },
    async entries<T>(noun: string, refs: readonly string[], missingAllowed: boolean | undefined, find: (ref: string) => Promise<{ label: string; item: T }>) {
      const items: Array<RemovalEntry<T>> = [];
      for (const ref of new Set(refs)) {
        try {
          items.push({ key: ref, ...(await find(ref)) });
        } catch (error) {
          if (!missingAllowed || !(error instanceof CliError) || error.exitCode !== ExitCode.notFound) throw error;
          items.push({ key: ref, label: `${noun} "${ref}"`, missing: error });
        }
      }
      return items;
    },
    removal(items, remove, read, wait) {
      const byKey = new Map(items.map((i) => [i.key, i]));
      return {
        names: items.map((i) => i.key),
        label: (key) => byKey.get(key)!.label,
        async remove(key) {
          const entry = byKey.get(key)!;
          if ('missing' in entry) throw entry.missing;
          const { item, label } = entry;
          // Already being deleted (an earlier delete without --wait): a second DELETE is a 400 from the
          // server, and the object is on its way out anyway, so it counts as deleted and is waited for.
          if (item.status === 'PENDING_DELETE') session.notice(`note: ${label} is already being deleted (PENDING_DELETE); not sent again`);
          else await remove(item.id);
          if (wait) await waitFor(label, () => read(item.id), 'gone', wait);
        },
      };
    },
  };
}

/** Whether a failed write may still have reached the server and been applied. */
function mayHaveApplied(error: unknown): boolean {
  if (!(error instanceof CliError)) return false;
  if (error instanceof ApiError) return error.status >= 500;
  // Not an answer at all: a timeout or a broken connection (exit 1); a refused connection was never sent,
  // and looking again costs one read that fails the same way.
  return error.exitCode === ExitCode.failure;
}
