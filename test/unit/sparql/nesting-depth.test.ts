import { describe, expect, it } from 'vitest';
import { nestingDepth } from '../../../src/sparql/nesting-depth.js';

describe('nestingDepth', () => {
  it.each([
    ['SELECT * WHERE { ?s ?p ?o }', 1],
    ['SELECT * WHERE { { ?s ?p [ ?q ?o ] } FILTER((1)) }', 3],
    ['SELECT * WHERE { ?s ?p "{{{{((((" }', 1],
    ["SELECT * WHERE { ?s ?p '''{{{\n((''' }", 1],
    ['SELECT * WHERE { ?s ?p "esc \\" {{{" }', 1],
    // Brackets inside an IRI count (a `<` may be the less-than operator): too high is safe.
    ['SELECT * WHERE { ?s <http://x/((> ?o } # {{{{{{', 3],
    ['SELECT * WHERE { ?s <http://x/#{> ?o }', 1],
    [`SELECT * WHERE { FILTER(?o<${'('.repeat(3000)}1${')'.repeat(3000)}&&1>0) }`, 3002],
    ['SELECT * WHERE { ?s ?p ?o FILTER(?o < 5 && (?o > 1)) }', 3],
    ['}}}} {', 1],
  ])('%j nests %i deep', (text, depth) => {
    expect(nestingDepth(text)).toBe(depth);
  });
});
