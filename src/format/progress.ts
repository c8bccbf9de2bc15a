// A live status line for long waits: one line on stderr, redrawn in place, with the time so far. Only on
// a terminal that can erase a line (not TERM=dumb) and without --quiet; a pipe or a CI log gets nothing
// (the result lines say what happened).
// While it is drawn, any other message to stderr (a result line, a per-name error, a warning) clears it
// first, so that the message starts at the left margin rather than after the status text. It is cut to
// the terminal's width: a line that wrapped could not be erased with one carriage return.

import type { Context } from '../context.js';
import { canRedraw } from '../stdio.js';
import { truncateToWidth } from './display-width.js';
import { terminalSafeLine } from './terminal-text.js';

export interface StatusLine {
  update(text: string, elapsedMs: number): void;
  /** Clears the line, so what follows starts at the left. */
  done(): void;
}

const CLEAR = '\r\u001b[K';

export function statusLine(ctx: Context): StatusLine {
  const shown = canRedraw(ctx.env) && ctx.globals.quiet !== true;
  const io = ctx.io;
  const write = io.err;
  let drawn = false;
  const clear = () => {
    if (drawn) io.errRaw(CLEAR);
    drawn = false;
  };
  if (shown) {
    io.err = (text) => {
      clear();
      write(text);
    };
  }
  const draw = (text: string, elapsedMs: number) => {
    const seconds = Math.floor(elapsedMs / 1000);
    const elapsed = seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
    // Our own control sequences (return, erase line) go raw; the text itself is escaped.
    // Cut to the width, the elapsed time kept; one column is left free (a full line wraps on some terminals).
    const suffix = ` (${elapsed})`;
    const width = Math.max(1, stderrWidth(ctx.env) - 1);
    const line = terminalSafeLine(text);
    io.errRaw(CLEAR);
    write(width - suffix.length >= 8 ? `${truncateToWidth(line, width - suffix.length)}${suffix}` : truncateToWidth(`${line}${suffix}`, width));
    drawn = true;
  };
  // Polls grow up to 10 s apart: between them the clock on the line still moves, once a second, as long
  // as nothing else was written since (a result line means the status shown is over).
  let last: { text: string; since: number } | undefined;
  let ticker: NodeJS.Timeout | undefined;
  return {
    update(text, elapsedMs) {
      if (!shown) return;
      last = { text, since: Date.now() - elapsedMs };
      draw(text, elapsedMs);
      ticker ??= setInterval(() => {
        if (drawn && last) draw(last.text, Date.now() - last.since);
      }, 1000).unref();
    },
    done() {
      clearInterval(ticker);
      ticker = undefined;
      clear();
      if (shown) io.err = write;
    },
  };
}

/** stderr's width: COLUMNS when set (a user's or a test's choice), else what the terminal says, else 80. */
function stderrWidth(env: NodeJS.ProcessEnv): number {
  const fromEnv = Number(env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  const columns = process.stderr.columns;
  return columns !== undefined && columns > 0 ? columns : 80;
}
