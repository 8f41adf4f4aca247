import { distance } from 'fastest-levenshtein';

/** Names shorter than this are never taken for misspellings of each other (`ID` is a letter or two from too many). */
const MIN_NEAR_LENGTH = 4;

/**
 * The name among `candidates` that `name` is most likely a misspelling of, compared in lower
 * case: one letter off in a name of up to five letters, two up to ten, three beyond; names of
 * fewer than four letters are never compared. The nearest wins, the first of equals. Undefined
 * when none is that near. What every "did you mean" of the tool asks.
 */
export function nearestName(name: string, candidates: Iterable<string>): string | undefined {
  const key = name.toLowerCase();
  if (key.length < MIN_NEAR_LENGTH) return undefined;
  const allowed = key.length <= 5 ? 1 : key.length <= 10 ? 2 : 3;
  let best: { name: string; distance: number } | undefined;
  for (const candidate of candidates) {
    if (candidate.length < MIN_NEAR_LENGTH) continue;
    const d = distance(key, candidate.toLowerCase());
    if (d <= allowed && (best === undefined || d < best.distance)) best = { name: candidate, distance: d };
  }
  return best?.name;
}
