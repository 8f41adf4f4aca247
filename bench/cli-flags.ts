/** A command-line flag that must be a positive integer; undefined when not given. */
export function positiveCount(flag: string | undefined): number | undefined {
  if (flag === undefined) return undefined;
  const value = Number(flag);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`expected a positive integer, got "${flag}"`);
  return value;
}
