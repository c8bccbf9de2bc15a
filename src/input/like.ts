// SQL LIKE semantics in JavaScript, for filtering names client-side: `%` any run, `_` one character,
// `\` escapes the next character. Case-sensitive, anchored at both ends.

export function likeMatcher(pattern: string): (value: string) => boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]!);
    else if (c === '%') source += '[\\s\\S]*';
    else if (c === '_') source += '[\\s\\S]';
    else source += escapeRegExp(c);
  }
  const re = new RegExp(`^${source}$`, 'u');
  return (value) => re.test(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
