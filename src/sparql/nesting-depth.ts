import { walkSparql } from './sparql-lexing.js';

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
  walkSparql(text, (i) => {
    const c = text[i];
    if (c === '{' || c === '(' || c === '[') {
      depth++;
      if (depth > max) max = depth;
    } else if (c === '}' || c === ')' || c === ']') {
      depth = Math.max(0, depth - 1);
    }
  });
  return max;
}

/** Characters that join operands into chains the parser and evaluator recurse along. */
const JOINERS = new Set(['|', '&', ',', '+', '*', '/', '=', '<', '>', '!']);

/**
 * How many operators and list separators a SPARQL text holds outside strings, comments and
 * IRIs: `||`, `&&`, comparisons, arithmetic, path operators, `UNION` and the commas of `IN` lists
 * and object lists. Oxigraph recurses along such chains too: a filter of 5,000 `||`, 5,000
 * UNIONs or an `IN` list of 5,000 values overflowed its stack and stopped the replica; 2,000
 * did not, even inside 120 levels of brackets, and 3,000 did. A minus counts only between spaces, digits or brackets, not inside a prefixed name.
 * Counting a little too high is harmless.
 */
export function operatorCount(text: string): number {
  let count = 0;
  let previous = ' ';
  walkSparql(text, (i, inIri) => {
    const c = text[i] ?? '';
    if (inIri) return;
    if (JOINERS.has(c) && c !== previous) count++;
    else if (c === '-' && /[\s\d)]/.test(previous) && /[\s\d(?$]/.test(text[i + 1] ?? '')) count++;
    else if ((c === 'U' || c === 'u') && /^union\b/i.test(text.slice(i, i + 6)) && !/[\w:]/.test(previous)) count++;
    previous = c;
  });
  return count;
}
