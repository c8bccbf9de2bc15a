import { describe, expect, it } from 'vitest';
import { resolveTarget } from '../../src/config/resolve.js';
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
