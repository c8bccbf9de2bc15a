// Standard input gives one thing. A second read (after the first destroyed the stream) must fail, not wait
// forever: a promise that never settles lets Node exit 0 having done nothing.

import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { readStdin, readStdinLine } from '../../src/io.js';

const original = Object.getOwnPropertyDescriptor(process, 'stdin')!;
const fakeStdin = (text: string) => {
  const stream = new PassThrough();
  stream.end(text);
  Object.defineProperty(process, 'stdin', { value: stream, configurable: true });
};
afterEach(() => {
  Object.defineProperty(process, 'stdin', original);
});

/** Settles as the read does, or says it hung. */
const within = <T>(read: Promise<T>) => Promise.race([read, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('hung')), 500))]);

describe('reading standard input twice', () => {
  it('a second read after the whole of it was read is a usage error, not a hang', async () => {
    fakeStdin('the-token\npassword123\n');
    expect(await within(readStdin())).toBe('the-token\npassword123\n');
    await expect(within(readStdinLine())).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/^standard input was read already/) });
  });

  it('a second read after the first line was taken is refused too', async () => {
    fakeStdin('password123\nthe-token\n');
    expect(await within(readStdinLine())).toBe('password123');
    await expect(within(readStdin())).rejects.toMatchObject({ exitCode: 2 });
  });
});
