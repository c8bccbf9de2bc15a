// Pulls the human message out of an API error body. The products answer with {code,message}
// (Management API, v2), {error} (InfluxDB 3), {error:{message}} (Selectel) or plain text. The result
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
  return clip(trimmed);
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
