/**
 * Small lexing helpers for reading SPARQL text without parsing it: enough to skip string
 * literals, IRIs and comments reliably. The real parser (oxigraph, sparqljs) has the last word.
 */

/** The index of the last character of the string literal starting at `start` ("…", '…', """…""" or '''…'''). */
export function stringEnd(text: string, start: number): number {
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

/**
 * The index of `>` when `<` at `start` opens an IRI reference, else -1. An IRI holds no
 * spaces, quotes, braces or `<`; a `<` followed by anything else is the less-than operator.
 */
export function iriEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '>') return i;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '<' || c === '"' || c === '{' || c === '}' || c === '|' || c === '^' || c === '`' || c === '\\') return -1;
  }
  return -1;
}

/** The index of the end of the comment starting at `start` (the newline, or the end of the text). */
export function commentEnd(text: string, start: number): number {
  const end = text.indexOf('\n', start);
  return end === -1 ? text.length : end;
}

/**
 * Calls `visit` with the index of every character of SPARQL text outside string literals and
 * comments, and whether it lies in what looks like an IRI (where a `#` is a fragment, not a
 * comment).
 */
export function walkSparql(text: string, visit: (i: number, inIri: boolean) => void): void {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      i = stringEnd(text, i);
    } else if (c === '#') {
      i = commentEnd(text, i);
    } else if (c === '<') {
      const end = iriEnd(text, i);
      if (end === -1) {
        visit(i, false);
        continue;
      }
      for (let j = i + 1; j < end; j++) visit(j, true);
      i = end;
    } else {
      visit(i, false);
    }
  }
}
