import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as RDF from '@rdfjs/types';
import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { StagedGraph } from '../../../src/terms/staged-graph.js';

const iri = (value: string) => DataFactory.namedNode(value);
const blankNode = (value: string) => DataFactory.blankNode(value);
const literal = (value: string, tag?: string | ReturnType<typeof iri>) => DataFactory.literal(value, tag);
const quad = (s: RDF.Quad_Subject, p: RDF.Quad_Predicate, o: RDF.Quad_Object): RDF.Quad => DataFactory.quad(s, p, o);
const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

describe('StagedGraph', () => {
  it('answers subjects, objects and a subject\'s triples from disk, terms intact', () => {
    const graph = new StagedGraph();
    try {
      const a = iri('https://example.org/a');
      graph.add(quad(a, iri(TYPE), iri(`${SKOS}Concept`)));
      graph.add(quad(a, iri(`${SKOS}prefLabel`), literal('Émail "x"\nline', 'nl')));
      graph.add(quad(a, iri(`${SKOS}notation`), literal('5', iri('http://www.w3.org/2001/XMLSchema#integer'))));
      graph.add(quad(a, iri(`${SKOS}note`), blankNode('b1')));
      graph.add(quad(blankNode('b1'), iri(`${SKOS}prefLabel`), literal('blank')));
      graph.add(quad(iri('https://example.org/c'), iri(`${SKOS}inScheme`), iri('https://example.org/s')));
      graph.seal();
      expect(graph.subjects(TYPE, `${SKOS}Concept`)).toEqual([a]);
      expect(graph.subjects(`${SKOS}prefLabel`).map((s) => s.value).sort()).toEqual(['b1', 'https://example.org/a']);
      expect(graph.objects(a, `${SKOS}prefLabel`)).toEqual([literal('Émail "x"\nline', 'nl')]);
      expect(graph.objects(a, `${SKOS}notation`)).toEqual([literal('5', iri('http://www.w3.org/2001/XMLSchema#integer'))]);
      expect(graph.objects(null, `${SKOS}inScheme`)).toEqual([iri('https://example.org/s')]);
      expect(graph.quads(blankNode('b1'))).toEqual([quad(blankNode('b1'), iri(`${SKOS}prefLabel`), literal('blank'))]);
      expect([graph.has(a, `${SKOS}note`), graph.has(a, `${SKOS}altLabel`)]).toEqual([true, false]);
    } finally {
      graph.close();
    }
  });

  it('keeps staged values in order, and leaves no file behind', () => {
    // A temp dir of this test's own, so other test files' staging does not show up in it.
    const temp = mkdtempSync(join(tmpdir(), 'staged-graph-test-'));
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = temp;
    try {
      const graph = new StagedGraph();
      for (let i = 0; i < 2_500; i++) graph.stage({ i, text: `waarde ${i}` });
      expect(graph.stagedSize).toBe(2_500);
      expect([...graph.staged<{ i: number }>()].map((v) => v.i)).toEqual(Array.from({ length: 2_500 }, (_, i) => i));
      expect(readdirSync(temp)).toHaveLength(1);
      graph.close();
      expect(readdirSync(temp)).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
      rmSync(temp, { recursive: true, force: true });
    }
  });
});
