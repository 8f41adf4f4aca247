/** At most this many repeated keys are reported for one item. */
const MAX_REPORTED = 10;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COLON = 0x3a;
const NEWLINE = 0x0a;

/**
 * The keys that a JSON text repeats within one object, as warnings naming where. RFC 8259 says
 * names SHOULD be unique, and JSON.parse keeps the last value without a word, so an export that
 * writes `"titel"` twice loses the first title silently. `text` must be valid JSON (parse it
 * first); `firstLine` and `firstColumn` are where it starts in its file.
 */
export function duplicateKeys(text: string, firstLine = 1, firstColumn = 1): string[] {
  const found: Array<{ key: string; at: number; first: number }> = [];
  // Per open object, its keys and where each is; null for an open array.
  const open: Array<Map<string, number> | null> = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) {
          escaped = true;
          i++;
        } else if (d === QUOTE) {
          break;
        }
      }
      const keys = open[open.length - 1];
      if (keys === null || keys === undefined || !followedByColon(text, i + 1)) continue;
      const raw = text.slice(start, i + 1);
      // Escapes are resolved, so "a" and "\u0061" are the same key, as JSON.parse sees them.
      const key = escaped ? JSON.parse(raw) as string : raw.slice(1, -1);
      const first = keys.get(key);
      if (first === undefined) keys.set(key, start);
      else if (found.length < MAX_REPORTED) found.push({ key, at: start, first });
    } else if (c === OPEN_OBJECT) {
      open.push(new Map());
    } else if (c === OPEN_ARRAY) {
      open.push(null);
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      open.pop();
    }
  }
  if (found.length === 0) return [];
  const where = positions(text, found.flatMap((f) => [f.at, f.first]), firstLine, firstColumn);
  return found.map((f) => `the key ${JSON.stringify(f.key)} at ${where.get(f.at)} repeats the one at ${where.get(f.first)} in the same object; `
    + 'JSON keeps only the last value, so the earlier one is not read');
}

function followedByColon(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === COLON) return true;
    // JSON allows only space, tab, line feed and carriage return between a name and its colon.
    if (c !== 0x20 && c !== 0x09 && c !== NEWLINE && c !== 0x0d) return false;
  }
  return false;
}

/** `line L, column C` of each offset, in a text that starts at `firstLine`, `firstColumn`. */
function positions(text: string, offsets: readonly number[], firstLine: number, firstColumn: number): Map<number, string> {
  const sorted = [...new Set(offsets)].sort((a, b) => a - b);
  const result = new Map<number, string>();
  let line = firstLine;
  let lineStart = 0;
  let i = 0;
  for (const offset of sorted) {
    for (; i < offset; i++) {
      if (text.charCodeAt(i) === NEWLINE) {
        line++;
        lineStart = i + 1;
      }
    }
    const column = offset - lineStart + (line === firstLine ? firstColumn : 1);
    result.set(offset, `line ${line}, column ${column}`);
  }
  return result;
}
