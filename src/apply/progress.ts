// What apply says on stderr while it works: on a terminal, one line redrawn (done/total, failures,
// elapsed); elsewhere (a CI log), one line per finished step. Failures are always their own line, even
// with --quiet, which leaves out everything else.

import { flushWhenStopped } from '../errors.js';
import type { Io } from '../io.js';
import type { StepResult } from './execute.js';
import { PAST } from './render.js';

const REDRAW_MS = 100;

// Off a terminal the lines go to a log, most often a pipe, where every write wakes the reader: 2,000 of
// them cost an apply of 1,000 databases and 1,000 tokens ~0.3–0.5 s (1.96 s with stderr on /dev/null, 2.49
// s on a pipe). They are held for at most HOLD_MS or HOLD_BYTES and written together; anything else
// written to stderr, the end of the run and a signal write them first, so the order stays.
const HOLD_MS = 100;
const HOLD_BYTES = 64 * 1024;

export interface Progress {
  settled(result: StepResult, noun: string, done: number, failed: number): void;
  finish(): void;
}

function line(r: StepResult, noun: string): string {
  const what = `${noun} "${r.resource}" on ${r.target}`;
  if (r.status === 'failed') return `error: ${r.action} ${what}: ${r.error}`;
  if (r.status === 'skipped') return `skipped ${r.action} ${what}: ${r.error}`;
  if (r.status === 'exists') return `exists already: ${what}`;
  return `${PAST[r.action]} ${what}${r.secretIn ? ` (secret in ${r.secretIn})` : ''}`;
}

export function progress(io: Io, total: number, terminal: boolean, quiet = false): Progress {
  const started = Date.now();
  let last = 0;
  let shown = false;
  const status = (done: number, failed: number) => `applying: ${done}/${total} done${failed > 0 ? `, ${failed} failed` : ''}, ${((Date.now() - started) / 1000).toFixed(1)}s`;
  const failure = (r: StepResult) => r.status === 'failed' || r.status === 'skipped';
  if (!terminal || quiet) return heldLines(io, (r, noun) => (!quiet || failure(r) ? `${line(r, noun)}\n` : ''));
  // Drawn at once and redrawn every second as well as when a step settles: one step can take minutes (a
  // datastore being made), and a line that appears only when it is done leaves the terminal blank until
  // then. Any other message to stderr meanwhile (a failure, a warning) clears the line first.
  const write = io.err;
  let counts = { done: 0, failed: 0 };
  const draw = () => {
    last = Date.now();
    // Our own control sequences (return, erase line) go raw; the text, which quotes servers, is escaped.
    io.errRaw('\r\u001b[K');
    write(status(counts.done, counts.failed));
    shown = true;
  };
  io.err = (text) => {
    if (shown) io.errRaw('\r\u001b[K');
    shown = false;
    write(text);
  };
  draw();
  const ticker = setInterval(() => {
    if (Date.now() - last >= 1000) draw();
  }, 1000).unref();
  return {
    settled(r, noun, done, failed) {
      counts = { done, failed };
      if (failure(r)) io.err(`${line(r, noun)}\n`);
      if (Date.now() - last >= REDRAW_MS || done === total || !shown) draw();
    },
    finish() {
      clearInterval(ticker);
      io.err = write;
      if (shown) write('\n');
      shown = false;
    },
  };
}

function heldLines(io: Io, text: (r: StepResult, noun: string) => string): Progress {
  const write = io.err;
  let held = '';
  let since = 0;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (held === '') return;
    const lines = held;
    held = '';
    write(lines);
  };
  io.err = (other) => {
    flush();
    write(other);
  };
  flushWhenStopped.add(flush);
  return {
    settled(r, noun) {
      const next = text(r, noun);
      if (next === '') return;
      if (held === '') {
        since = Date.now();
        // A slow step after this one must not keep the line back: written when the hold is over.
        timer = setTimeout(flush, HOLD_MS).unref();
      }
      held += next;
      if (held.length >= HOLD_BYTES || Date.now() - since >= HOLD_MS) flush();
    },
    finish() {
      flush();
      io.err = write;
      flushWhenStopped.delete(flush);
    },
  };
}
