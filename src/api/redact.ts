// Redaction for --debug and error lines, in layers: known secret-bearing headers, JSON keys and the
// query parameters of URLs in headers are masked (in text that is not valid JSON too, such as a body
// cut short, by a pattern over `"key": "value"` pairs); the userinfo of any URL is removed by position; and
// any known secret value — the token in use, a proxy's credentials, and secret strings the request itself
// carried, such as a new password — is scrubbed from whatever text is left.

export const REDACTED = '[redacted]';

// x-subject-token: the new token in an identity service's (OpenStack Keystone's) answer to a login.
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'x-auth-token', 'x-subject-token', 'cookie', 'set-cookie']);
const URL_HEADERS = new Set(['location', 'content-location', 'refresh']);
const SECRET_KEY = /token|password|secret|credential|authorization/i;
// Keys such as tokenId or token_name name a token without being one.
const NAMES_A_SECRET = /(id|ids|name|names|type|prefix)$/i;
// Selectel's Prometheus token object carries its secret in a field called `value`.
const EXACT_SECRET_KEYS = /^value$/i;

/** Values scrubbed by value must be at least this long, so that "a" or "db" does not mangle a line. */
const MIN_SCRUB_LENGTH = 4;
/** --debug shows this much of a body, counted after redaction. */
export const PREVIEW_CHARS = 2000;

export function isSecretKey(key: string): boolean {
  return EXACT_SECRET_KEYS.test(key) || (SECRET_KEY.test(key) && !NAMES_A_SECRET.test(key));
}

export function redactHeaders(headers: Record<string, string | string[] | number | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : String(value);
    if (SECRET_HEADERS.has(name.toLowerCase())) {
      const scheme = /^(Bearer|Token|Basic)\s/i.exec(text)?.[1];
      out[name] = scheme ? `${scheme} ${REDACTED}` : REDACTED;
    } else {
      out[name] = URL_HEADERS.has(name.toLowerCase()) ? maskSecretParams(withoutUserinfo(text)) : text;
    }
  }
  return out;
}

// A URL's `//user:password@`, also with JSON-escaped slashes (`\/\/…@`) or percent-encoded (`%2F%2F…%40`, a
// URL in a query). Userinfo holds no white space, quote, angle bracket or backslash unencoded; up to the last
// `@` before the path, as URL parsers read it, so a password written with a bare `@` goes whole too.
const USERINFO = /(\/\/|\\\/\\\/)[^/?#\s"<>\\]*@|(%2F%2F)(?:(?!%2F|%3F|%23)[^/?#@\s"<>\\&=])*%40/gi;

/**
 * A URL's `user:password@` replaced as a whole, wherever in the text it sits: by position, not by value, so
 * credentials too short to scrub by value (a proxy's `ab:pw`) are never shown either.
 */
function withoutUserinfo(text: string): string {
  return text.replace(USERINFO, (_match, slashes: string | undefined, encoded: string | undefined) => (slashes ? `${slashes}${REDACTED}@` : `${encoded}${REDACTED}%40`));
}

/** `name=value` pairs after `?`, `&`, `;` or `#` whose name says secret (isSecretKey) get their value masked. */
export function maskSecretParams(url: string): string {
  const start = url.search(/[?#]/);
  if (start < 0) return url;
  return url.slice(0, start) + url.slice(start).replace(/([?&;#])([^=&;#]*)=([^&;#]*)/g, (pair, sep: string, name: string) => {
    let key = name;
    try {
      key = decodeURIComponent(name);
    } catch {
      // A malformed escape: judge the name as written.
    }
    return isSecretKey(key) ? `${sep}${name}=${REDACTED}` : pair;
  });
}

/** Masks secret-looking keys in a JSON text (or in what looks like JSON), then scrubs known secrets. */
export function redactBody(text: string, secrets: readonly string[]): string {
  let result: string;
  try {
    const parsed: unknown = JSON.parse(text);
    // An integer past 2^53 (an int64 retention period, sent digit for digit) would be written back rounded,
    // showing a value that was not sent: such a text is masked as it is, by the pattern.
    result = hasInexactInteger(parsed) ? maskKeyValuePairs(text) : JSON.stringify(maskKeys(parsed));
  } catch {
    result = maskKeyValuePairs(text);
  }
  return scrubSecrets(result, secrets);
}

function hasInexactInteger(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && !Number.isSafeInteger(value);
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).some(hasInexactInteger);
}

/** A body for --debug: redacted first, then cut, so a cut can never expose what masking would hide. */
export function previewBody(text: string, secrets: readonly string[]): string {
  const redacted = redactBody(text, secrets);
  return redacted.length > PREVIEW_CHARS ? `${redacted.slice(0, PREVIEW_CHARS)}… (${redacted.length} chars)` : redacted;
}

function maskKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = isSecretKey(key) && typeof inner === 'string' ? REDACTED : maskKeys(inner);
  }
  return out;
}

// "key": "value" in text that does not parse as JSON; a value cut off by the end of the text counts.
const PAIR = /("((?:[^"\\]|\\.)*)"\s*:\s*)"(?:[^"\\]|\\.)*(?:"|\\?$)/g;

function maskKeyValuePairs(text: string): string {
  return text.replace(PAIR, (pair, prefix: string, key: string) => (isSecretKey(key) ? `${prefix}"${REDACTED}"` : pair));
}

/** Secret strings a request body carries (a new password, a token value), to scrub from what comes back. */
export function secretValues(body: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        if (typeof inner === 'string' && isSecretKey(key)) {
          if (inner.length >= MIN_SCRUB_LENGTH) found.push(inner);
        } else walk(inner);
      }
    }
  };
  walk(body);
  return found;
}

/** The userinfo of every URL in the text (withoutUserinfo), then every known secret value. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  // A secret quoted inside a JSON body is escaped there (pa\"ss), and one a server put in a URL (a
  // Location) is percent-encoded: look for every spelling, the longest first, so a secret that
  // contains another is not left half-visible.
  const spellings = secrets.filter((s) => s.length >= MIN_SCRUB_LENGTH).flatMap((s) => [s, JSON.stringify(s).slice(1, -1), ...urlSpellings(s)]);
  let out = withoutUserinfo(text);
  for (const secret of spellings.sort((a, b) => b.length - a.length)) out = out.split(secret).join(REDACTED);
  return out;
}

function urlSpellings(secret: string): string[] {
  try {
    return [encodeURI(secret), encodeURIComponent(secret)];
  } catch {
    return []; // a lone surrogate cannot be percent-encoded, nor sent in a URL
  }
}
