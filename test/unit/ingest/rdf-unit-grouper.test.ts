import { Parser } from 'n3';
import { afterEach, describe, expect, it } from 'vitest';
import { RdfUnitGrouper, type RdfUnit } from '../../../src/ingest/rdf-unit-grouper.js';

const open: RdfUnitGrouper[] = [];
afterEach(() => {
  for (const spilled of open.splice(0)) spilled.close();
});

/** The two ways of grouping: in memory, and in a temporary file (from the first quad on). */
const MODES = [['in memory', 1_000_000], ['spilled to disk', 0]] as const;

const lines = (unit: RdfUnit | undefined): number => unit?.ntriples().split('\n').filter(Boolean).length ?? -1;

describe.each(MODES)('RdfUnitGrouper %s', (mode, memoryQuads) => {
  function group(text: string, format = 'text/turtle'): { units: RdfUnit[]; grouper: RdfUnitGrouper } {
    const grouper = new RdfUnitGrouper(memoryQuads);
    open.push(grouper);
    for (const quad of new Parser({ format, baseIRI: 'http://example.org/' }).parse(text)) grouper.add(quad);
    expect(grouper.spilledToDisk).toBe(mode === 'spilled to disk');
    return { units: [...grouper.units()], grouper };
  }

  it('makes one unit per IRI subject, with its blank-node closure, in order of first appearance', () => {
    const { units } = group(`
      <b> <p> "b first" .
      <a> <p> [ <q> [ <r> "deep" ] ] ; <s> <b> .
      <b> <p> "b again" .`);
    expect(units.map((u) => u.iri)).toEqual(['http://example.org/b', 'http://example.org/a']);
    expect(lines(units[0])).toBe(2);
    expect(lines(units[1])).toBe(4);
    expect(units[1]?.ntriples()).toContain('"deep"');
  });

  it('copies a blank node two subjects share into both units', () => {
    const { units } = group('_:x <v> "shared" . <a> <p> _:x . <b> <p> _:x .');
    expect(units.map(lines)).toEqual([2, 2]);
  });

  it('survives cycles between blank nodes', () => {
    const { units } = group('<a> <p> _:x . _:x <next> _:y . _:y <next> _:x .');
    expect(units).toHaveLength(1);
    expect(lines(units[0])).toBe(3);
  });

  it('does not link a named graph\'s blank objects to default-graph triples', () => {
    const { units } = group('<http://example.org/a> <http://example.org/p> _:b <http://example.org/g> .\n_:b <http://example.org/q> "1" .', 'application/n-quads');
    expect(units.map((u) => [u.iri, lines(u)])).toEqual([['http://example.org/g', 1], [undefined, 1]]);
  });

  it('makes each named graph one unit, named by the graph, with its triples in the default graph', () => {
    const { units } = group(
      [
        '<http://example.org/s1> <http://example.org/p> "1" <http://example.org/g> .',
        '<http://example.org/s2> <http://example.org/p> "2" <http://example.org/g> .',
        '<http://example.org/s3> <http://example.org/p> "3" .',
      ].join('\n'),
      'application/n-quads',
    );
    expect(units.map((u) => [u.iri, lines(u)])).toEqual([['http://example.org/g', 2], ['http://example.org/s3', 1]]);
    expect(units[0]?.ntriples()).not.toContain('<http://example.org/g>');
  });

  it('returns each blank-node structure no IRI subject reaches once, as a unit without an IRI', () => {
    const { units } = group('_:x <p> _:y . _:y <q> "1" . <a> <p> "2" . _:z <p> "3" .');
    expect(units.map((u) => [u.iri, lines(u)])).toEqual([['http://example.org/a', 1], [undefined, 2], [undefined, 1]]);
  });

  it('can be walked twice with the same result, as N-Triples or as quads', () => {
    const { units, grouper } = group('<a> <p> [ <q> "1" ] . _:o <p> "2" .');
    expect([...grouper.units()].map((u) => [u.iri, u.ntriples()])).toEqual(units.map((u) => [u.iri, u.ntriples()]));
    expect(grouper.quadCount).toBe(3);
    expect(units[0]?.quads().map((q) => q.predicate.value).sort()).toEqual(['http://example.org/p', 'http://example.org/q']);
    expect(units[0]?.quads().every((q) => q.graph.termType === 'DefaultGraph')).toBe(true);
  });

  it('refuses quads after the units were read', () => {
    const { grouper } = group('<a> <p> "1" .');
    const [quad] = new Parser().parse('<http://x/b> <http://x/p> "2" .');
    expect(() => { if (quad) grouper.add(quad); }).toThrow(/after the units were read/);
  });
});

describe('RdfUnitGrouper beyond its memory limit', () => {
  it('moves what it holds to disk and groups the same', () => {
    const text = '<a> <p> _:x . _:x <q> "1" . <b> <p> "2" . <a> <r> "3" .';
    const quads = new Parser({ baseIRI: 'http://example.org/' }).parse(text);
    const small = new RdfUnitGrouper(2);
    open.push(small);
    for (const quad of quads) small.add(quad);
    expect(small.spilledToDisk).toBe(true);
    expect([...small.units()].map((u) => [u.iri, lines(u)])).toEqual([['http://example.org/a', 3], ['http://example.org/b', 1]]);
  });
});
