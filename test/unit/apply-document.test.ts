import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, type Catalog } from '../../src/apply/catalog.js';
import { readSections, readTargets, type Problem } from '../../src/apply/document.js';
import { jsonSchema } from '../../src/apply/schema.js';
import { parseSource } from '../../src/apply/source.js';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog({});
});

function check(text: string, product: 'core' | 'clustered' | 'enterprise' | 'v2' | 'dedicated' | 'dbaas') {
  const loaded = parseSource('f.yaml', text, {});
  const problems: Problem[] = [];
  const targets = readTargets(loaded, problems);
  const sections = targets.map((t) => readSections(loaded, t, product, catalog.get(product)!, problems));
  return { problems: problems.map((p) => (typeof p === 'function' ? p(catalog) : p).message), sections };
}

describe('the file against the products\' declarations', () => {
  it('knows each product\'s kinds from the product itself', () => {
    const kinds = (p: string) => catalog.get(p as never)?.map((k) => k.kind);
    expect(kinds('clustered')).toEqual(['databases', 'tables', 'tokens']);
    expect(kinds('core')).toEqual(['databases', 'tables', 'tokens']);
    expect(kinds('v2')).toEqual(['legacyAuths']);
    expect(kinds('dbaas')).toEqual(['datastores', 'users', 'databases', 'grants', 'acls', 'topics']);
  });

  it('canonicalises values and keeps the product\'s order of kinds', () => {
    const { problems, sections } = check('targets:\n  a:\n    tokens:\n      - {description: x, permissions: ["db:b,a:read"], expiry: 720h}\n    databases:\n      - {name: d, retentionPeriod: 8760h}\n', 'clustered');
    expect(problems).toEqual([]);
    const [byKind] = sections;
    expect([...byKind!.keys()].map((k) => k.kind)).toEqual(['databases', 'tokens']);
    expect([...byKind!.values()].map((items) => items.map((i) => i.item))).toEqual([
      [{ name: 'd', retentionPeriod: '1y' }],
      [{ description: 'x', permissions: ['db:a:read', 'db:b:read'], expiry: '30d' }],
    ]);
  });

  it.each([
    ['core', 'targets:\n  a:\n    databases:\n      - name: x\n        maxTables: 3\n', 'f.yaml:5:9: targets.a.databases[0].maxTables: core (InfluxDB 3 Core) has no maxTables for databases; dedicated (InfluxDB 3 Cloud Dedicated), clustered (InfluxDB 3 Clustered) have it'],
    ['core', 'targets:\n  a:\n    tokens:\n      - {name: t}\n', 'f.yaml:4:9: targets.a.tokens[0]: InfluxDB 3 Core has admin tokens only: write admin: true'],
    ['enterprise', 'targets:\n  a:\n    tokens:\n      - {name: t, admin: true, permissions: ["db:x:read"]}\n', 'f.yaml:4:9: targets.a.tokens[0]: an admin token has every permission: give admin: true or permissions, not both'],
    ['clustered', 'targets:\n  a:\n    tokens:\n      - {description: t, permissions: ["system:health:read"]}\n', 'f.yaml:4:26: targets.a.tokens[0].permissions: system permissions are not available on Cloud Dedicated or Clustered, whose tokens grant read and write on databases'],
    ['clustered', 'targets:\n  a:\n    databases:\n      - {name: x, maxTables: many}\n', 'f.yaml:4:19: targets.a.databases[0].maxTables: expected a number, not the text "many"'],
    ['clustered', 'targets:\n  a:\n    databases:\n      - {name: x}\n      - {name: x}\n', 'f.yaml:5:9: targets.a.databases[1]: database "x" is listed twice (first at f.yaml:4:9)'],
    // In ascending order until the repeat (no table of keys until then), in block style (read in place).
    ['clustered', 'targets:\n  a:\n    databases:\n      - name: a\n      - name: b\n      - name: c\n      - name: b\n', 'f.yaml:7:9: targets.a.databases[3]: database "b" is listed twice (first at f.yaml:5:9)'],
    ['clustered', 'targets:\n  a:\n    databases:\n      - name: c\n      - name: a\n      - name: c\n', 'f.yaml:6:9: targets.a.databases[2]: database "c" is listed twice (first at f.yaml:4:9)'],
    ['v2', 'targets:\n  a:\n    databases: []\n', 'f.yaml:3:5: targets.a.databases: v2 (InfluxDB OSS v2) has no databases; dedicated (InfluxDB 3 Cloud Dedicated), clustered (InfluxDB 3 Clustered), core (InfluxDB 3 Core), enterprise (InfluxDB 3 Enterprise), dbaas (Selectel Managed Databases) have them'],
    ['clustered', 'databases: []\ntargets: {}\n', 'f.yaml:1:1: databases: unknown field; the top level has version and targets (databases belong under a target: targets.NAME.databases)'],
    // Names of Object's own properties are unknown fields like any other, in block style and in flow style.
    ['clustered', 'targets:\n  a:\n    databases:\n      - name: x\n        constructor: 5\n', expect.stringMatching(/^f\.yaml:5:9: targets\.a\.databases\[0\]\.constructor: unknown field; a database on clustered has name,/)],
    ['core', 'targets:\n  a:\n    databases: [{name: x, toString: abc}]\n', expect.stringMatching(/^f\.yaml:3:27: targets\.a\.databases\[0\]\.toString: unknown field/)],
    ['clustered', 'targets:\n  a:\n    hots: x\n', expect.stringMatching(/^f\.yaml:3:5: targets\.a\.hots: unknown field; a target has profile, product, host/)],
  ] as const)('on %s: %j', (product, text, message) => {
    expect(check(text, product).problems).toContainEqual(message);
  });

  // `databases:` with every entry commented out reads as null; taken as the empty list, --prune would delete
  // every database. Only `[]` says "none"; no value at all is refused, for every kind of every product.
  it('refuses a kind key with no value, and takes [] as the explicit "none", for every kind of every product', () => {
    const products = ['dedicated', 'clustered', 'core', 'enterprise', 'v2', 'dbaas'] as const;
    expect([...catalog.keys()].sort()).toEqual([...products].sort());
    for (const product of products) {
      for (const kind of catalog.get(product)!) {
        for (const empty of ['', ' ~', ' null', ' ${EMPTY}']) {
          const loaded = parseSource('f.yaml', `targets:\n  a:\n    ${kind.kind}:${empty}\n    # - commented out\n`, { EMPTY: '' });
          const problems: Problem[] = [];
          const [target] = readTargets(loaded, problems);
          const byKind = readSections(loaded, target!, product, catalog.get(product)!, problems);
          expect(problems.map((p) => (typeof p === 'function' ? p(catalog) : p).message), `${product} ${kind.kind}:${empty}`).toEqual([
            `f.yaml:3:5: targets.a.${kind.kind}: no value (not even an empty list): write \`${kind.kind}: []\` for none${kind.remove ? ` (with --prune, that deletes every ${kind.noun})` : ''}, or remove the key to leave ${kind.kind} alone`,
          ]);
          expect(byKind.size).toBe(0);
        }
        const { problems, sections } = check(`targets:\n  a:\n    ${kind.kind}: []\n`, product);
        expect(problems, `${product} ${kind.kind}: []`).toEqual([]);
        expect([...sections[0]!].map(([k, items]) => [k.kind, items])).toEqual([[kind.kind, []]]);
      }
    }
  });

  it('says what [] would do: --prune deletes what can be listed, never the Management API\'s tables', () => {
    expect(check('targets:\n  a:\n    tables:\n', 'clustered').problems).toEqual(['f.yaml:3:5: targets.a.tables: no value (not even an empty list): write `tables: []` for none, or remove the key to leave tables alone']);
    expect(check('targets:\n  a:\n    tables:\n', 'core').problems).toEqual(['f.yaml:3:5: targets.a.tables: no value (not even an empty list): write `tables: []` for none (with --prune, that deletes every table), or remove the key to leave tables alone']);
  });

  it('refuses a kind key with no value in flow style too, each with its own place', () => {
    expect(check('targets:\n  a: {databases: , tokens: ~, tables: []}\n', 'clustered').problems).toEqual([
      expect.stringMatching(/^f\.yaml:2:7: targets\.a\.databases: no value/),
      expect.stringMatching(/^f\.yaml:2:20: targets\.a\.tokens: no value/),
    ]);
  });

  it('refuses a null targets and a null target (nothing to read as "none")', () => {
    expect(check('targets:\n', 'clustered').problems).toEqual([expect.stringMatching(/^f\.yaml:1:1: targets: targets must be a mapping/)]);
    expect(check('targets:\n  a:\n', 'clustered').problems).toEqual([expect.stringMatching(/^f\.yaml:2:3: targets\.a: a target must be a mapping/)]);
  });

  it('generates a JSON Schema in which every kind is a list, never null', () => {
    const schema = jsonSchema(catalog) as { properties: { targets: { additionalProperties: { anyOf: Array<{ properties: Record<string, Record<string, unknown>> }> } } } };
    const variants = schema.properties.targets.additionalProperties.anyOf;
    const kinds = new Set([...catalog.values()].flatMap((kinds) => kinds.map((k) => k.kind)));
    let seen = 0;
    for (const variant of variants) {
      for (const [key, property] of Object.entries(variant.properties)) {
        if (!kinds.has(key)) continue;
        seen++;
        expect(property.type, key).toBe('array');
        expect(property.anyOf, key).toBeUndefined();
        expect(property.description, key).toContain('[] for none;');
      }
    }
    // Each product's kinds, and every kind once more for a target named by its profile alone.
    expect(seen).toBe([...catalog.values()].reduce((n, kinds) => n + kinds.length, 0) + kinds.size);
  });

  it('generates a JSON Schema from the same declarations', () => {
    const schema = JSON.stringify(jsonSchema(catalog));
    expect(schema).toContain('"const":"core"');
    expect(schema).toContain('legacyAuths');
    expect(schema).toContain('the database name');
  });
});
