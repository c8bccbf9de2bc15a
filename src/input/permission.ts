// One permission grammar for every product (design §4): TYPE:NAMES:ACTIONS, repeatable.
//   db:A,B:read,write    db:*:read    system:health,metrics:read    bucket:<id|name>:write (v2)
// NAMES is `*` or a comma list (never mixed); duplicate names and actions fold. Parsing yields a
// canonical set of grants; each product builds its own body from that set (src/products/<name>/permissions.ts)
// and refuses what it cannot express before anything is sent.

export class PermissionError extends Error {}

export type ResourceType = 'db' | 'system' | 'bucket';

interface TypeRule {
  actions: readonly string[];
  /** Fixed resource names, when the type has them. */
  names?: readonly string[];
}

export const TYPES: Record<ResourceType, TypeRule> = {
  db: { actions: ['read', 'write', 'create', 'describe', 'delete'] },
  system: { actions: ['read'], names: ['health', 'metrics', 'ping', 'ready'] },
  bucket: { actions: ['read', 'write'] },
};

/** One (type, name, action) triple; `name` may be `*`. */
export interface Grant {
  type: ResourceType;
  name: string;
  action: string;
}

/** A canonical, duplicate-free, ordered set of grants. */
export type PermissionSet = Grant[];

const ACTION_ORDER = ['create', 'describe', 'read', 'write', 'delete'];

export function parsePermission(text: string): PermissionSet {
  return parseNamed(text, `permission "${text}"`);
}

/** `label` is how messages name the text: the permission itself, or the shorthand flag it came from. */
function parseNamed(text: string, label: string): PermissionSet {
  const parts = text.split(':');
  if (parts.length !== 3) {
    throw new PermissionError(`${label} must have three parts, TYPE:NAMES:ACTIONS (e.g. db:mydb:read,write)`);
  }
  const [typeText, namesText, actionsText] = parts as [string, string, string];
  if (typeText === '') throw new PermissionError(`${label}: the type is empty; types: ${Object.keys(TYPES).join(', ')}`);
  if (namesText === '') throw new PermissionError(`${label}: the resource names are empty; give names or *`);
  if (actionsText === '') throw new PermissionError(`${label}: the actions are empty; e.g. read,write`);
  if (!Object.hasOwn(TYPES, typeText)) {
    throw new PermissionError(`${label}: unknown type "${typeText}"; types: ${Object.keys(TYPES).join(', ')}`);
  }
  const type = typeText as ResourceType;
  const rule = TYPES[type];

  const names = namesText.split(',');
  if (names.some((n) => n === '')) throw new PermissionError(`${label}: an empty resource name (check the commas)`);
  if (names.includes('*') && names.length > 1) throw new PermissionError(`${label}: * cannot be mixed with names`);
  if (rule.names) {
    const unknown = names.find((n) => n !== '*' && !rule.names!.includes(n));
    if (unknown !== undefined) throw new PermissionError(`${label}: "${unknown}" is not a ${type} resource; ${type} resources: ${rule.names.join(', ')}`);
  }

  const actions = actionsText.split(',');
  if (actions.some((a) => a === '')) throw new PermissionError(`${label}: an empty action (check the commas)`);
  for (const action of actions) {
    if (action === '*') throw new PermissionError(`${label}: * is not an action; list them (${rule.actions.join(', ')})`);
    if (!ACTION_ORDER.includes(action)) throw new PermissionError(`${label}: unknown action "${action}"; actions: ${ACTION_ORDER.join(', ')}`);
    if (!rule.actions.includes(action)) throw new PermissionError(`${label}: ${type} does not allow "${action}"; ${type} allows ${rule.actions.join(', ')}`);
  }
  return canonical(names.flatMap((name) => actions.map((action) => ({ type, name, action }))));
}

export interface PermissionFlags {
  permission?: string[];
  readDatabase?: string[];
  writeDatabase?: string[];
  /** v1-auth (InfluxDB OSS v2), as `influx` spells them. */
  readBucket?: string[];
  writeBucket?: string[];
}

const SHORTHANDS = [
  ['readDatabase', '--read-database', 'db', 'read'],
  ['writeDatabase', '--write-database', 'db', 'write'],
  ['readBucket', '--read-bucket', 'bucket', 'read'],
  ['writeBucket', '--write-bucket', 'bucket', 'write'],
] as const;

/** All permission flags of a command, shorthands included, as one canonical set. */
export function parsePermissionFlags(flags: PermissionFlags): PermissionSet {
  const grants = (flags.permission ?? []).flatMap(parsePermission);
  for (const [key, flag, type, action] of SHORTHANDS) {
    for (const names of flags[key] ?? []) grants.push(...shorthand(flag, type, action, names));
  }
  return canonical(grants);
}

/** `--read-database NAMES` is `db:NAMES:read`; its messages name the flag and the value, never a permission nobody wrote. */
function shorthand(flag: string, type: ResourceType, action: string, names: string): PermissionSet {
  if (names.includes(':')) {
    const what = type === 'db' ? 'database names' : 'bucket names or IDs';
    throw new PermissionError(`${flag} "${names}" takes ${what} (a name, a comma list or *), not a permission; for other actions use --permission ${type}:NAMES:ACTIONS`);
  }
  return parseNamed(`${type}:${names}:${action}`, `${flag} "${names}"`);
}

export function hasPermissionFlags(flags: PermissionFlags): boolean {
  return [flags.permission, flags.readDatabase, flags.writeDatabase, flags.readBucket, flags.writeBucket].some((list) => (list?.length ?? 0) > 0);
}

/**
 * Sorted, duplicates folded. Names sort by UTF-16 code unit, not by collation: `localeCompare` follows the
 * user's locale and calls distinct names equal ('é' and 'e\u0301', 'ab' and 'a\u0000b'), so the order, which
 * plans, exports and JSON show, would depend on the machine and on the order the grants came in.
 */
export function canonical(grants: readonly Grant[]): PermissionSet {
  const seen = new Map<string, Grant>();
  for (const g of grants) seen.set(`${g.type}\u0000${g.name}\u0000${g.action}`, g);
  return [...seen.values()].sort((a, b) =>
    byCodeUnit(a.type, b.type) || byCodeUnit(a.name, b.name) || ACTION_ORDER.indexOf(a.action) - ACTION_ORDER.indexOf(b.action));
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function union(a: PermissionSet, b: PermissionSet): PermissionSet {
  return canonical([...a, ...b]);
}

export function difference(a: PermissionSet, b: PermissionSet): PermissionSet {
  const drop = new Set(b.map((g) => `${g.type}\u0000${g.name}\u0000${g.action}`));
  return a.filter((g) => !drop.has(`${g.type}\u0000${g.name}\u0000${g.action}`));
}

/** Back to the grammar, one permission per (type, name): `db:a:read,write db:b:read`. */
export function formatPermissions(set: PermissionSet): string[] {
  const groups = new Map<string, string[]>();
  for (const g of canonical(set)) {
    const key = `${g.type}:${g.name}`;
    groups.set(key, [...(groups.get(key) ?? []), g.action]);
  }
  return [...groups].map(([key, actions]) => `${key}:${actions.join(',')}`);
}

/** The database names a set mentions (not `*`), e.g. to check that they exist. */
export function databaseNames(set: PermissionSet): string[] {
  return [...new Set(set.filter((g) => g.type === 'db' && g.name !== '*').map((g) => g.name))];
}
