// A target's kinds, read at once. The reads are independent requests (a kind that needs another's objects,
// Core's tables needing the databases, awaits that read through known()), so a target is read in the time
// of its slowest listing rather than the sum of them all: a plan of a file with databases and tokens no
// longer waits for the 10,000 databases before it asks for the tokens. The caller awaits each read in the
// product's order, where the diffs depend on one another.

import type { ExistingResource, ReadScope, ResourceKind } from '../products/types.js';

export function readKinds(kinds: readonly ResourceKind[], scope: (kind: ResourceKind) => Omit<ReadScope, 'known'>): Map<string, Promise<ExistingResource[]>> {
  const reads = new Map<string, Promise<ExistingResource[]>>();
  for (const kind of kinds) {
    if (!kind.read) continue;
    const reading = kind.read({ ...scope(kind), known: (k) => reads.get(k) });
    // Awaited later, in order: a failure before then is not an unhandled rejection.
    reading.catch(() => undefined);
    reads.set(kind.kind, reading);
  }
  return reads;
}
