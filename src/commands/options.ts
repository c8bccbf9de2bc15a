// Small helpers shared by command definitions.

/** commander collector for repeatable options. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** The flags (as "--name") whose options were given, for the capability matrix. */
export function givenFlags(opts: object, names: Record<string, string>): string[] {
  return Object.entries(names)
    .filter(([key]) => {
      const value = (opts as Record<string, unknown>)[key];
      return value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0);
    })
    .map(([, flag]) => flag);
}
