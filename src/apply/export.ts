// `influxadm export`: the current state of one target as a file that `plan` shows as unchanged, so that
// adopting an existing server is one command. Every kind its product manages is read whole; what cannot be
// listed (the Management API's tables) and what is stale (expired tokens) is said in a comment, not written.

import type { Target } from '../config/resolve.js';
import type { ResourceKind } from '../products/types.js';
import { terminalSafeLine } from '../format/terminal-text.js';
import { mapLimited } from './graph.js';
import { issueText } from './issues.js';
import { readKinds } from './read-kinds.js';
import { yamlLib } from './yaml-lib.js';

export interface Exported {
  document: Record<string, unknown>;
  comments: string[];
}

export async function exportTarget(target: Target, kinds: readonly ResourceKind[], concurrency: number): Promise<Exported> {
  const body: Record<string, unknown> = locationOf(target);
  const comments: string[] = [];
  const reads = readKinds(kinds, () => ({ wanted: [], all: true, exporting: true, each: (items, fn) => mapLimited(items, concurrency, fn) }));
  for (const kind of kinds) {
    const reading = reads.get(kind.kind);
    if (!reading) {
      comments.push(`${kind.kind} are not exported: ${kind.unlisted ?? 'they cannot be listed'}; add them by hand`);
      continue;
    }
    const existing = await reading;
    const stale = existing.filter((e) => e.stale).length;
    if (stale > 0) comments.push(`${stale} expired ${kind.kind} are left out (plan --prune would delete them)`);
    const items: Array<Record<string, unknown>> = [];
    const unnamed: string[] = [];
    for (const e of existing) {
      if (e.stale) continue;
      const why = unnameable(kind, e.item);
      if (why === undefined) items.push(ordered(kind, e.item));
      else unnamed.push(why);
    }
    // A server may hold what a file cannot name (an empty description, a name with a control character):
    // written, it would make plan refuse the whole file, so it is said here instead.
    if (unnamed.length > 0) {
      const shown = [...new Set(unnamed)].slice(0, 3).join('; ');
      comments.push(terminalSafeLine(`${unnamed.length} ${kind.kind} are left out: a file cannot name them (${shown}${unnamed.length > 3 ? '; …' : ''}); plan --prune would delete them`));
    }
    body[kind.kind] = items;
  }
  return { document: literal({ version: 1, targets: { [nameOf(target)]: body } }) as Record<string, unknown>, comments };
}

/**
 * Every `$` of every text value doubled: plan expands `${VAR}` in a file's values (and reads `$$` as `$`), so
 * a description that says `${X}` or `$$` is written so that it reads back as itself.
 */
function literal(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('$') ? value.split('$').join('$$') : value;
  if (Array.isArray(value)) return value.map(literal);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, literal(v)]));
  return value;
}

function nameOf(target: Target): string {
  return (target.profileName ?? target.product).replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^[^A-Za-z0-9]/, 't');
}

/** A profile when there is one, and whatever did not come from it. */
function locationOf(target: Target): Record<string, unknown> {
  const fromProfile = (key: string) => target.origins[key]?.startsWith('profile') === true;
  const out: Record<string, unknown> = {};
  if (target.profileName) out.profile = target.profileName;
  if (!fromProfile('product')) out.product = target.product;
  if (target.origins.host !== 'default' && !fromProfile('host')) out.host = target.host;
  if (target.account !== undefined && !fromProfile('account')) out.account = target.account;
  if (target.cluster !== undefined && !fromProfile('cluster')) out.cluster = target.cluster;
  return out;
}

/** Why a file could not name this object (its identity fails the file's own rules), or undefined. */
function unnameable(kind: ResourceKind, item: Record<string, unknown>): string | undefined {
  for (const field of kind.identity) {
    const rule = kind.fields[field];
    const value = item[field];
    if (!rule || value === undefined) continue;
    const parsed = rule.schema.safeParse(value);
    if (!parsed.success) return `${field} ${JSON.stringify(value)}: ${issueText(parsed.error.issues[0] as never, value)}`;
    try {
      rule.canonical?.(parsed.data);
    } catch (error) {
      return (error as Error).message;
    }
  }
  return undefined;
}

/** Identity first, then the declared order; absent fields left out. */
function ordered(kind: ResourceKind, item: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of [...kind.identity, ...Object.keys(kind.fields)]) if (item[field] !== undefined && !Object.hasOwn(out, field)) out[field] = item[field];
  return out;
}

export function exportText(exported: Exported, header: string, json: boolean): string {
  if (json) return `${JSON.stringify(exported.document, null, 2)}\n`;
  const comments = [header, ...exported.comments].map((c) => `# ${c}\n`).join('');
  return `${comments}${yamlLib().dump(exported.document, { lineWidth: -1, noRefs: true })}`;
}
