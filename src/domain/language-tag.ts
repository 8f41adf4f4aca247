/**
 * Language tags as BCP 47 ranges match them (RFC 4647, basic filtering): `nl` matches `nl`,
 * `nl-BE` and `nl-NL`; case does not count. A Flemish list tags its labels `nl-BE`, and a client
 * asking for Dutch must find them.
 */
export function languageMatches(tag: string, range: string): boolean {
  if (range === '') return tag === '';
  const t = tag.toLowerCase();
  const r = range.toLowerCase();
  return t === r || (t.length > r.length && t.startsWith(r) && t[r.length] === '-');
}

/** The position of the first range in `ranges` that `tag` matches, or -1. */
export function matchingRange(tag: string, ranges: readonly string[]): number {
  return ranges.findIndex((range) => languageMatches(tag, range));
}
