// Partition template flags → the Management API's `partitionTemplate` (Cloud Dedicated, Clustered).
//   --template-tag T            (repeatable)  → {type:'tag', value:T}
//   --template-tag-bucket T,N   (repeatable)  → {type:'bucket', value:{tagName:T, numberOfBuckets:N}}
//   --template-timeformat F                   → {type:'time', value:F}
// Rules (influxctl and the spec): at most 8 parts; a time part is required once any tag part is
// given; time formats %Y-%m-%d, %Y-%m, %Y; 1 ≤ N ≤ 100000; no tag key twice; `time` is reserved.

import { printable } from './names.js';

export class TemplateError extends Error {}

export type PartitionTemplatePart =
  | { type: 'time'; value: string }
  | { type: 'tag'; value: string }
  | { type: 'bucket'; value: { tagName: string; numberOfBuckets: number } };

export interface TemplateFlags {
  templateTag?: string[];
  templateTagBucket?: string[];
  templateTimeformat?: string;
}

export const TIME_FORMATS = ['%Y-%m-%d', '%Y-%m', '%Y'] as const;
export const MAX_PARTS = 8;
export const MAX_BUCKETS = 100_000;

export function hasTemplateFlags(flags: TemplateFlags): boolean {
  return (flags.templateTag?.length ?? 0) > 0 || (flags.templateTagBucket?.length ?? 0) > 0 || flags.templateTimeformat !== undefined;
}

/** Returns the template, or undefined when no template flag was given (the default applies). */
export function parsePartitionTemplate(flags: TemplateFlags): PartitionTemplatePart[] | undefined {
  if (!hasTemplateFlags(flags)) return undefined;
  const tags = flags.templateTag ?? [];
  const buckets = (flags.templateTagBucket ?? []).map(parseBucket);
  const seen = new Set<string>();
  for (const name of [...tags, ...buckets.map((b) => b.tagName)]) {
    checkTagName(name);
    if (seen.has(name)) throw new TemplateError(`the tag "${name}" appears twice in the partition template; each tag key may be used once across --template-tag and --template-tag-bucket`);
    seen.add(name);
  }
  const format = flags.templateTimeformat;
  if (format === undefined) {
    throw new TemplateError('a partition template with tag parts needs a time part: add --template-timeformat %Y-%m-%d (or %Y-%m, %Y)');
  }
  if (!(TIME_FORMATS as readonly string[]).includes(format)) {
    throw new TemplateError(`--template-timeformat "${format}" is not supported; use one of ${TIME_FORMATS.join(', ')}`);
  }
  const parts: PartitionTemplatePart[] = [
    { type: 'time', value: format },
    ...tags.map((value) => ({ type: 'tag' as const, value })),
    ...buckets.map((value) => ({ type: 'bucket' as const, value })),
  ];
  if (parts.length > MAX_PARTS) {
    throw new TemplateError(`the partition template has ${parts.length} parts; the limit is ${MAX_PARTS} (one time part and up to ${MAX_PARTS - 1} tag or bucket parts)`);
  }
  return parts;
}

function parseBucket(text: string): { tagName: string; numberOfBuckets: number } {
  const comma = text.lastIndexOf(',');
  if (comma < 0) throw new TemplateError(`--template-tag-bucket "${text}" must be TAG,COUNT, e.g. customerID,100`);
  const tagName = text.slice(0, comma);
  const count = text.slice(comma + 1).trim();
  if (!/^\d+$/.test(count)) throw new TemplateError(`--template-tag-bucket "${text}": the bucket count "${count}" is not a whole number`);
  const significant = count.replace(/^0+(?=\d)/, '');
  const numberOfBuckets = significant.length > 7 ? Number.POSITIVE_INFINITY : Number(significant);
  if (numberOfBuckets < 1 || numberOfBuckets > MAX_BUCKETS) {
    throw new TemplateError(`--template-tag-bucket "${text}": the bucket count must be between 1 and ${MAX_BUCKETS}`);
  }
  return { tagName, numberOfBuckets };
}

function checkTagName(name: string): void {
  if (name.trim() === '') throw new TemplateError('a partition template tag name is empty');
  if (name === 'time') throw new TemplateError('"time" is reserved and cannot be a partition template tag');
  // Unicode's control characters (Cc): C0, DEL and C1 (NEL, U+0085, is also a line break).
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) throw new TemplateError(`the partition template tag "${printable(name)}" contains a control character`);
}
