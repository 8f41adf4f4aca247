import { commentEnd, iriEnd, stringEnd } from './sparql-lexing.js';

/**
 * The deepest nesting of `{`, `(` and `[` in a SPARQL text, outside string literals and
 * comments. Oxigraph's parser recurses per level and its WebAssembly stack gives out past a
 * few hundred levels, which breaks the whole worker; the endpoint refuses such queries first.
 * Brackets inside what looks like an IRI count as well, since a `<` may be the less-than
 * operator: counting too high is harmless where counting too low is not.
 */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  const bracket = (c: string | undefined): void => {
    if (c === '{' || c === '(' || c === '[') {
      depth++;
      if (depth > max) max = depth;
    } else if (c === '}' || c === ')' || c === ']') {
      depth = Math.max(0, depth - 1);
    }
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      i = stringEnd(text, i);
    } else if (c === '#') {
      i = commentEnd(text, i);
    } else if (c === '<') {
      // Inside an IRI a `#` is a fragment, not a comment; its brackets still count.
      const end = iriEnd(text, i);
      if (end === -1) continue;
      for (let j = i + 1; j < end; j++) bracket(text[j]);
      i = end;
    } else {
      bracket(c);
    }
  }
  return max;
}
