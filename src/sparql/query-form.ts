import { walkSparql } from './sparql-lexing.js';

/** What a SPARQL request text is, judged from its first keyword after the prologue. */
export type QueryForm = 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE' | 'UPDATE' | 'UNKNOWN';

const QUERY_FORMS = new Set(['SELECT', 'ASK', 'CONSTRUCT', 'DESCRIBE']);
const UPDATE_KEYWORDS = new Set(['INSERT', 'DELETE', 'LOAD', 'CLEAR', 'DROP', 'CREATE', 'ADD', 'MOVE', 'COPY', 'WITH']);

/**
 * Finds the query form by skipping the prologue (comments, BASE and PREFIX declarations).
 * It does not validate: anything unexpected gives UNKNOWN and the real parser reports it.
 */
export function detectQueryForm(text: string): QueryForm {
  let i = 0;
  const skipSpaceAndComments = (): void => {
    while (i < text.length) {
      const c = text[i];
      if (c === '#') {
        const end = text.indexOf('\n', i);
        i = end === -1 ? text.length : end + 1;
      } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
        i++;
      } else {
        return;
      }
    }
  };
  const word = (): string => {
    const start = i;
    while (i < text.length && /[A-Za-z]/.test(text[i] ?? '')) i++;
    return text.slice(start, i).toUpperCase();
  };
  const skipIri = (): boolean => {
    if (text[i] !== '<') return false;
    const end = text.indexOf('>', i);
    if (end === -1) return false;
    i = end + 1;
    return true;
  };
  for (;;) {
    skipSpaceAndComments();
    const keyword = word();
    if (keyword === 'BASE') {
      skipSpaceAndComments();
      if (!skipIri()) return 'UNKNOWN';
    } else if (keyword === 'PREFIX') {
      skipSpaceAndComments();
      const colon = text.indexOf(':', i);
      if (colon === -1) return 'UNKNOWN';
      i = colon + 1;
      skipSpaceAndComments();
      if (!skipIri()) return 'UNKNOWN';
    } else if (QUERY_FORMS.has(keyword)) {
      return keyword as QueryForm;
    } else if (UPDATE_KEYWORDS.has(keyword)) {
      return 'UPDATE';
    } else {
      return 'UNKNOWN';
    }
  }
}

/**
 * Whether a query names its own dataset (FROM or FROM NAMED). Looks for the keyword FROM as a
 * word of its own, outside strings, IRIs and comments, and not part of a variable or prefixed
 * name; in SPARQL that word occurs nowhere but in dataset clauses.
 */
export function hasDatasetClause(text: string): boolean {
  let found = false;
  // The end of the word being read: its other letters are not the start of a word.
  let wordEnd = -1;
  walkSparql(text, (i, inIri) => {
    if (found || inIri || i < wordEnd || !/[A-Za-z]/.test(text[i] ?? '')) return;
    let end = i;
    while (end < text.length && /[A-Za-z0-9_\-.]/.test(text[end] ?? '')) end++;
    wordEnd = end;
    const before = text[i - 1] ?? ' ';
    const after = text[end] ?? ' ';
    if (text.slice(i, end).toUpperCase() === 'FROM' && !/[?$:_@]/.test(before) && after !== ':') found = true;
  });
  return found;
}
