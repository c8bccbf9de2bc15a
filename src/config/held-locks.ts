// The locks this process holds (lock.ts), kept apart so that the signal handlers in cli.ts can release
// them without loading the lock module at start-up.

import { rmdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

/** nonce → the lock directory whose `owner.<nonce>` record is ours. */
export const held = new Map<string, string>();

/** Synchronous on purpose: it runs in a signal handler, right before process.exit. */
export function releaseHeldLocks(): void {
  for (const [nonce, lockPath] of held) {
    try {
      unlinkSync(join(lockPath, `owner.${nonce}`));
      rmdirSync(lockPath);
    } catch {
      // Already gone, or taken over.
    }
  }
  held.clear();
}
