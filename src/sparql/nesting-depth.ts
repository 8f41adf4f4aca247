/**
 * The deepest nesting of `{`, `(` and `[` in a SPARQL text, outside string literals, IRIs and
 * comments. Oxigraph's parser recurses per level and its WebAssembly stack gives out past a
 * few hundred levels, which breaks the whole worker; the endpoint refuses such queries first.
 * Unclear cases (a `<` that may be an operator) count low, never high.
 */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      i = skipString(text, i);
    } else if (c === '#') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (c === '<') {
      const close = iriEnd(text, i);
      if (close !== -1) i = close;
    } else if (c === '{' || c === '(' || c === '[') {
      depth++;
      if (depth > max) max = depth;
    } else if (c === '}' || c === ')' || c === ']') {
      depth = Math.max(0, depth - 1);
    }
  }
  return max;
}

/** The index of the closing quote of the string literal starting at `start`. */
function skipString(text: string, start: number): number {
  const quote = text[start] ?? '"';
  const long = text.startsWith(quote.repeat(3), start);
  const delimiter = long ? quote.repeat(3) : quote;
  for (let i = start + delimiter.length; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
    } else if (text.startsWith(delimiter, i)) {
      return i + delimiter.length - 1;
    } else if (!long && text[i] === '\n') {
      return i;
    }
  }
  return text.length;
}

/** The index of `>` when `<` at `start` opens an IRI (no spaces inside), else -1. */
function iriEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '>') return i;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '<' || c === '"' || c === '{' || c === '}') return -1;
  }
  return -1;
}
