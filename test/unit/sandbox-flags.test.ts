// The sandbox's API options as the command line gives them: zero is a delay and a lifetime like any other,
// and a password file must hold a password.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError, ExitCode } from '../../src/errors.js';
import { apiOptions } from '../../src/sandbox/flags.js';

const usage = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(ExitCode.usage);
    return (error as CliError).message;
  }
  throw new Error('no error');
};

describe('sandbox API options', () => {
  it('takes zero for --dbaas-delay and --dbaas-token-ttl, with or without a unit', () => {
    for (const zero of ['0', '0s', '0ms', '0.0', ' 00m ']) {
      expect(apiOptions({ influxdb3: 'core', dbaasDelay: zero, dbaasTokenTtl: zero }).dbaas).toEqual({ delayMs: 0, tokenTtlMs: 0 });
    }
    expect(apiOptions({ influxdb3: 'core', dbaasDelay: '1.5s' }).dbaas).toEqual({ delayMs: 1500 });
  });

  it('still refuses what is not a duration', () => {
    expect(usage(() => apiOptions({ influxdb3: 'core', dbaasDelay: 'soon' }))).toMatch(/soon/);
    expect(usage(() => apiOptions({ influxdb3: 'core', dbaasDelay: '-1s' }))).toMatch(/negative/);
    expect(usage(() => apiOptions({ influxdb3: 'core', dbaasDelay: '5' }))).toMatch(/no unit/);
  });

  it('refuses a password file whose first line is empty, which would let every login in', () => {
    const dir = mkdtempSync(join(tmpdir(), 'influxadm-sandbox-flags-'));
    for (const text of ['', '\n', '\nsecret\n']) {
      const file = join(dir, 'password');
      writeFileSync(file, text);
      expect(usage(() => apiOptions({ influxdb3: 'core', identityPasswordFile: file }))).toBe(`--identity-password-file ${file}: its first line, the password, is empty`);
    }
    const file = join(dir, 'good');
    writeFileSync(file, 'Secret-1\n');
    expect(apiOptions({ influxdb3: 'core', identityPasswordFile: file }).dbaas).toEqual({ identityPassword: 'Secret-1' });
  });
});
