import { describe, expect, it } from 'vitest';
import { normaliseHost, resolveTarget } from '../../src/config/resolve.js';
import { describeTarget } from '../../src/input/confirm.js';

const config = { version: 1 as const, active: 'ent', profiles: { ent: { product: 'enterprise', host: 'https://ent.example' } } };

describe('the target line above a question', () => {
  it('names the profile that gave the product and host', () => {
    expect(describeTarget(resolveTarget({}, {}, config as never))).toBe('enterprise at https://ent.example (profile "ent")');
  });

  it('does not name the active profile when flags gave everything it would have', () => {
    const target = resolveTarget({ product: 'core', host: 'http://127.0.0.1:8181' }, {}, config as never);
    expect(describeTarget(target)).toBe('core at http://127.0.0.1:8181');
  });
});

describe('the host a profile\'s stored token may go to', () => {
  const ded = { version: 1 as const, active: 'ded', profiles: { ded: { product: 'dedicated', account: 'a', cluster: 'c', secretIn: 'file' } } };

  it('is the profile\'s own product\'s host, not the default of a product named over it', () => {
    // INFLUXADM_PRODUCT=core sends the request to Core's default host; the token stays with Cloud Dedicated's.
    const target = resolveTarget({}, { INFLUXADM_PRODUCT: 'core' }, ded as never);
    expect(target.host).toBe('http://127.0.0.1:8181');
    expect(target.profileHost).toBe('https://console.influxdata.com');
    const flagged = resolveTarget({ product: 'core' }, {}, ded as never);
    expect(flagged.profileHost).not.toBe(flagged.host);
  });

  it('is the profile\'s host when its own product runs', () => {
    const target = resolveTarget({}, {}, ded as never);
    expect(target.profileHost).toBe(target.host);
  });
});

describe('a host that is refused', () => {
  it.each([
    ['https://admin:s3cretpw@host:99999', 's3cretpw'],
    ['admin:s3cretpw@ho st', 's3cretpw'],
    ['https://host.example/?token=s3cretpw', 's3cretpw'],
  ])('is not echoed with what may be a secret: %s', (host, secret) => {
    expect(() => normaliseHost(host, '--host')).toThrow(/^the host /);
    try {
      normaliseHost(host, '--host');
    } catch (error) {
      expect((error as Error).message).not.toContain(secret);
    }
  });
});

describe('a region given on the line', () => {
  it('outranks the profile\'s host, as flags outrank a profile', () => {
    const config = { version: 1 as const, active: 's', profiles: { s: { product: 'dbaas', host: 'https://ru-1.example', region: 'ru-1' } } };
    expect(resolveTarget({}, {}, config as never).host).toBe('https://ru-1.example');
    const moved = resolveTarget({ region: 'ru-7' }, {}, config as never);
    expect(moved.host).not.toBe('https://ru-1.example');
    expect(moved.host).toContain('ru-7');
    expect(moved.origins.host).toBe('region ru-7');
  });
});
