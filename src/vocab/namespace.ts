/** A typed vocabulary: each listed local name maps to its full IRI. */
export type Namespace<T extends string> = { readonly [K in T]: string } & {
  /** The namespace IRI itself. */
  readonly $base: string;
};

/** Builds a typed namespace from its base IRI and the local names the code uses. */
export function namespace<const T extends string>(base: string, terms: readonly T[]): Namespace<T> {
  const entries = terms.map((term) => [term, base + term] as const);
  return Object.freeze({ ...Object.fromEntries(entries), $base: base }) as Namespace<T>;
}
