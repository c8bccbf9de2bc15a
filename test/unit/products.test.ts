import { describe, expect, it } from 'vitest';
import { CAPABILITIES, PRODUCTS, unsupportedReason, type Verb } from '../../src/products.js';

describe('capability matrix', () => {
  it('lists only known products', () => {
    for (const products of Object.values(CAPABILITIES)) {
      for (const p of products) expect(PRODUCTS).toContain(p);
    }
  });

  it('allows the database verbs on dedicated and clustered', () => {
    for (const verb of Object.keys(CAPABILITIES) as Verb[]) {
      expect(unsupportedReason(verb, 'dedicated')).toBeUndefined();
      expect(unsupportedReason(verb, 'clustered')).toBeUndefined();
    }
  });

  it('names the products that have a verb when refusing it', () => {
    const reason = unsupportedReason('database rename', 'v2');
    expect(reason).toMatch(/`database rename` is not available for v2/);
    expect(reason).toMatch(/dedicated \(InfluxDB 3 Cloud Dedicated\), clustered/);
  });
});
