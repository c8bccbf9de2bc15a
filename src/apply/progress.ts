// What apply says on stderr while it works: on a terminal, one line redrawn (done/total, failures,
// elapsed); elsewhere (a CI log), one line per finished step. Failures are always their own line, even
// with --quiet, which leaves out everything else.

import type { Io } from '../io.js';
import type { StepResult } from './execute.js';
import { PAST } from './render.js';

const REDRAW_MS = 100;

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
  if (!terminal || quiet) {
    return {
      settled: (r, noun) => {
        if (!quiet || failure(r)) io.err(`${line(r, noun)}\n`);
      },
      finish: () => undefined,
    };
  }
  return {
    settled(r, noun, done, failed) {
      // Our own control sequences (return, erase line) go raw; the text, which quotes servers, is escaped.
      if (failure(r)) {
        io.errRaw('\r\u001b[K');
        io.err(`${line(r, noun)}\n`);
        shown = false;
      }
      const now = Date.now();
      if (now - last >= REDRAW_MS || done === total) {
        last = now;
        io.errRaw('\r\u001b[K');
        io.err(status(done, failed));
        shown = true;
      }
    },
    finish() {
      if (shown) io.err('\n');
    },
  };
}
