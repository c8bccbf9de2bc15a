// Tables that fit: on a terminal a rule under the header and cells cut with … to the width; --wide for
// everything; piped, plain aligned columns; columns empty in every row left out.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/format/display-width.js';
import { ACCOUNT, ANSI, CLUSTER, cleanEnv, cli, startSandbox, type SandboxHandle } from './harness.js';
import { hasScript, onTerminal, screen } from './ux-terminal.js';

let sandbox: SandboxHandle;
const target = () => ['--product', 'dedicated', '--host', sandbox.url, '--account', ACCOUNT, '--cluster', CLUSTER, '--token', 'mgmt'];
const descriptions = [1, 2, 3].map((i) => `grafana dashboards for the sensors team, number ${i}`);

beforeAll(async () => {
  sandbox = await startSandbox();
  for (const description of descriptions) {
    const r = await cli([...target(), 'token', 'create', description, '--permission', 'db:sensors,metrics,logs:read,write', '--expiry', '1y']);
    expect(r.exitCode).toBe(0);
  }
});
afterAll(() => sandbox.stop());

const list = (columns: string, ...extra: string[]) => onTerminal([...target(), 'token', 'list', ...extra], cleanEnv({ COLUMNS: columns }));

describe.skipIf(!hasScript)('token list with 3 tokens on a terminal', () => {
  it('fits 80 columns: a rule under the header, long cells cut with …, IDs whole where they fit', async () => {
    const r = await list('80', '--no-color');
    expect(r.exitCode).toBe(0);
    const lines = screen(r.stdout);
    expect(lines).toHaveLength(5);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    expect(lines[0]).toMatch(/^ID +DESCRIPTION +PERMISSIONS +CREATED +EXPIRES$/);
    expect(lines[1]).toMatch(/^─+( {2}─+){4}$/);
    expect(lines[2]).toMatch(/…/);
    expect(r.stdout).not.toMatch(ANSI);
  });

  it('cuts nothing when the terminal is wide enough, and with --wide at any width', async () => {
    for (const r of [await list('220', '--no-color'), await list('80', '--no-color', '--wide')]) {
      expect(r.exitCode).toBe(0);
      const lines = screen(r.stdout);
      expect(lines.join('\n')).not.toContain('…');
      for (const description of descriptions) expect(lines.some((line) => line.includes(description))).toBe(true);
      expect(lines[1]).toMatch(/^─/);
    }
  });

  it('paints the header and the rule when colour is on', async () => {
    const r = await list('80');
    expect(screen(r.stdout)[0]).toMatch(/^\u001b\[1mID\u001b\[22m/);
    expect(screen(r.stdout)[1]).toMatch(/^\u001b\[90m─/);
  });
});

describe.skipIf(!hasScript)('one object on a narrow terminal', () => {
  it('keeps its ID whole, to be copied into the next command, and cuts the rest', async () => {
    const [token] = JSON.parse((await cli([...target(), 'token', 'list', '--json'])).stdout) as Array<{ id: string }>;
    const r = await onTerminal([...target(), 'token', 'get', token!.id, '--no-color'], cleanEnv({ COLUMNS: '40' }));
    expect(r.exitCode).toBe(0);
    const lines = screen(r.stdout);
    expect(lines[0]).toBe(`ID           ${token!.id}`);
    const description = lines.find((line) => line.startsWith('DESCRIPTION'))!;
    expect(description).toMatch(/^DESCRIPTION {2}grafana .*…$/);
    expect(displayWidth(description)).toBe(40);
  });
});

describe('FORCE_COLOR', () => {
  it.skipIf(!hasScript)('=0 keeps colour off a terminal', async () => {
    const r = await onTerminal([...target(), 'token', 'list'], cleanEnv({ FORCE_COLOR: '0' }));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).not.toMatch(ANSI);
  });

  it('=1 paints a table and the error line that go into a pipe (for less -R); JSON stays plain', async () => {
    const env = cleanEnv({ FORCE_COLOR: '1' });
    expect((await cli([...target(), 'token', 'list'], { env })).stdout).toMatch(ANSI);
    expect((await cli([...target(), 'token', 'list', '--json'], { env })).stdout).not.toMatch(ANSI);
    expect((await cli(['database', 'list'], { env })).stderr).toMatch(/^\u001b\[31merror:/);
    expect((await cli([...target(), 'token', 'list'], { env: cleanEnv({ FORCE_COLOR: '1', NO_COLOR: '1' }) })).stdout).not.toMatch(ANSI);
  });
});

describe('token list piped', () => {
  it('is plain aligned columns: no rule, no colour, no tab, no trailing space, nothing cut', async () => {
    const r = await cli([...target(), 'token', 'list'], { env: cleanEnv({ COLUMNS: '80' }) });
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^ID {2,}DESCRIPTION {2,}PERMISSIONS {2,}CREATED {2,}EXPIRES$/);
    expect(lines).toHaveLength(4);
    expect(r.stdout).not.toMatch(/[\t─…]| $/m);
    expect(r.stdout).not.toMatch(ANSI);
    for (const description of descriptions) expect(r.stdout).toContain(description);
    // Every column starts where its header does.
    const start = lines[0]!.indexOf('PERMISSIONS');
    for (const line of lines.slice(1)) expect(line.slice(start)).toMatch(/^db:logs:read,write db:metrics:read,write db:sensors:read,write {2}/);
  });

  it('leaves out a column that is empty in every row; --wide and csv keep it', async () => {
    expect((await cli([...target(), 'database', 'create', 'sensors'])).exitCode).toBe(0);
    const headers = (text: string) => text.split('\n')[0]!.split(/ {2,}/);
    // No database here has a partition template.
    expect(headers((await cli([...target(), 'database', 'list'])).stdout)).toEqual(['NAME', 'RETENTION', 'MAX TABLES', 'MAX COLUMNS/TABLE']);
    const wide = headers((await cli([...target(), 'database', 'list', '--wide'])).stdout);
    expect(wide).toEqual(['NAME', 'RETENTION', 'MAX TABLES', 'MAX COLUMNS/TABLE', 'PARTITION TEMPLATE']);
    expect((await cli([...target(), 'database', 'list', '--format', 'csv'])).stdout.split('\n')[0]!.split(',')).toEqual(wide);
  });
});

describe('CSV of the profile listings', () => {
  // A yes/no column is true/false in CSV (docs/output.md); the active profile was `*` there, and in
  // `auth status` the marker was glued to the name (`* prod`), which a script took for the profile's name.
  it('profile list and auth status: an ACTIVE column of true/false, and the bare profile name', async () => {
    const env = cleanEnv();
    for (const name of ['prod', 'staging']) {
      expect((await cli(['profile', 'create', name, '--product', 'core', '--host', 'http://127.0.0.1:1'], { env })).exitCode).toBe(0);
    }
    expect((await cli(['profile', 'use', 'prod'], { env })).exitCode).toBe(0);
    const profiles = (await cli(['profile', 'list', '--format', 'csv'], { env })).stdout.split('\n');
    expect(profiles[0]).toBe('ACTIVE,NAME,PRODUCT,HOST,ACCOUNT,REGION,CLUSTER,TOKEN STORED,TLS VERIFY');
    expect(profiles.slice(1, 3)).toEqual(['true,prod,core,http://127.0.0.1:1,,,,,true', 'false,staging,core,http://127.0.0.1:1,,,,,true']);
    const status = (await cli(['auth', 'status', '--format', 'csv'], { env })).stdout.split('\n');
    expect(status[0]!.split(',').slice(0, 2)).toEqual(['ACTIVE', 'PROFILE']);
    expect(status.slice(1, 3).map((line) => line.split(',').slice(0, 2))).toEqual([['true', 'prod'], ['false', 'staging']]);
    // The table keeps its marker.
    expect((await cli(['profile', 'list'], { env })).stdout.split('\n')[1]).toMatch(/^\* +prod /);
    expect((await cli(['auth', 'status'], { env })).stdout.split('\n')[1]).toMatch(/^\* +prod /);
  });
});
