// The keychain against a real Secret Service of the test's own (test/secret-service.ts), frozen with
// SIGSTOP to play a stuck one. Skipped only when no Secret Service can be started and CI is not set.

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { keychainStore } from '../../src/config/keychain.js';
import { startPrivateSecretService } from '../secret-service.js';

const service = await startPrivateSecretService();
afterAll(async () => {
  await service?.stop();
});
afterEach(() => {
  service?.thaw();
});

const store = (timeoutMs?: number) => keychainStore({ timeoutMs, env: { ...process.env, ...service!.env } });

/** Counts timer ticks while `work` runs: none at all means it blocked this thread. */
async function ticksDuring(work: Promise<unknown>): Promise<number> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 20);
  await work.catch(() => undefined);
  clearInterval(timer);
  return ticks;
}

describe('the keychain, bounded in time', () => {
  it('has a Secret Service to test against in CI', () => {
    if (process.env.CI) expect(service, 'CI needs dbus-daemon, gnome-keyring-daemon and secret-tool (see .ci/run)').toBeDefined();
  });

  it.runIf(service)('stores, reads and deletes a secret', async () => {
    const keychain = store();
    await keychain.set('round-trip', 's3cret value');
    expect(await keychain.get('round-trip')).toBe('s3cret value');
    expect(await keychain.delete('round-trip')).toBe(true);
    expect(await keychain.get('round-trip')).toBeUndefined();
    expect(await keychain.delete('round-trip')).toBe(false);
  });

  it.runIf(service)('answers many calls at once, a few helpers at a time', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const keychain = store(20_000);
    await keychain.set('many', 'one secret');
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => keychain.get(i % 2 ? 'many' : `absent-${i}`)));
    process.off('warning', onWarning);
    expect(answers).toEqual(Array.from({ length: 12 }, (_, i) => (i % 2 ? 'one secret' : undefined)));
    expect(warnings).toEqual([]);
  });

  it.runIf(service)('gives up on a frozen bus at the bound, and this thread keeps running meanwhile', async () => {
    service!.freeze('bus');
    const call = store(1000).set('stuck', 'never-stored');
    expect(await ticksDuring(call)).toBeGreaterThan(0);
    await expect(call).rejects.toThrow('the keychain did not answer within 1s');
  });

  it.runIf(service)('reports a frozen keyring daemon as an error, reading and writing', async () => {
    await store().set('frozen', 'before');
    service!.freeze('keyring');
    await expect(store(1500).get('frozen')).rejects.toThrow(/reading the keychain failed|did not answer within 1.5s/);
    await expect(store(1500).set('frozen', 'after')).rejects.toThrow(/writing to the keychain failed|did not answer within 1.5s/);
  });

  it('quotes the error of a helper that cannot run', async () => {
    const broken = keychainStore({ timeoutMs: 5000, env: { PATH: process.env.PATH, NODE_OPTIONS: '--require=/nonexistent/preload.js' } });
    await expect(broken.get('x')).rejects.toThrow(/keychain helper failed: .*nonexistent/);
  });
});
