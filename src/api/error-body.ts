// Pulls the human message out of an API error body. The products answer with {code,message}
// (Management API, v2), {error} (InfluxDB 3), {error:{message}} (Selectel), plain text, or the HTML
// error page of a proxy in front of the API (its title, or else its text). The result
// is one line of terminal-safe text: white space collapsed, anything a terminal would act on escaped.

import { terminalSafeLine as printable } from '../format/terminal-text.js';

const MAX_MESSAGE = 300;

export function errorMessageFromBody(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const message = messageFromJson(JSON.parse(trimmed));
      if (message) return clip(message);
    } catch {
      // Not JSON after all: fall through to plain text.
    }
  }
  if (HTML.test(trimmed)) return clip(htmlText(trimmed));
  return clip(trimmed);
}

// An error page from whatever stands in front of the API (nginx, a load balancer, a CDN): its markup is
// noise, its title (or else its text) is the message.
const HTML = /^<(!doctype\s+html|html|head|body|title)\b/i;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Enough of a page for its title and first words; the patterns below must not run over 32 MiB of markup. */
const HTML_READ = 16 * 1024;

function htmlText(whole: string): string {
  const page = whole.slice(0, HTML_READ);
  const title = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(page)?.[1]?.trim();
  const text = title || page.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<[^>]*>/g, ' ');
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? entity;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

/** The machine-readable `code` of a `{code,message}` body (v2: `conflict`, `invalid`, …), if it has one. */
export function errorCodeFromBody(text: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text);
    const code = typeof value === 'object' && value !== null ? (value as { code?: unknown }).code : undefined;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

function messageFromJson(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.message === 'string' && v.message) return v.message;
  if (typeof v.error === 'string' && v.error) return v.error;
  if (typeof v.error === 'object' && v.error !== null) return messageFromJson(v.error);
  if (typeof v.detail === 'string' && v.detail) return v.detail;
  return undefined;
}

function clip(message: string): string {
  const oneLine = message.replace(/[\t\n\v\f\r ]+/g, ' ').trim();
  // Clipped before escaping, so an escape sequence is never cut in half.
  return printable(oneLine.length > MAX_MESSAGE ? `${oneLine.slice(0, MAX_MESSAGE)}…` : oneLine);
}
