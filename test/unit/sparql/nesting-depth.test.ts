import { describe, expect, it } from 'vitest';
import { nestingDepth, operatorCount } from '../../../src/sparql/nesting-depth.js';

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

describe('operatorCount', () => {
  it.each([
    // SELECT's * counts, and != twice: counting a little high is harmless.
    ['SELECT * WHERE { ?s ?p ?o }', 1],
    ['SELECT * WHERE { ?s ?p ?o FILTER(?o = 1 || ?o = 2 && ?o != 3) }', 7],
    ['SELECT * WHERE { { ?s ?p 1 } UNION { ?s ?p 2 } union { ?s ?p 3 } }', 3],
    ['SELECT * WHERE { ?s ?p ?o FILTER(?o IN (1, 2, 3)) }', 3],
    // Not in strings, comments or IRIs, and a minus inside a prefixed name is no operator.
    ['PREFIX ex: <http://ex.org/a-b/c,d> SELECT * WHERE { ?s ex:some-name "a, b || c" } # x, y || z', 1],
    ['SELECT * WHERE { ?s ?p ?o FILTER(?o - 1 > -3) }', 4],
    ['SELECT * WHERE { ?s <http://ex.org/p>/<http://ex.org/q>|<http://ex.org/r> ?o }', 3],
    ['SELECT ?reunion WHERE { ?s ?p ?reunion }', 0],
  ])('%j has %i operators', (text, count) => {
    expect(operatorCount(text)).toBe(count);
  });

  it('counts a chain of 5,000 || (which overflowed the engine) at 5,000 or more', () => {
    const text = `SELECT * WHERE { ?s ?p ?o FILTER(${Array.from({ length: 5000 }, (_, i) => `?o=${i}`).join('||')}) }`;
    expect(operatorCount(text)).toBeGreaterThanOrEqual(5000);
  });
});
