import { describe, expect, it } from 'vitest';
import { CAPABILITIES, FLAG_CAPABILITIES, PRODUCTS, unsupportedFlagReason, unsupportedReason, type Verb } from '../../src/products.js';

const M = ['dedicated', 'clustered'];
const V3 = ['core', 'enterprise'];

describe('capability matrix', () => {
  it('is exactly this table', () => {
    expect(CAPABILITIES).toEqual({
      'database create': [...M, ...V3],
      'database list': [...M, ...V3],
      'database update': [...M, ...V3],
      'database delete': [...M, ...V3],
      'database rename': M,
      'database undelete': M,
      'table create': [...M, ...V3],
      'table list': V3,
      'table delete': [...M, ...V3],
      'table rename': M,
      'table undelete': M,
      'token create': [...M, ...V3],
      'token list': [...M, ...V3],
      'token get': M,
      'token update': M,
      'token revoke': [...M, ...V3],
      'token regenerate': V3,
      'v1-auth create': ['v2'],
      'v1-auth list': ['v2'],
      'v1-auth get': ['v2'],
      'v1-auth update': ['v2'],
      'v1-auth set-active': ['v2'],
      'v1-auth set-inactive': ['v2'],
      'v1-auth set-password': ['v2'],
      'v1-auth delete': ['v2'],
    });
  });

  it('lists only known products and only flags of known verbs', () => {
    for (const products of [...Object.values(CAPABILITIES), ...Object.values(FLAG_CAPABILITIES)]) {
      for (const p of products) expect(PRODUCTS).toContain(p);
    }
    for (const key of Object.keys(FLAG_CAPABILITIES)) {
      const verb = key.slice(0, key.indexOf(' --')) as Verb;
      expect(Object.keys(CAPABILITIES)).toContain(verb);
      // A flag is never offered where its verb is absent.
      for (const p of FLAG_CAPABILITIES[key]!) expect(CAPABILITIES[verb]).toContain(p);
    }
  });

  it('names the products that have a verb when refusing it', () => {
    expect(unsupportedReason('database rename', 'v2')).toMatch(/`database rename` is not available for v2 .*dedicated \(InfluxDB 3 Cloud Dedicated\), clustered/);
    expect(unsupportedReason('database create', 'core')).toBeUndefined();
  });

  it('explains what to do instead of table list on the Management API', () => {
    expect(unsupportedReason('table list', 'dedicated')).toMatch(/Management API has no table listing; run `SHOW TABLES`/);
  });

  it('refuses flags the product lacks, naming the products that have them', () => {
    expect(unsupportedFlagReason('database delete', '--data-only', 'core')).toMatch(/works on enterprise/);
    expect(unsupportedFlagReason('database delete', '--data-only', 'enterprise')).toBeUndefined();
    expect(unsupportedFlagReason('database create', '--max-tables', 'core')).toMatch(/works on dedicated .*clustered/);
    expect(unsupportedFlagReason('database create', '--retention-period', 'core')).toBeUndefined();
    expect(unsupportedFlagReason('token create', '--permission', 'core')).toMatch(/not available for core .*enterprise/);
  });
});
