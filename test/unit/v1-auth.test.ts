import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { askNewPassword } from '../../src/commands/password.js';
import { passwordFromStdin as fromStdin } from '../../src/input/password.js';
import { NameError } from '../../src/input/names.js';
import { checkPassword, checkUsername, checkV2Id, resolveBucket } from '../../src/products/v2/inputs.js';
import { v2Resources } from '../../src/products/v2/resources.js';
import type { LegacyAuthOps, Session } from '../../src/products/types.js';

const passwordFromStdin = (text: string) => fromStdin(text, checkPassword);

const buckets = [
  { id: 'aaaaaaaaaaaaaaa1', name: 'telegraf' },
  { id: 'aaaaaaaaaaaaaaa2', name: 'metrics' },
  { id: 'aaaaaaaaaaaaaaa3', name: 'dup' },
  { id: 'aaaaaaaaaaaaaaa4', name: 'dup' },
  { id: 'bbbbbbbbbbbbbbbb', name: 'aaaaaaaaaaaaaaa1' },
];

describe('v1-auth inputs', () => {
  it('resolves buckets by ID first, then by unique name', () => {
    expect(resolveBucket('telegraf', buckets, 'org')).toBe('aaaaaaaaaaaaaaa1');
    expect(resolveBucket('AAAAAAAAAAAAAAA2', buckets, 'org')).toBe('aaaaaaaaaaaaaaa2');
    expect(resolveBucket('aaaaaaaaaaaaaaa1', buckets, 'org')).toBe('aaaaaaaaaaaaaaa1');
    expect(resolveBucket('*', buckets, 'org')).toBe('*');
    expect(() => resolveBucket('dup', buckets, 'org "x"')).toThrow(/"dup" is ambiguous in org "x"/);
    expect(() => resolveBucket('nope', buckets, 'org "x"')).toThrow(/no bucket "nope" in org "x"/);
  });

  // As reliability.md #14 and `influx v1 auth create` have it: 16 hex digits are an ID, sent as given. It
  // was so only without a listing; with one (another reference was a name) a bucket *named* so was taken.
  it('takes 16 hex digits as an ID, whatever bucket has them as its name, with a listing or without', () => {
    const withHexName = [...buckets, { id: 'cccccccccccccccc', name: 'ddddddddddddddd1' }];
    expect(resolveBucket('ddddddddddddddd1', undefined, 'org')).toBe('ddddddddddddddd1');
    expect(resolveBucket('ddddddddddddddd1', withHexName, 'org')).toBe('ddddddddddddddd1');
    expect(resolveBucket('DDDDDDDDDDDDDDD1', withHexName, 'org')).toBe('ddddddddddddddd1');
    // A name that is another bucket's ID: the bucket with that ID, not the one so named.
    expect(resolveBucket('aaaaaaaaaaaaaaa1', withHexName, 'org')).toBe('aaaaaaaaaaaaaaa1');
    expect(resolveBucket('cccccccccccccccc', withHexName, 'org')).toBe('cccccccccccccccc');
  });

  it('checks IDs, usernames and passwords', () => {
    expect(checkV2Id('0A1B2C3D4E5F6071', 'ID')).toBe('0a1b2c3d4e5f6071');
    expect(() => checkV2Id('0000000000000000', 'ID')).toThrow(/all zeros/);
    expect(() => checkV2Id('xyz', 'ID')).toThrow(/16 hex digits/);
    expect(() => checkUsername('a b')).toThrow(/white space/);
    expect(() => checkUsername('a:b')).toThrow(/":"/);
    expect(checkPassword('12345678')).toBe('12345678');
    expect(() => checkPassword('1234567')).toThrow(/7 bytes long; it must be 8 to 72/);
    expect(() => checkPassword('x'.repeat(73))).toThrow(/73 bytes/);
    expect(() => checkPassword('é'.repeat(37))).toThrow(/74 bytes/);
    expect(passwordFromStdin('secretpass\nignored')).toBe('secretpass');
    expect(passwordFromStdin('secretpass\r\n')).toBe('secretpass');
    expect(() => passwordFromStdin('\n')).toThrow(/empty/);
  });

  it('accepts a password exactly when it is 8 to 72 bytes without line breaks', () => {
    fc.assert(fc.property(fc.string({ maxLength: 90 }), (password) => {
      const bytes = Buffer.byteLength(password);
      const ok = bytes >= 8 && bytes <= 72 && !/[\r\n]/.test(password);
      if (ok) expect(checkPassword(password)).toBe(password);
      else expect(() => checkPassword(password)).toThrow(NameError);
    }));
  });
});

describe('asking for a new password', () => {
  const scripted = (answers: string[]) => {
    const questions: string[] = [];
    return { questions, ask: async (q: string) => (questions.push(q), answers.shift() ?? '') };
  };

  it('asks twice and returns the password when both match', async () => {
    const { ask, questions } = scripted(['password1', 'password1']);
    expect(await askNewPassword(ask, () => undefined, checkPassword)).toBe('password1');
    expect(questions).toEqual(['Password: ', 'Password again: ']);
  });

  it('asks again after a mismatch or a too-short password', async () => {
    const warnings: string[] = [];
    const { ask } = scripted(['password1', 'password2', 'short', 'password3', 'password3']);
    expect(await askNewPassword(ask, (w) => warnings.push(w), checkPassword)).toBe('password3');
    expect(warnings).toEqual(['the passwords do not match; try again', 'the password is 5 bytes long; it must be 8 to 72 bytes; try again']);
  });

  it('gives up after three tries with a usage error', async () => {
    const { ask } = scripted(['aaaaaaaa', 'bbbbbbbb', 'aaaaaaaa', 'bbbbbbbb', 'aaaaaaaa', 'bbbbbbbb']);
    await expect(askNewPassword(ask, () => undefined, checkPassword)).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/no password after 3 tries/) });
  });
});

describe('plan: the buckets of an existing legacy authorization, as the file names them', () => {
  const TELEGRAF = 'aaaaaaaaaaaaaaa1';
  const METRICS = 'aaaaaaaaaaaaaaa2';
  /** A bucket whose name is TELEGRAF's ID. */
  const SHADOW = 'bbbbbbbbbbbbbbbb';
  const listing = [{ id: TELEGRAF, name: 'telegraf' }, { id: METRICS, name: 'metrics' }, { id: SHADOW, name: TELEGRAF }];
  const grant = (action: string, id: string, name?: string) => ({ action, resource: { type: 'buckets', id, orgID: 'o1', ...(name === undefined ? {} : { name }) } });

  /** What plan reads for user `u` holding `grants`, with the file asking for `wanted` (none: export). */
  async function existing(grants: ReturnType<typeof grant>[], wanted?: string[]) {
    const listed: string[] = [];
    const session = { env: { INFLUX_ORG: 'my-org' }, target: { origins: {} } } as unknown as Session;
    const ops = {
      list: async () => ({ items: [{ id: '0000000000000a01', token: 'u', status: 'active', permissions: grants }] }),
      buckets: async () => (listed.push('buckets'), listing),
    } as unknown as LegacyAuthOps;
    const [kind] = v2Resources(session, { legacyAuths: ops });
    const read = await kind!.read!({ wanted: wanted ? [{ username: 'u', permissions: wanted }] : [], all: wanted === undefined, exporting: wanted === undefined, known: () => undefined, each: (items, fn) => Promise.all(items.map(fn)) });
    return { permissions: read[0]!.item.permissions, listed: listed.length };
  }

  it('a bucket the server reports by ID alone is the one the file names, found in the org\'s buckets', async () => {
    expect(await existing([grant('read', TELEGRAF)], ['bucket:telegraf:read'])).toEqual({ permissions: ['bucket:telegraf:read'], listed: 1 });
    expect(await existing([grant('read', TELEGRAF)], [`bucket:${TELEGRAF}:read`])).toEqual({ permissions: [`bucket:${TELEGRAF}:read`], listed: 0 });
  });

  it('a file that gives another bucket\'s ID as a name means the bucket with that ID, as create does', async () => {
    // The server holds a grant on SHADOW, reported with its name (TELEGRAF's ID): not what the file asks for.
    expect((await existing([grant('read', SHADOW, TELEGRAF)], [`bucket:${TELEGRAF}:read`])).permissions).toEqual([`bucket:${SHADOW}:read`]);
    expect((await existing([grant('read', SHADOW, TELEGRAF)], ['bucket:telegraf:read'])).permissions).toEqual([`bucket:${SHADOW}:read`]);
    // A grant on TELEGRAF is what it asks for.
    expect((await existing([grant('read', TELEGRAF, 'telegraf')], [`bucket:${TELEGRAF}:read`])).permissions).toEqual([`bucket:${TELEGRAF}:read`]);
  });

  it('export writes a bucket whose name looks like an ID by its ID, so that the file means it again', async () => {
    expect((await existing([grant('read', SHADOW, TELEGRAF), grant('write', METRICS, 'metrics')])).permissions).toEqual([`bucket:${SHADOW}:read`, 'bucket:metrics:write']);
  });

  it('keeps the file\'s own spelling of a bucket it names: an ID in any case, or its name', async () => {
    expect((await existing([grant('read', TELEGRAF, 'telegraf'), grant('write', METRICS, 'metrics')], [`bucket:${TELEGRAF.toUpperCase()}:read`, 'bucket:metrics:write'])).permissions)
      .toEqual([`bucket:${TELEGRAF.toUpperCase()}:read`, 'bucket:metrics:write']);
    expect((await existing([grant('read', TELEGRAF, 'telegraf'), grant('write', TELEGRAF, 'telegraf')], ['bucket:telegraf:read', `bucket:${TELEGRAF}:write`])).permissions)
      .toEqual(['bucket:aaaaaaaaaaaaaaa1:write', 'bucket:telegraf:read']);
  });
});
