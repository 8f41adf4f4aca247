/** Items a message names before "and N more". */
const SHOWN = 5;

/**
 * The first few of a list of items for a message, and how many more there are:
 * `a; b; c; d; e; and 3 more` (with `'; '`), or `a, b, and 1 more` (with `', '`).
 */
export function listed(items: readonly string[], separator: string): string {
  const more = items.length - SHOWN;
  return items.slice(0, SHOWN).join(separator) + (more > 0 ? `${separator}and ${more} more` : '');
}
