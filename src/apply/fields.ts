// The file's shared vocabulary: field declarations for what every product writes the same way (retention
// periods, limits, permissions in the one grammar, token expiry, partition templates), built on the
// command line's own parsers so that a file and a flag mean the same thing. Products compose their kinds
// from these in src/products/<family>/resources.ts; the product's own rules come in as arguments.

import * as z from 'zod/mini';
import { formatDuration, formatRetention, MIN_RETENTION_NS, parseDuration } from '../input/duration.js';
import { parsePartitionTemplate, type PartitionTemplatePart } from '../input/partition-template.js';
import { canonical, formatPermissions, parsePermission, type PermissionSet } from '../input/permission.js';
import { parseExpiry, type Expiry } from '../input/expiry.js';
import { parseTimestamp } from '../input/timestamp.js';
import type { ResourceField } from '../products/types.js';

const MS_PER_SECOND = 1000;
/** An expiry the server reports within this of the one the file names is the same one (seconds are rounded, requests take time). */
const EXPIRY_TOLERANCE_MS = 60_000;

/** A name, checked by the product's rule (which throws its own message). */
export function nameField(description: string, check: (name: string) => unknown, change: ResourceField['change'] = 'replace'): ResourceField {
  return {
    schema: z.string().check(z.minLength(1), z.describe(description)),
    plain: (value) => typeof value === 'string' && value.length >= 1,
    description,
    required: true,
    change,
    canonical: (value: string) => {
      check(value);
      return value;
    },
  };
}

export function textField(description: string, change: ResourceField['change']): ResourceField {
  return { schema: z.string().check(z.describe(description)), description, change };
}

export function choiceField(description: string, choices: readonly [string, ...string[]], change: ResourceField['change']): ResourceField {
  return { schema: z.enum(choices).check(z.describe(description)), description, change };
}

export function flagField(description: string, change: ResourceField['change']): ResourceField {
  return { schema: z.boolean().check(z.describe(description)), description, change };
}

/** `30d`, `1y`, `infinite` (or `none`, `0`): compared as durations, written back as `formatRetention` does. */
export function retentionField(description: string, change: ResourceField['change']): ResourceField {
  return {
    schema: z.union([z.string(), z.literal(0)]).check(z.describe(description)),
    description,
    change,
    canonical: (value: string | 0) => formatRetention(parseDuration(String(value), { allowUnlimited: true })),
    checkToSend: (value: string | 0) => {
      const ns = retentionNs(value);
      if (ns !== 0n && ns < MIN_RETENTION_NS) throw new Error(`retentionPeriod ${value} is shorter than the minimum of 1h`);
    },
  };
}

/** Nanoseconds of a canonical retention (`infinite` is 0). */
export function retentionNs(value: unknown): bigint {
  return parseDuration(String(value), { allowUnlimited: true });
}

/** A positive whole number up to `max` (a limit such as maxTables). */
export function countField(description: string, max: number, change: ResourceField['change']): ResourceField {
  return { schema: z.int().check(z.minimum(1), z.maximum(max), z.describe(description)), description, change };
}

/** A list of names (tags), or `NAME:TYPE` specs (fields), checked by the product's parser. */
export function listField(description: string, parse: (values: string[]) => unknown, change: ResourceField['change']): ResourceField {
  return {
    schema: z.array(z.string()).check(z.describe(description)),
    description,
    change,
    canonical: (values: string[]) => {
      parse(values);
      return values;
    },
  };
}

/**
 * Permissions in the one grammar (`db:a,b:read,write`), compared as sets: the canonical form is
 * `formatPermissions` of the parsed set (one entry per resource, sorted). `translate` is the product's
 * own translation, which refuses what it cannot express.
 */
export function permissionsField(description: string, translate: (set: PermissionSet) => unknown, change: ResourceField['change']): ResourceField {
  return {
    schema: z.array(z.string()).check(z.describe(description)),
    description,
    change,
    canonical: (values: string[]) => {
      const set = canonical(values.flatMap(parsePermission));
      translate(set);
      return formatPermissions(set);
    },
  };
}

/** A canonical permissions value (as the field leaves it) back as a set. */
export function permissionSet(value: unknown): PermissionSet {
  return canonical((Array.isArray(value) ? (value as string[]) : []).flatMap(parsePermission));
}

/** Database dependencies of a permissions value: the databases it names. */
export function permissionDatabases(value: unknown): Array<{ kind: string; identity: string[] }> {
  return [...new Set(permissionSet(value).filter((g) => g.type === 'db' && g.name !== '*').map((g) => g.name))].map((name) => ({ kind: 'databases', identity: [name] }));
}

/**
 * A token's expiry: `never`, a duration from creation (`30d`), or an RFC 3339 time. A duration is
 * relative, so it is never compared as a date: an existing token satisfies it while it has an expiry that
 * has not passed. `never` wants no expiry, and a time wants that time (within a minute). Expiry cannot be
 * changed on a live token, so a difference is a replace.
 */
export function expiryField(description: string): ResourceField {
  return {
    schema: z.string().check(z.describe(description)),
    description,
    change: 'replace',
    canonical: (value: string) => canonicalExpiry(value),
    satisfied: (wanted, current, now) => expirySatisfied(String(wanted), typeof current === 'string' ? current : undefined, now),
  };
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[Tt ]/;

export function canonicalExpiry(value: string): string {
  const text = value.trim();
  if (text === 'never') return 'never';
  if (TIMESTAMP.test(text)) return isoSeconds(parseTimestamp(text));
  const ns = parseDuration(text);
  if (ns < 1_000_000_000n) throw new Error(`the expiry ${value} is shorter than a second; tokens expire in whole seconds`);
  return formatDuration(ns);
}

/** When a token created now should expire (undefined: never). */
export function expiryOf(value: unknown): Expiry | undefined {
  if (value === undefined || value === 'never') return undefined;
  const text = String(value);
  return isTimestampExpiry(text) ? parseExpiry({ expiresAt: text }) : parseExpiry({ expiry: text });
}

function isTimestampExpiry(value: string): boolean {
  return TIMESTAMP.test(value);
}

/** An instant as RFC 3339 in whole seconds, as export writes expiries. */
export function isoSeconds(at: Date): string {
  return new Date(Math.floor(at.getTime() / MS_PER_SECOND) * MS_PER_SECOND).toISOString().replace('.000Z', 'Z');
}

export function expirySatisfied(wanted: string, current: string | undefined, now: number): boolean {
  if (wanted === 'never') return current === undefined;
  if (current === undefined) return false;
  const at = Date.parse(current);
  if (isTimestampExpiry(wanted)) return Math.abs(at - Date.parse(wanted)) <= EXPIRY_TOLERANCE_MS;
  return at > now;
}

/** Whether a token with this expiry (RFC 3339, or none) has expired. */
export function expired(current: string | undefined, now: number): boolean {
  return current !== undefined && Date.parse(current) <= now;
}

/**
 * A partition template as a list of parts, in the order they partition: `{time: '%Y-%m-%d'}`,
 * `{tag: room}`, `{bucket: {tag: customerID, count: 100}}`; the order is kept as written. The flags' rules
 * (a time part with tags, a time format of theirs, at most 8 parts, no tag twice) hold for a template to
 * create; one the server already holds is compared as it is (influxctl before 2.10.3 made tag-only ones),
 * so that its export plans as unchanged.
 */
export function partitionTemplateField(description: string, change: ResourceField['change']): ResourceField {
  const part = z.union([
    z.strictObject({ time: z.string() }),
    z.strictObject({ tag: z.string() }),
    z.strictObject({ bucket: z.strictObject({ tag: z.string(), count: z.int() }) }),
  ]);
  return {
    schema: z.array(part).check(z.minLength(1), z.describe(description)),
    description,
    change,
    canonical: (parts: FileTemplatePart[]) => parts.map((p) => ('bucket' in p ? { bucket: { tag: p.bucket.tag, count: p.bucket.count } } : { ...p })),
    checkToSend: (parts: FileTemplatePart[]) => {
      toApiTemplate(parts);
    },
  };
}

export type FileTemplatePart = { time: string } | { tag: string } | { bucket: { tag: string; count: number } };

/** The file's parts → the API's, after the flags' rules; throws TemplateError with their message. */
export function toApiTemplate(parts: readonly FileTemplatePart[]): PartitionTemplatePart[] {
  const times = parts.filter((p): p is { time: string } => 'time' in p);
  if (times.length > 1) throw new Error('a partition template has one time part');
  parsePartitionTemplate({
    templateTag: parts.flatMap((p) => ('tag' in p ? [p.tag] : [])),
    templateTagBucket: parts.flatMap((p) => ('bucket' in p ? [`${p.bucket.tag},${p.bucket.count}`] : [])),
    templateTimeformat: times[0]?.time,
  });
  return parts.map((p): PartitionTemplatePart => {
    if ('time' in p) return { type: 'time', value: p.time };
    if ('tag' in p) return { type: 'tag', value: p.tag };
    return { type: 'bucket', value: { tagName: p.bucket.tag, numberOfBuckets: p.bucket.count } };
  });
}

/** The API's parts (as a server reports them) → the file's; undefined when a part is of a shape we do not know. */
export function fromApiTemplate(parts: ReadonlyArray<{ type: string; value: unknown }>): FileTemplatePart[] | undefined {
  const out: FileTemplatePart[] = [];
  for (const p of parts) {
    if ((p.type === 'time' || p.type === 'tag') && typeof p.value === 'string') out.push(p.type === 'time' ? { time: p.value } : { tag: p.value });
    else if (p.type === 'bucket' && typeof p.value === 'object' && p.value !== null) {
      const v = p.value as { tagName?: unknown; numberOfBuckets?: unknown };
      if (typeof v.tagName !== 'string' || typeof v.numberOfBuckets !== 'number') return undefined;
      out.push({ bucket: { tag: v.tagName, count: v.numberOfBuckets } });
    } else return undefined;
  }
  return out;
}

/**
 * Deletes the one object a verb's removal was asked for: apply removes objects one at a time, through the
 * same code (lookups, waiting, messages) as the delete verbs.
 */
export async function removeOne(removal: Promise<{ names: string[]; remove(name: string): Promise<void> }>): Promise<void> {
  const batch = await removal;
  await batch.remove(batch.names[0]!);
}
