// Redaction for --debug. Two layers: known secret-bearing headers and JSON keys are masked, and any
// known secret value (the token in use) is scrubbed from whatever text is left.

export const REDACTED = '[redacted]';

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'x-auth-token', 'cookie', 'set-cookie']);
const SECRET_KEY = /token|password|secret|credential|authorization/i;

export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    if (SECRET_HEADERS.has(name.toLowerCase())) {
      const scheme = /^(Bearer|Token|Basic)\s/i.exec(text)?.[1];
      out[name] = scheme ? `${scheme} ${REDACTED}` : REDACTED;
    } else {
      out[name] = text;
    }
  }
  return out;
}

/** Masks secret-looking keys in a JSON text; non-JSON text is returned with secrets scrubbed only. */
export function redactBody(text: string, secrets: readonly string[]): string {
  let result = text;
  try {
    result = JSON.stringify(maskKeys(JSON.parse(text)));
  } catch {
    // Plain text: only value scrubbing applies.
  }
  return scrubSecrets(result, secrets);
}

function maskKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    // Keys such as tokenId or token_name name a token without being one; only mask string values
    // under keys that hold the secret itself.
    out[key] = SECRET_KEY.test(key) && typeof inner === 'string' && !/(id|name|names|type|prefix)$/i.test(key) ? REDACTED : maskKeys(inner);
  }
  return out;
}

export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}
