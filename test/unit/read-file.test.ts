import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileTooLarge, readTextFile } from '../../src/read-file.js';

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

// A token file is read with a limit: whatever it is, the read stops just past it.
describe('readTextFile with a limit', () => {
  it('reads a regular file of up to the limit, and refuses one byte more', async () => {
    const path = join(dir, 'limit');
    writeFileSync(path, 'x'.repeat(1024));
    expect(await readTextFile(path, 1024)).toBe('x'.repeat(1024));
    writeFileSync(path, 'x'.repeat(1025));
    await expect(readTextFile(path, 1024)).rejects.toBeInstanceOf(FileTooLarge);
  });

  it('reads a file whose stat size is 0 (in /proc) to its end', async () => {
    const text = await readTextFile('/proc/self/stat', 64 * 1024);
    expect(text).toMatch(/^\d+ \(/);
  });

  it.runIf(process.platform === 'linux')('stops reading a device that never ends (/dev/zero)', { timeout: 5_000 }, async () => {
    await expect(readTextFile('/dev/zero', 64 * 1024)).rejects.toBeInstanceOf(FileTooLarge);
  });

  it('stops reading a FIFO whose writer never stops', { timeout: 10_000 }, async () => {
    const fifo = join(dir, 'endless');
    execFileSync('mkfifo', [fifo]);
    const reading = readTextFile(fifo, 64 * 1024);
    // `yes` writes until its reader goes, then dies of SIGPIPE.
    const writer = spawn('sh', ['-c', 'exec yes > "$0"', fifo], { stdio: 'ignore' });
    try {
      await expect(reading).rejects.toBeInstanceOf(FileTooLarge);
    } finally {
      writer.kill();
    }
  });
});
