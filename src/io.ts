// Everything that talks to the terminal: stdout for data, stderr for the rest, colour decisions, the
// password prompt (yes/no questions are in input/confirm.ts). Kept free of heavy imports; chalk is
// loaded only when colour is on.

import { CliError, ExitCode, usageError } from './errors.js';
import { terminalSafe } from './format/terminal-text.js';
import { isTerminal, stdoutSink, writeAll, writeErr, writeOut, type ChunkSink } from './stdio.js';

export interface Io {
  /** Data to stdout, exactly as given (JSON is never altered). */
  out(text: string): void;
  /**
   * Data to stdout piece by piece, returning to the event loop between pieces (so Ctrl-C is heard
   * while a huge table renders) and waiting while the reader is behind.
   */
  outChunks(chunks: Iterable<string>): Promise<void>;
  /**
   * Data that must not be lost silently (a new secret): resolves once written, rejects when it cannot be
   * (a closed pipe, a full disk) for the caller to report, where out() would end the run quietly on EPIPE.
   */
  outChecked(text: string): Promise<void>;
  /**
   * Messages to stderr, made terminal-safe: server text in them (names, error bodies, --debug
   * bodies) cannot move the cursor, retitle the window or reorder the line. Line feeds and tabs stay.
   */
  err(text: string): void;
  /** stderr as given, for the escape sequences we emit ourselves (colour, a status line). */
  errRaw(text: string): void;
  /** stdout is a terminal (tables may be wide, colour allowed). */
  stdoutIsTty: boolean;
  /** Both stdin and stderr are terminals: we may ask a question and read the answer. */
  canPrompt: boolean;
  color: boolean;
}

/**
 * --no-color and NO_COLOR always win. FORCE_COLOR is the Node convention (chalk, Node's own
 * util.inspect): 0 or false is off, anything else on, even into a pipe (`| less -R`) or on TERM=dumb.
 * Without them, colour is for a terminal that is not dumb.
 */
export function colorAllowed(isTty: boolean, noColorFlag: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  if (noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.TERM === 'dumb') return false;
  return isTty;
}

export function createIo(noColor: boolean): Io {
  const stdoutIsTty = isTerminal(1);
  return {
    out: writeOut,
    outChunks: (chunks) => writeChunks(stdoutSink, chunks),
    outChecked: async (text) => writeAll(1, text),
    err: (text) => writeErr(terminalSafe(text)),
    errRaw: writeErr,
    stdoutIsTty,
    canPrompt: isTerminal(0) && isTerminal(2),
    color: colorAllowed(stdoutIsTty, noColor),
  };
}

/**
 * Writes chunk after chunk. Between two it yields to the event loop (a SIGINT handler gets to run;
 * an empty chunk is only such a pause), and while the sink is full it waits until the reader takes
 * some rather than holding the whole output in memory.
 */
export async function writeChunks(sink: ChunkSink, chunks: Iterable<string>): Promise<void> {
  let first = true;
  for (const chunk of chunks) {
    // Between two chunks only: output of one chunk (most of it) never waits on the event loop.
    if (!first) await new Promise<void>((resolve) => setImmediate(resolve));
    first = false;
    let data = Buffer.from(chunk, 'utf8');
    while (data.length > 0) {
      const written = sink.write(data);
      data = data.subarray(written);
      if (data.length > 0) await sink.ready();
    }
  }
}

/** What stdin may hold: a token or a password is small; an apply file (`-f -`) of 10,000 databases is ~1 MB. */
export const STDIN_LIMITS = {
  secret: { bytes: 64 * 1024, shown: '64 KiB', more: 'more than any token or password' },
  file: { bytes: 64 * 1024 * 1024, shown: '64 MiB', more: 'more than an apply file should' },
} as const;
type StdinLimit = (typeof STDIN_LIMITS)[keyof typeof STDIN_LIMITS];

/**
 * Reads stdin to its end as text (for --token-stdin and friends, and `-f -`), at most the limit: more is a
 * usage error that never echoes what was read, and reading stops there.
 */
export function readStdin(limit: StdinLimit = STDIN_LIMITS.secret): Promise<string> {
  return readStdinUntil(false, limit);
}

/**
 * Reads the first line of stdin (for --password-stdin), without its line break, and returns as soon
 * as it has it: a writer that keeps the pipe open does not hold this process up.
 */
export async function readStdinLine(): Promise<string> {
  return (await readStdinUntil(true, STDIN_LIMITS.secret)).replace(/\r$/, '');
}

/** Streams a reader has taken: stdin gives one thing (a token, a password or a file), once. */
const taken = new WeakSet<NodeJS.ReadableStream>();

function readStdinUntil(firstLineOnly: boolean, limit: StdinLimit): Promise<string> {
  const stdin = process.stdin;
  // A second reader would wait on a stream the first has destroyed, which never settles: Node would then
  // exit 0 having done nothing. Refused instead, whoever forgot to check the flags.
  if (taken.has(stdin) || stdin.destroyed || stdin.readableEnded) {
    return Promise.reject(usageError('standard input was read already; it can give only one of the token, a password or a file'));
  }
  taken.add(stdin);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error?: Error) => {
      stdin.off('data', onData).off('end', onEnd).off('error', onError);
      // Done with stdin: pause() alone would keep reading an open pipe, and keep the process alive.
      stdin.destroy();
      if (error) reject(error);
      else resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onData = (chunk: Buffer) => {
      const newline = firstLineOnly ? chunk.indexOf(0x0a) : -1;
      const part = newline >= 0 ? chunk.subarray(0, newline) : chunk;
      size += part.length;
      if (size > limit.bytes) return finish(usageError(`standard input holds more than ${limit.shown}, ${limit.more}`));
      chunks.push(part);
      if (newline >= 0) finish();
    };
    const onEnd = () => finish();
    const onError = (error: Error) => finish(new CliError(`cannot read standard input: ${error.message}`));
    stdin.on('data', onData).once('end', onEnd).once('error', onError);
    stdin.resume();
  });
}

/**
 * Reads one line from the terminal without echoing it (a password). Ctrl-C exits 130, Ctrl-D ends
 * the line; backspace works.
 */
export async function promptSecret(question: string): Promise<string> {
  const stdin = process.stdin;
  // Echo goes off before the question appears: whoever answers as soon as they see it is never echoed.
  stdin.setRawMode(true);
  process.stderr.write(question);
  stdin.resume();
  stdin.setEncoding('utf8');
  try {
    return await new Promise<string>((resolve) => {
      let value = '';
      const onData = (chunk: string) => {
        const chars = [...chunk];
        for (let i = 0; i < chars.length; i++) {
          const ch = chars[i]!;
          if (ch === '\u0003') {
            process.stderr.write('\n');
            process.exit(ExitCode.interrupted);
          }
          if (ch === '\r' || ch === '\n' || ch === '\u0004') {
            stdin.off('data', onData);
            // Typed-ahead input belongs to the next prompt.
            const rest = chars.slice(i + 1).join('').replace(/^\n/, '');
            if (rest) stdin.unshift(rest);
            process.stderr.write('\n');
            resolve(value);
            return;
          }
          if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
          else value += ch;
        }
      };
      stdin.on('data', onData);
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
  }
}
