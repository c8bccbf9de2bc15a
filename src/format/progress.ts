// A live status line for long waits: one line on stderr, redrawn in place, with the time so far. Only on
// a terminal and without --quiet; a pipe or a CI log gets nothing (the result lines say what happened).

import type { Context } from '../context.js';
import { isTerminal } from '../stdio.js';

export interface StatusLine {
  update(text: string, elapsedMs: number): void;
  /** Clears the line, so what follows starts at the left. */
  done(): void;
}

export function statusLine(ctx: Context): StatusLine {
  const shown = isTerminal(2) && ctx.globals.quiet !== true;
  let drawn = false;
  return {
    update(text, elapsedMs) {
      if (!shown) return;
      const seconds = Math.floor(elapsedMs / 1000);
      const elapsed = seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
      // Our own control sequences (return, erase line) go raw; the text itself is escaped.
      ctx.io.errRaw(`\r\u001b[K`);
      ctx.io.err(`${text} (${elapsed})`);
      drawn = true;
    },
    done() {
      if (drawn) ctx.io.errRaw('\r\u001b[K');
      drawn = false;
    },
  };
}
