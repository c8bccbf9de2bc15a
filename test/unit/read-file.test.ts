import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTextFile } from '../../src/read-file.js';

const dir = mkdtempSync(join(tmpdir(), 'read-file-'));

describe('readTextFile', () => {
  // Both sides of the size at which a regular file is decoded by Buffer instead of Node's UTF-8 read.
  it.each([10, 65536, 65537, 300_000])('reads a regular file of about %i bytes as UTF-8, multi-byte characters and bad bytes included', async (size) => {
    const unit = 'name: café 💾 ñ\n';
    const text = unit.repeat(Math.ceil(size / Buffer.byteLength(unit)));
    const bad = Buffer.concat([Buffer.from(text), Buffer.from([0xff, 0xc3]), Buffer.from('\nend\n')]);
    const path = join(dir, `f${size}`);
    writeFileSync(path, bad);
    expect(await readTextFile(path)).toBe(bad.toString('utf8'));
    expect(await readTextFile(path)).toContain('\uFFFD');
  });

  it('reads a FIFO asynchronously, to its end', async () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const reading = readTextFile(fifo);
    writeFileSync(fifo, 'from a pipe: ü\n');
    expect(await reading).toBe('from a pipe: ü\n');
  });

  it('rejects with the file system error', async () => {
    await expect(readTextFile(join(dir, 'absent'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
