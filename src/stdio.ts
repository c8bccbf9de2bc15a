// stdout and stderr written with fs.writeSync on their file descriptors rather than through
// process.stdout and process.stderr: creating those streams loads Node's stream machinery, about
// 2.5 ms, a tenth of a command's whole life, and on Linux they write synchronously anyway. The
// failure rules are the ones the streams' error handlers had: a reader that went away (EPIPE, `| head -1`)
// ends the run quietly with the exit code it had; any other failure to write stdout (a full disk) is one
// line and exit 1; a closed stderr is nobody to tell. A prompt still uses the streams (a terminal only).

import { fstatSync, writeSync } from 'node:fs';
import { ExitCode } from './errors.js';

/**
 * Whether fd 0, 1 or 2 is a terminal, without creating process.stdin/stdout/stderr. node:tty loads the
 * same stream machinery (through node:net), so it is asked only about a character device that is not
 * one of Linux's memory devices (/dev/null, the bench's and many a CI job's stdout): a pipe, a file
 * or /dev/null is answered from fstat.
 */
export function isTerminal(fd: 0 | 1 | 2): boolean {
  let stats;
  try {
    stats = fstatSync(fd);
  } catch {
    return false;
  }
  if (!stats.isCharacterDevice()) return false;
  if (process.platform === 'linux' && ((stats.rdev >> 8) & 0xfff) === LINUX_MEMORY_DEVICES) return false;
  return process.getBuiltinModule('node:tty').isatty(fd);
}

/** stderr can show a line redrawn in place: a terminal, and not one that takes no escape sequences. */
export function canRedraw(env: NodeJS.ProcessEnv): boolean {
  return isTerminal(2) && env.TERM !== 'dumb';
}

/** The major device number of /dev/null, /dev/zero, /dev/full and friends on Linux. */
const LINUX_MEMORY_DEVICES = 1;

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `text`. A non-blocking pipe that is full (EAGAIN: a parent handed us its own
 * non-blocking end) is retried after `wait`, 1 ms by default. Throws the write's error.
 */
export function writeAll(fd: number, text: string | Uint8Array, wait: () => void = () => Atomics.wait(pause, 0, 0, 1)): void {
  const data = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  for (let offset = writeSome(fd, data, 0); offset < data.length; offset = writeSome(fd, data, offset)) wait();
}

/** Writes from `offset` on until done or the pipe is full (EAGAIN); returns how far it got. Throws other failures. */
function writeSome(fd: number, data: Uint8Array, offset: number): number {
  while (offset < data.length) {
    try {
      offset += writeSync(fd, data, offset, data.length - offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return offset;
      throw error;
    }
  }
  return offset;
}

/** Data to stdout; a failure ends the run (see the module comment). */
export function writeOut(text: string): void {
  try {
    writeAll(1, text);
  } catch (error) {
    stdoutFailed(error as NodeJS.ErrnoException);
  }
}

/** Messages to stderr; a closed stderr is ignored (the exit code still tells). */
export function writeErr(text: string): void {
  try {
    writeAll(2, text);
  } catch {
    // Nobody to tell.
  }
}

function stdoutFailed(error: NodeJS.ErrnoException): never {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  writeErr(`error: cannot write to standard output (${error.code ?? error.message})\n`);
  process.exit(ExitCode.failure);
}

/** Where writeChunks writes: `write` takes what it can now and says how much that was. */
export interface ChunkSink {
  /** Writes a prefix of `data` (all of it when it can), returns its length in bytes; 0 when full for now. */
  write(data: Buffer): number;
  /** Resolves when writing may go on (the reader took some). */
  ready(): Promise<void>;
}

/** stdout: a full non-blocking pipe is waited on with a timer, so a signal handler still runs meanwhile. */
export const stdoutSink: ChunkSink = {
  write(data) {
    try {
      return writeSome(1, data, 0);
    } catch (error) {
      return stdoutFailed(error as NodeJS.ErrnoException);
    }
  },
  ready: () => new Promise((resolve) => setTimeout(resolve, 2)),
};
