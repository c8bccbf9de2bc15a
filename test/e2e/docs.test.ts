import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);

describe('reference pages', () => {
  it('say what the code says (commands, products, exit codes)', async () => {
    const r = await execa('node', ['scripts/docs.mjs', '--check'], { cwd: root, reject: false });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
  });

  it('document every environment variable the code reads', () => {
    const documented = readFileSync(new URL('docs/environment.md', root), 'utf8');
    const found = execSync("grep -rhoE '\\b(INFLUXADM|INFLUXDB3|INFLUX|INFLUXCTL)_[A-Z_]+\\b' src bin", { cwd: root, encoding: 'utf8' });
    const names = new Set(found.split('\n').filter(Boolean));
    expect(names.size).toBeGreaterThan(10);
    for (const name of names) expect(documented, name).toContain(`\`${name}\``);
  });
});
