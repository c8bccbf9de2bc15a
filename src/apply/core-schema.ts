// The YAML 1.2 core schema's resolution of a plain scalar (null, bool, int, float, else text), as js-yaml's
// core tags (nullCoreTag, boolCoreTag, intCoreTag, floatCoreTag, tried in that order) resolve an implicit
// one: their rules, copied, so that the block reader's path (every plan) need not load js-yaml, which is
// loaded only for its events (see yaml-lib.ts). test/unit/core-schema.test.ts holds this to js-yaml's tags.

const INT = /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?[0-9]+)$/;
const FLOAT = /^(?:[-+]?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const FLOAT_SPECIAL = /^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** What a plain scalar's text means under the core schema. */
export function resolvePlain(value: string): unknown {
  if (value.length === 0) return null;
  const c = value.charCodeAt(0);
  // ~ n N: null; t T f F: bool; - + digits: int, else float; . : float. Anything else is text.
  if (c === 0x7e || c === 0x6e || c === 0x4e) return value === '~' || value === 'null' || value === 'Null' || value === 'NULL' ? null : value;
  if (c === 0x74 || c === 0x54) return value === 'true' || value === 'True' || value === 'TRUE' ? true : value;
  if (c === 0x66 || c === 0x46) return value === 'false' || value === 'False' || value === 'FALSE' ? false : value;
  if (c === 0x2d || c === 0x2b || (c >= 0x30 && c <= 0x39)) {
    if (INT.test(value)) {
      const int = integer(value);
      if (Number.isFinite(int)) return int;
    }
    return float(value);
  }
  return c === 0x2e ? float(value) : value;
}

function integer(source: string): number {
  let value = source;
  let sign = 1;
  if (value[0] === '-' || value[0] === '+') {
    if (value[0] === '-') sign = -1;
    value = value.slice(1);
  }
  if (value.startsWith('0b')) return sign * parseInt(value.slice(2), 2);
  if (value.startsWith('0o')) return sign * parseInt(value.slice(2), 8);
  if (value.startsWith('0x')) return sign * parseInt(value.slice(2), 16);
  return sign * parseInt(value, 10);
}

function float(source: string): unknown {
  if (!FLOAT.test(source)) return source;
  let value = source.toLowerCase();
  const sign = value[0] === '-' ? -1 : 1;
  if ('+-'.includes(value[0]!)) value = value.slice(1);
  if (value === '.inf') return sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  if (value === '.nan') return NaN;
  const result = sign * parseFloat(value);
  if (Number.isFinite(result) || FLOAT_SPECIAL.test(source)) return result;
  return source;
}
