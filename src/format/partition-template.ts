// One-line summary of a partition template for tables: `%Y|tag:room|bucket:customerID/1000`.

export function summarizePartitionTemplate(parts: ReadonlyArray<{ type: string; value: unknown }> | undefined): string {
  if (!parts || parts.length === 0) return '';
  return parts.map((part) => {
    const value = part.value as Record<string, unknown> | string | undefined;
    if (part.type === 'time') return String(value);
    if (part.type === 'tag') return `tag:${String(value)}`;
    if (part.type === 'bucket' && typeof value === 'object' && value !== null) return `bucket:${String(value.tagName)}/${String(value.numberOfBuckets)}`;
    return `${part.type}:${JSON.stringify(value)}`;
  }).join('|');
}
