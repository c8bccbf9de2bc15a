// Running the built binary on a pseudo-terminal (util-linux `script`), for what differs on a terminal:
// table layout, prompts. `script` joins stdout and stderr and ends lines with CR LF; `screen` undoes that.

import { existsSync } from 'node:fs';
import { execa, type ResultPromise } from 'execa';
import { BIN, cleanEnv } from './harness.js';

export const hasScript = existsSync('/usr/bin/script');

const quote = (arg: string) => `'${arg.replace(/'/g, "'\\''")}'`;

/** Starts `influxadm ARGS` on a terminal; write to its stdin to type. */
export function onTerminal(args: string[], env: Record<string, string> = cleanEnv()): ResultPromise {
  const command = ['node', BIN, ...args].map(quote).join(' ');
  return execa('script', ['-qfec', command, '/dev/null'], { env, extendEnv: false, reject: false, stdin: 'pipe', timeout: 20_000 });
}

/** What the terminal showed, as lines (CR LF → LF). */
export function screen(output: unknown): string[] {
  return String(output).replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
}

/** Types `answer` (and Enter, unless it is a control key) once `prompt` has appeared on the terminal. */
export function answerWhen(child: ResultPromise, prompt: RegExp, answer: string): void {
  let seen = '';
  let done = false;
  child.stdout!.on('data', (chunk: Buffer) => {
    seen += chunk.toString();
    if (!done && prompt.test(seen)) {
      done = true;
      child.stdin!.write(/^[\u0000-\u001f]$/.test(answer) ? answer : `${answer}\r`);
    }
  });
}
