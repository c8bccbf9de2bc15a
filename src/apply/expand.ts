// `${VAR}` in the file's values, from the environment, so that one file serves several clusters.
// Grammar: `${NAME}` with NAME = [A-Za-z_][A-Za-z0-9_]*; `$$` is a literal `$` (so `$${X}` is the text
// `${X}`); any other `$` is itself. An unset variable is an error, never an empty string: a file that
// silently names database "" or host "" is worse than one that stops.

export class ExpandError extends Error {
  constructor(
    message: string,
    /** Where in the text the bad reference starts. */
    readonly index: number,
  ) {
    super(message);
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function mentionsVariable(text: string): boolean {
  return text.includes('$');
}

/** The text with every reference replaced; throws ExpandError at the first unset or malformed one. */
export function expand(text: string, env: Readonly<Record<string, string | undefined>>): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0) break;
    out += text.slice(i, dollar);
    const next = text[dollar + 1];
    if (next === '$') {
      out += '$';
      i = dollar + 2;
      continue;
    }
    if (next !== '{') {
      out += '$';
      i = dollar + 1;
      continue;
    }
    const close = text.indexOf('}', dollar + 2);
    if (close < 0) throw new ExpandError(`"${text.slice(dollar, dollar + 20)}" is not closed; write \${NAME} (or $\${ for a literal \${)`, dollar);
    const name = text.slice(dollar + 2, close);
    if (!NAME.test(name)) throw new ExpandError(`"\${${name}}" is not a variable reference; names are letters, digits and _, not starting with a digit`, dollar);
    const value = env[name];
    if (value === undefined) throw new ExpandError(`the environment variable ${name} is not set (an unset variable is an error, never empty)`, dollar);
    out += value;
    i = close + 1;
  }
  return out + text.slice(i);
}
