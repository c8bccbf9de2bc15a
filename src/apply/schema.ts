// `influxadm schema`: the file's JSON Schema, generated from the products' own declarations, so editors
// complete and check the file (`# yaml-language-server: $schema=influxadm.schema.json`). A target that
// names its product gets exactly that product's kinds and fields; one that names only a profile (whose
// product the file does not say) gets every field some product has.

import * as z from 'zod/mini';
import { productInfo, type Product } from '../products/registry.js';
import type { ResourceField, ResourceKind } from '../products/types.js';
import { allKinds, type Catalog } from './catalog.js';
import { LOCATION } from './document.js';

function itemSchema(fields: Readonly<Record<string, ResourceField>>, noun: string) {
  const shape: Record<string, z.ZodMiniType> = {};
  for (const [name, field] of Object.entries(fields)) shape[name] = field.required ? field.schema : z.optional(field.schema);
  return z.strictObject(shape).check(z.describe(`a ${noun}`));
}

function location(except: readonly string[]) {
  const shape: Record<string, z.ZodMiniType> = {};
  for (const [name, field] of Object.entries(LOCATION)) {
    if (!except.includes(name)) shape[name] = z.optional(field.schema.check(z.describe(field.description)) as z.ZodMiniType);
  }
  return shape;
}

function sections(kinds: readonly ResourceKind[]) {
  const shape: Record<string, z.ZodMiniType> = {};
  // A list, never null: `databases:` with no value is refused (document.ts), `[]` is the explicit "none".
  for (const kind of kinds) {
    shape[kind.kind] = z.optional(z.array(itemSchema(kind.fields, kind.noun)).check(z.describe(`the ${kind.noun}s it should hold, a list: [] for none; leave the key out to leave ${kind.kind} alone`)));
  }
  return shape;
}

/** Every field any product declares for a kind (the first declaration of a field describes it). */
function mergedKinds(catalog: Catalog): ResourceKind[] {
  return allKinds(catalog).map((name) => {
    const fields: Record<string, ResourceField> = {};
    let first: ResourceKind | undefined;
    for (const kinds of catalog.values()) {
      const kind = kinds.find((k) => k.kind === name);
      if (!kind) continue;
      first ??= kind;
      for (const [field, rule] of Object.entries(kind.fields)) fields[field] ??= { ...rule, required: rule.required && kind.identity.includes(field) };
    }
    return { ...first!, fields };
  });
}

function fileSchema(catalog: Catalog) {
  const byProduct = [...catalog].map(([product, kinds]) => z.strictObject({
    product: z.literal(product as Product).check(z.describe(productInfo(product as Product).title)),
    ...location(['product']),
    ...sections(kinds),
  }));
  const byProfile = z.strictObject({
    profile: LOCATION.profile.schema.check(z.describe(LOCATION.profile.description)),
    ...location(['profile', 'product']),
    ...sections(mergedKinds(catalog)),
  });
  return z.strictObject({
    version: z.optional(z.literal(1)),
    targets: z.record(z.string(), z.union([...byProduct, byProfile])).check(z.describe('each target by name: where it is, and what it should hold')),
  });
}

export function jsonSchema(catalog: Catalog): unknown {
  return {
    ...(z.toJSONSchema(fileSchema(catalog), { target: 'draft-2020-12' }) as Record<string, unknown>),
    title: 'influxadm.yaml',
    description: 'influxadm plan / apply / export: the objects each target should hold (docs/apply.md)',
  };
}
