import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/api/validate.js';
import { CliError } from '../../src/errors.js';

const created = z.object({ id: z.string(), accessToken: z.string(), maxTables: z.optional(z.number().check(z.minimum(1))) });

function message(data: unknown): string {
  try {
    validate(created, data, 'creating a token');
  } catch (error) {
    if (error instanceof CliError) return error.message;
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('validate', () => {
  it('names the field and quotes what came, terminal-safe', () => {
    expect(message({ id: 'a', accessToken: 'x', maxTables: 'x\u001b[2J\u202e' })).toBe('creating a token failed: the server\'s answer does not have the expected shape at maxTables: number expected, got string "x\\u001b[2J\\u202e"');
    expect(message({ id: 'a', accessToken: 'x', maxTables: 0 })).toMatch(/at maxTables: must be at least 1, got 0$/);
  });

  it('never quotes the value of a secret field', () => {
    const text = message({ id: 'a', accessToken: 12345678901 });
    expect(text).toMatch(/at accessToken: string expected, got a number \(not shown: a secret field\)$/);
    expect(text).not.toContain('12345678901');
  });
});
