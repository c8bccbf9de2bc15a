import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { verbOf } from '../../src/commands/verb.js';
import { IGNORE_NOT_FOUND } from '../../src/commands/delete-each.js';
import { IF_NOT_EXISTS } from '../../src/commands/if-not-exists.js';
import { allVerbs, loadBackend, PRODUCTS, productInfo, productsFor, productsForFlag, unsupportedFlagReason, unsupportedReason, type Product } from '../../src/products/registry.js';
import type { Backend, Session } from '../../src/products/types.js';

const M = ['dedicated', 'clustered'];
const V3 = ['core', 'enterprise'];

const matrix = () => Object.fromEntries(allVerbs().map((verb) => [verb, productsFor(verb)]));

function commands(root: Command): Command[] {
  return [root, ...root.commands.flatMap(commands)];
}

/** Which backend operation serves a verb: `database create` → databases.create. */
const NOUNS: Record<string, Exclude<keyof Backend, 'probe' | 'login'>> = {
  database: 'databases', table: 'tables', token: 'tokens', 'v1-auth': 'legacyAuths', datastore: 'datastores', user: 'users', grant: 'grants',
  acl: 'acls', topic: 'topics', extension: 'extensions', 'replication-slot': 'replicationSlots', 'datastore-types': 'catalogs', flavors: 'catalogs',
  'configuration-parameters': 'catalogs', 'available-extensions': 'catalogs',
};
const METHODS: Record<string, string> = { revoke: 'removal', delete: 'removal', 'set-active': 'update', 'set-inactive': 'update', 'set-password': 'setPassword', config: 'configure' };
const D = ['dbaas'];

describe('capability matrix', () => {
  it('is exactly this table', () => {
    expect(matrix()).toEqual({
      'database rename': M,
      'database undelete': M,
      'table create': [...M, ...V3],
      'table list': V3,
      'table delete': [...M, ...V3],
      'table rename': M,
      'table undelete': M,
      'table update': ['enterprise'],
      'token update': M,
      'token regenerate': V3,
      'v1-auth create': ['v2'],
      'v1-auth list': ['v2'],
      'v1-auth get': ['v2'],
      'v1-auth update': ['v2'],
      'v1-auth set-active': ['v2'],
      'v1-auth set-inactive': ['v2'],
      'v1-auth set-password': ['v2'],
      'v1-auth delete': ['v2'],
      'database create': [...M, ...V3, ...D],
      'database list': [...M, ...V3, ...D],
      'database update': [...M, ...V3, ...D],
      'database delete': [...M, ...V3, ...D],
      'token create': [...M, ...V3, ...D],
      'token list': [...M, ...V3, ...D],
      'token get': [...M, ...D],
      'token rename': D,
      'token revoke': [...M, ...V3, ...D],
      ...Object.fromEntries(['datastore list', 'datastore get', 'datastore create', 'datastore rename', 'datastore delete', 'datastore resize', 'datastore config',
        'datastore firewall', 'datastore pooler', 'datastore backups', 'datastore password', 'datastore wait',
        'user create', 'user list', 'user update', 'user delete', 'grant create', 'grant list', 'grant delete',
        'acl create', 'acl list', 'acl update', 'acl delete', 'topic create', 'topic list', 'topic update', 'topic delete',
        'extension create', 'extension list', 'extension delete', 'replication-slot create', 'replication-slot list', 'replication-slot delete',
        'datastore-types list', 'datastore-types get', 'flavors list', 'flavors get', 'configuration-parameters list', 'configuration-parameters get',
        'available-extensions list', 'available-extensions get'].map((verb) => [verb, D])),
    });
  });

  it('has a command for every declared verb, and declares every flag of every verb command', async () => {
    const tree = commands(await buildProgram());
    const marked = tree.filter((c) => verbOf(c) !== undefined);
    // The canonical command of a verb is the one whose path is the verb (`database create`).
    const canonical = new Map(marked.filter((c) => `${c.parent!.name()} ${c.name()}` === verbOf(c)).map((c) => [verbOf(c)!, c]));
    expect([...canonical.keys()].sort()).toEqual(allVerbs().sort());
    for (const [verb, cmd] of canonical) {
      // --if-not-exists and --ignore-not-found are the verb layer's own, the same on every product.
      for (const option of cmd.options.filter((o) => o.long !== IF_NOT_EXISTS[0] && o.long !== IGNORE_NOT_FOUND[0])) {
        expect(productsForFlag(verb, option.long!), `${verb} ${option.long}`).not.toEqual([]);
      }
    }
    // A product never declares a flag its verb's command does not have.
    for (const p of PRODUCTS) {
      for (const [verb, flags] of Object.entries(productInfo(p).verbs)) {
        const longs = canonical.get(verb)!.options.map((o) => o.long);
        for (const flag of flags) expect(longs, `${p}: ${verb} ${flag}`).toContain(flag);
      }
    }
  });

  it('marks every command with --if-not-exists as a create verb, which names its object when it is there already', async () => {
    const withFlag = commands(await buildProgram()).filter((c) => c.options.some((o) => o.long === IF_NOT_EXISTS[0]));
    expect(withFlag.length).toBeGreaterThan(10);
    for (const cmd of withFlag) expect(verbOf(cmd), `${cmd.parent!.name()} ${cmd.name()}`).toMatch(/^[a-z0-9-]+ create$/);
  });

  it('ends the help of every verb with its products and one to three examples', async () => {
    for (const cmd of commands(await buildProgram()).filter((c) => verbOf(c) !== undefined)) {
      let text = '';
      cmd.configureOutput({ writeOut: (t) => (text += t) });
      cmd.outputHelp();
      const [, examples = ''] = text.split('\nExamples:\n');
      // The global options follow after a blank line.
      const lines = examples.split('\n\n')[0]!.trimEnd().split('\n');
      expect(text, verbOf(cmd)).toContain(`Products: ${productsFor(verbOf(cmd)!).join(', ')}`);
      expect(lines.length, verbOf(cmd)).toBeGreaterThanOrEqual(1);
      expect(lines.length, verbOf(cmd)).toBeLessThanOrEqual(3);
      for (const line of lines) expect(line, verbOf(cmd)).toMatch(/^ {2}(printf .*\| )?influxadm /);
    }
  });

  it('uses in every example only flags that the command it runs has (or global ones)', async () => {
    const program = await buildProgram();
    const named = (parent: Command, word: string) => parent.commands.find((c) => c.name() === word || c.aliases().includes(word));
    const flags = (cmd: Command | null): string[] => (cmd ? [...cmd.options.flatMap((o) => [o.short, o.long]), ...flags(cmd.parent)] : []).filter((f): f is string => !!f);
    let checked = 0;
    for (const cmd of commands(program).filter((c) => verbOf(c) !== undefined)) {
      let text = '';
      cmd.configureOutput({ writeOut: (t) => (text += t) });
      cmd.outputHelp();
      const [, examples = ''] = text.split('\nExamples:\n');
      for (const line of examples.split('\n\n')[0]!.trim().split('\n')) {
        // Each `influxadm …` part of the line, up to a pipe, a redirection or `&&`.
        for (const part of line.split(/\s(?:\||&&|[<>])\s/).filter((p) => p.trim().startsWith('influxadm '))) {
          const words = part.trim().match(/"[^"]*"|'[^']*'|\S+/g)!.slice(1);
          let at: Command = program;
          while (words.length > 0 && named(at, words[0]!)) at = named(at, words.shift()!)!;
          for (const word of words.filter((w) => /^--?[a-zA-Z]/.test(w))) {
            expect(flags(at), `${line.trim()}: ${word}`).toContain(word.split('=')[0]);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('backs every declared verb with an operation of the product\'s backend', async () => {
    for (const product of PRODUCTS) {
      const session = { target: { product, host: 'http://127.0.0.1:1', tlsNoVerify: false, origins: {} }, env: {}, http: () => Promise.reject(new Error('no requests here')), debug: () => undefined, notice: () => undefined } as unknown as Session;
      const backend = await loadBackend(session);
      for (const verb of Object.keys(productInfo(product).verbs)) {
        const [noun, action] = verb.split(' ') as [string, string];
        const ops = backend[NOUNS[noun]!] as Record<string, unknown> | undefined;
        expect(typeof ops?.[METHODS[action] ?? action], `${product}: ${verb}`).toBe('function');
      }
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
    // A flag no product declares (an influxdb3-shaped alias routes with it) is nobody's to refuse.
    expect(unsupportedFlagReason('table create', '--database', 'core' as Product)).toBeUndefined();
  });
});
