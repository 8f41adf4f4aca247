const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['', '0', 'false', 'no', 'off'];

/** Reads a boolean setting as users write it; undefined when it is not one. */
export function parseBoolean(value: string): boolean | undefined {
  const normalised = value.trim().toLowerCase();
  if (TRUE.includes(normalised)) return true;
  if (FALSE.includes(normalised)) return false;
  return undefined;
}
