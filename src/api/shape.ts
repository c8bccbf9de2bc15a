// The shapes the clients expect of API answers, and the check of an answer against one. A few
// combinators in zod/mini's vocabulary (string, optional, looseObject, …): all an answer needs, without
// loading zod on every request. Measured on `database list --json` against the sandbox: zod's chunk and
// the schemas it builds at load cost ~4 ms of a ~50 ms command (CPU time, 31 interleaved runs). zod
// stays for the apply file, where its JSON Schema export is the point (src/apply/).
//
// Objects are loose: fields a newer server adds are kept, and the answer comes back as it was (nothing
// is transformed, so the value checked is the value returned).

export type Path = Array<string | number>;

/** The first mismatch found: where, and what was expected there. */
export type Issue =
  | { code: 'invalid_type'; path: Path; expected: string }
  | { code: 'too_small'; path: Path; minimum: number }
  | { code: 'invalid_value'; path: Path; values: readonly unknown[] }
  | { code: 'invalid_union'; path: Path };

export interface Shape<T> {
  /**
   * The first issue of `value`, or undefined when it fits. `path` is where `value` sits: a stack the
   * checks push to and pop from (an issue gets a copy), so a 10,000-item answer that fits costs no
   * path arrays at all.
   */
  issue(value: unknown, path: Path): Issue | undefined;
  /** Only for type inference (Infer<S>); never set. */
  readonly _type?: T;
}

export type Infer<S> = S extends Shape<infer T> ? T : never;

type Fields = Record<string, Shape<unknown>>;
/** A field that may be absent: made by optional(). */
export type OptionalShape<T> = Shape<T | undefined> & { readonly optional: true };
type Optional<F extends Fields> = { [K in keyof F]: F[K] extends { optional: true } ? K : never }[keyof F];
type ObjectOf<F extends Fields> = { [K in Exclude<keyof F, Optional<F>>]: Infer<F[K]> } & { [K in Optional<F>]?: Infer<F[K]> } & Record<string, unknown>;

const typed = <T>(expected: string, fits: (value: unknown) => boolean): Shape<T> => ({
  issue: (value, path) => (fits(value) ? undefined : { code: 'invalid_type', path: [...path], expected }),
});

/** Checks `value` at `path` + `key`. */
function at(shape: Shape<unknown>, value: unknown, path: Path, key: string | number): Issue | undefined {
  path.push(key);
  const found = shape.issue(value, path);
  path.pop();
  return found;
}

export const string = (): Shape<string> => typed('string', (v) => typeof v === 'string');
export const number = (): Shape<number> => typed('number', (v) => typeof v === 'number' && Number.isFinite(v));
export const int = (): Shape<number> => typed('int', (v) => Number.isSafeInteger(v));
export const boolean = (): Shape<boolean> => typed('boolean', (v) => typeof v === 'boolean');
export const unknown = (): Shape<unknown> => ({ issue: () => undefined });

/** A number of at least 0 (int64 nanoseconds go past the safe integers, so no int check). */
export const nonnegative = (): Shape<number> => {
  const finite = number();
  return { issue: (value, path) => finite.issue(value, path) ?? ((value as number) < 0 ? { code: 'too_small', path: [...path], minimum: 0 } : undefined) };
};

export const optional = <T>(inner: Shape<T>): OptionalShape<T> => ({
  optional: true,
  issue: (value, path) => (value === undefined ? undefined : inner.issue(value, path)),
});

/** Null, or `inner`; a field that may be absent inside stays so (as in zod). */
export const nullable = <T>(inner: Shape<T>): Shape<T | null> => ({
  ...((inner as Partial<OptionalShape<T>>).optional ? { optional: true } : {}),
  issue: (value, path) => (value === null ? undefined : inner.issue(value, path)),
});

export const literal = <const T extends string | number | boolean>(...values: T[]): Shape<T> => ({
  issue: (value, path) => (values.includes(value as T) ? undefined : { code: 'invalid_value', path: [...path], values }),
});

export const array = <T>(item: Shape<T>): Shape<T[]> => ({
  issue(value, path) {
    if (!Array.isArray(value)) return { code: 'invalid_type', path: [...path], expected: 'array' };
    for (let i = 0; i < value.length; i++) {
      const found = at(item, value[i], path, i);
      if (found) return found;
    }
    return undefined;
  },
});

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An object with at least these fields; only optional() ones may be absent. */
export const looseObject = <F extends Fields>(fields: F): Shape<ObjectOf<F>> => {
  const entries = Object.entries(fields);
  return {
    issue(value, path) {
      if (!isObject(value)) return { code: 'invalid_type', path: [...path], expected: 'object' };
      for (const [key, shape] of entries) {
        if (!Object.hasOwn(value, key)) {
          if ((shape as Partial<OptionalShape<unknown>>).optional) continue;
          // Absent is not the same as present and anything: even unknown() wants the field there.
          return at(shape, undefined, path, key) ?? { code: 'invalid_type', path: [...path, key], expected: 'a value' };
        }
        const found = at(shape, value[key], path, key);
        if (found) return found;
      }
      return undefined;
    },
  };
};

/** An object of any keys, each value of one shape. */
export const record = <T>(valueShape: Shape<T>): Shape<Record<string, T>> => ({
  issue(value, path) {
    if (!isObject(value)) return { code: 'invalid_type', path: [...path], expected: 'record' };
    for (const [key, inner] of Object.entries(value)) {
      const found = at(valueShape, inner, path, key);
      if (found) return found;
    }
    return undefined;
  },
});

export const union = <S extends Array<Shape<unknown>>>(options: S): Shape<Infer<S[number]>> => ({
  issue: (value, path) => (options.some((o) => o.issue(value, path) === undefined) ? undefined : { code: 'invalid_union', path: [...path] }),
});
