import { spawnSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAll } from '../../src/stdio.js';

describe('writing a file descriptor', () => {
  it('waits on a full non-blocking pipe and writes every byte, in order', () => {
    // A FIFO opened read-write and non-blocking: writes fail with EAGAIN once its buffer (64 KiB) is full,
    // as a parent's non-blocking pipe would. The wait drains it, as a reader would.
    const fifo = join(mkdtempSync(join(tmpdir(), 'stdio-')), 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const writer = openSync(fifo, constants.O_RDWR | constants.O_NONBLOCK);
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const data = Buffer.from(Array.from({ length: 300_000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(''));
    const received: Buffer[] = [];
    let waits = 0;
    const drain = () => {
      waits++;
      const chunk = Buffer.alloc(16_384);
      const n = readSync(reader, chunk);
      received.push(chunk.subarray(0, n));
    };
    try {
      writeAll(writer, data, drain);
      for (let n = 1; n > 0;) {
        const chunk = Buffer.alloc(65_536);
        try {
          n = readSync(reader, chunk);
        } catch {
          n = 0;
        }
        received.push(chunk.subarray(0, n));
      }
    } finally {
      closeSync(writer);
      closeSync(reader);
    }
    expect(waits).toBeGreaterThan(0);
    expect(Buffer.concat(received).equals(data)).toBe(true);
  });

  it('throws any other failure for the caller to report', () => {
    const full = openSync('/dev/full', 'w');
    try {
      expect(() => writeAll(full, 'x')).toThrow(expect.objectContaining({ code: 'ENOSPC' }));
    } finally {
      closeSync(full);
    }
  });
});
