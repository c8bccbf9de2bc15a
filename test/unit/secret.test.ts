import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Context } from '../../src/context.js';
import { checkOutputFile, deliverSecret } from '../../src/format/secret.js';

function fakeContext(force = false, outChecked: (text: string) => Promise<void> = async () => undefined): { ctx: Context; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const ctx = {
    format: 'json',
    yes: false,
    globals: { force },
    io: { out: (t: string) => out.push(t), outChecked, err: (t: string) => err.push(t), stdoutIsTty: false, canPrompt: false, color: false },
  } as unknown as Context;
  return { ctx, out, err };
}

const created = {
  secret: 'apiv1_new-secret-value',
  label: 'token 1234',
  revokeHint: 'revoke it with: influxadm token revoke 1234 --yes',
  row: { id: '1234' },
  fields: [{ header: 'ID', value: (r: { id: string }) => r.id }],
  json: { id: '1234', accessToken: 'apiv1_new-secret-value' },
  secretKey: 'accessToken',
};

describe('delivering a new secret to a file', () => {
  it('writes it 0600 and prints the details without it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sec-')), 'token');
    const { ctx, out, err } = fakeContext();
    await deliverSecret(ctx, created, { outputFile: file });
    expect(readFileSync(file, 'utf8')).toBe('apiv1_new-secret-value\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(out.join(''))).toEqual({ id: '1234', tokenFile: file });
    expect(err.join('')).toMatch(/is in .* \(mode 0600\); it is not shown here/);
  });

  it('names the new token and how to revoke it when the file cannot be written after creation', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sec-')), 'gone', 'token');
    const { ctx, out } = fakeContext();
    await expect(deliverSecret(ctx, created, { outputFile: file })).rejects.toMatchObject({
      exitCode: 1,
      message: expect.stringMatching(/^token 1234 was created, but writing it to .*gone\/token failed \(ENOENT\); its secret is lost$/),
      hint: 'revoke it with: influxadm token revoke 1234 --yes',
    });
    expect(out.join('')).not.toContain('apiv1_new-secret-value');
  });

  it('never replaces an existing file unless forced, checked before anything is created', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sec-'));
    const file = join(dir, 'token');
    await deliverSecret(fakeContext().ctx, created, { outputFile: file });
    await expect(checkOutputFile(file, false)).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/exists already/) });
    await expect(deliverSecret(fakeContext().ctx, created, { outputFile: file })).rejects.toMatchObject({ exitCode: 1, message: expect.stringMatching(/EEXIST/) });
    await expect(checkOutputFile(file, true)).resolves.toBeUndefined();
    await expect(checkOutputFile(dir, true)).rejects.toThrow(/is a directory/);
  });
});

describe('delivering a new secret to the terminal', () => {
  /** A context whose checked stdout records what it was handed, or fails as a closed pipe does. */
  function terminal(fail?: NodeJS.ErrnoException) {
    const written: string[] = [];
    const { ctx, out, err } = fakeContext(false, async (text) => {
      if (fail) throw fail;
      written.push(text);
    });
    return { ctx, out, err, written };
  }

  it('prints it once with the details through the checked write, and warns on stderr that it will not be shown again', async () => {
    const { ctx, out, err, written } = terminal();
    await deliverSecret(ctx, created, {});
    expect(JSON.parse(written.join(''))).toEqual(created.json);
    expect(out).toEqual([]);
    expect(err.join('')).toBe('warning: store this token now; it will not be shown again\n');
  });

  it('with --quiet, prints the secret alone and says nothing on stderr', async () => {
    const { ctx, out, err, written } = terminal();
    ctx.globals.quiet = true;
    ctx.format = 'table';
    await deliverSecret(ctx, created, {});
    expect(written).toEqual(['apiv1_new-secret-value\n']);
    expect([...out, ...err]).toEqual([]);
  });

  it('with --quiet and --json, JSON wins: the object, and nothing on stderr', async () => {
    const { ctx, out, err, written } = terminal();
    ctx.globals.quiet = true;
    await deliverSecret(ctx, created, {});
    expect(JSON.parse(written.join(''))).toEqual(created.json);
    expect([...out, ...err]).toEqual([]);
  });

  it('reports a secret that could not be written to stdout, naming the token to revoke', async () => {
    const { ctx, err } = terminal(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    await expect(deliverSecret(ctx, created, {})).rejects.toMatchObject({
      exitCode: 1,
      message: expect.stringMatching(/^token 1234 was created, but writing it to standard output failed \(EPIPE\); its secret is lost$/),
      hint: 'revoke it with: influxadm token revoke 1234 --yes',
    });
    expect(err.join('')).not.toContain('will not be shown again');
  });

  it.each([
    ['an escape sequence', 'apiv1_\u001b]0;owned\u0007'],
    ['a bidi override', 'apiv1_abc\u202edef'],
    ['a line break', 'apiv1_abc\ndef'],
  ])('refuses to show a secret holding %s, naming the token to revoke', async (_what, secret) => {
    const { ctx, out, err, written } = terminal();
    const delivered = deliverSecret(ctx, { ...created, secret, json: { ...created.json, accessToken: secret } }, {});
    await expect(delivered).rejects.toMatchObject({
      exitCode: 1,
      message: 'token 1234 was created, but the secret the server sent holds control or bidi characters; it was not shown',
      hint: 'revoke it with: influxadm token revoke 1234 --yes',
    });
    expect([...written, ...out, ...err].join('')).not.toContain(secret);
  });
});
