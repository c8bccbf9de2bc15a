// Fault injection for the sandbox: `--faults 429:0.1,500:0.05,reset:0.02` (probabilities) or
// `503:x2` (the next two requests); `@TEXT` after a rule limits it to requests whose path, or
// METHOD+path, contains TEXT, e.g. `500:x1@/password` or `drop:x1@POST/api/v0`. Kinds:
//   <status>    answer with that HTTP status (429 carries Retry-After: 1)
//   throttle    answer 429 without Retry-After
//   reset       destroy the connection before the request is processed
//   drop        process the request, then destroy the connection (the answer is lost)
//   stall       never answer (the client's timeout must fire)
//   truncated   process, then send half of the JSON answer and destroy the connection
//   malformed   process, then answer 200 with a body that is not JSON
//   wrongshape  process, then answer 200 with JSON of the wrong shape
//   huge        process, then answer 200 with a 50 MiB body

export const FAULT_WORDS = ['reset', 'drop', 'stall', 'throttle', 'truncated', 'malformed', 'wrongshape', 'huge'] as const;
export type FaultKind = number | (typeof FAULT_WORDS)[number];

export interface FaultRule {
  kind: FaultKind;
  probability?: number;
  remaining?: number;
  /** Only requests whose path contains this. */
  path?: string;
}

export class FaultSpecError extends Error {}

export function parseFaults(spec: string): FaultRule[] {
  if (spec.trim() === '') return [];
  return spec.split(',').map((part) => {
    const match = /^\s*([a-z]+|\d{3}):(x\d+|\d*\.?\d+)(?:@(\S+))?\s*$/.exec(part);
    if (!match) throw new FaultSpecError(`bad fault "${part}"; write KIND:PROBABILITY or KIND:xCOUNT, optionally @PATH, e.g. 500:0.1 or 503:x2@/databases`);
    const [, kindText, amount, path] = match as unknown as [string, string, string, string | undefined];
    const where = path === undefined ? {} : { path };
    let kind: FaultKind;
    if (/^\d{3}$/.test(kindText)) {
      kind = Number(kindText);
      if (kind < 400 || kind > 599) throw new FaultSpecError(`fault status ${kindText} is not an error status (400–599)`);
    } else if ((FAULT_WORDS as readonly string[]).includes(kindText)) {
      kind = kindText as FaultKind;
    } else {
      throw new FaultSpecError(`unknown fault "${kindText}"; kinds: an HTTP status, ${FAULT_WORDS.join(', ')}`);
    }
    if (amount.startsWith('x')) return { kind, remaining: Number(amount.slice(1)), ...where };
    const probability = Number(amount);
    if (!(probability >= 0 && probability <= 1)) throw new FaultSpecError(`fault probability ${amount} is not between 0 and 1`);
    return { kind, probability, ...where };
  });
}

/** Picks the fault for one request, if any; counted rules are consumed. */
export function drawFault(rules: FaultRule[], random: () => number, path = '', method = ''): FaultKind | undefined {
  for (const rule of rules) {
    if (rule.path !== undefined && !path.includes(rule.path) && !`${method}${path}`.includes(rule.path)) continue;
    if (rule.remaining !== undefined) {
      if (rule.remaining > 0) {
        rule.remaining--;
        return rule.kind;
      }
    } else if (rule.probability !== undefined && random() < rule.probability) {
      return rule.kind;
    }
  }
  return undefined;
}

/** A small seeded generator (mulberry32) so a run with --seed is repeatable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
