import type * as RDF from '@rdfjs/types';
import jsonld from 'jsonld';
import { DataFactory, Parser } from 'n3';
import oxigraph from 'oxigraph';
import { describe, expect, it } from 'vitest';
import { DATASET_SERIALIZERS, GRAPH_SERIALIZERS } from '../../../src/publish/rdf-serializers.js';
import { expectIsomorphic } from '../../helpers/isomorphism.js';

const namedNode = DataFactory.namedNode.bind(DataFactory);
const literal = DataFactory.literal.bind(DataFactory);
const blankNode = DataFactory.blankNode.bind(DataFactory);
const quad = DataFactory.quad.bind(DataFactory);
const ex = (name: string): RDF.NamedNode => namedNode(`http://example.org/${name}`);
const PREFIXES = { ex: 'http://example.org/', xsd: 'http://www.w3.org/2001/XMLSchema#' };

/** Typed values in their canonical forms: RDF/XML is written by oxigraph, which keeps no other. */
const graph: RDF.Quad[] = [
  quad(ex('s'), ex('title'), literal('Zicht op de "Leie"\n', 'nl')),
  quad(ex('s'), ex('when'), literal('2026-01-01T00:00:00.5Z', namedNode('http://www.w3.org/2001/XMLSchema#dateTime'))),
  quad(ex('s'), ex('count'), literal('7', namedNode('http://www.w3.org/2001/XMLSchema#integer'))),
  quad(ex('s'), ex('part'), blankNode('p')),
  quad(blankNode('p'), ex('label'), literal('deel')),
];
/** Record content is sent as stored, lexical forms included. */
const dataset: RDF.Quad[] = [
  ...graph,
  quad(ex('s'), ex('count'), literal('007', namedNode('http://www.w3.org/2001/XMLSchema#integer'))),
  ...graph.map((q) => quad(q.subject, q.predicate, q.object, ex('g1'))),
  quad(ex('s'), ex('other'), blankNode('q'), ex('g2')),
  quad(blankNode('q'), ex('label'), literal('ander'), ex('g2')),
  // A graph's name described in the default graph, as an LDES member is.
  quad(ex('g1'), ex('isVersionOf'), ex('s')),
  quad(ex('g1'), namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), ex('Version')),
  // Names no prefix can shorten, a typed literal as a type, a blank node as a graph.
  quad(ex('a/b#c'), ex('x:y'), literal('1', namedNode('http://example.org/types/my-type#x'))),
  quad(ex('s'), namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), literal('no class')),
  quad(ex('s'), ex('in'), literal('blank graph'), blankNode('bg')),
];

async function parse(mediaType: string, text: string): Promise<RDF.Quad[]> {
  if (mediaType === 'application/ld+json') {
    const nquads = await jsonld.toRDF(JSON.parse(text) as object, { format: 'application/n-quads' });
    return new Parser({ format: 'application/n-quads' }).parse(nquads as unknown as string);
  }
  if (mediaType === 'application/rdf+xml') {
    const store = new oxigraph.Store();
    store.load(text, { format: mediaType });
    return new Parser({ format: 'application/n-quads' }).parse(store.dump({ format: 'application/n-quads' }));
  }
  return new Parser({ format: mediaType }).parse(text);
}

describe('the serialisations of publication resources', () => {
  // Turtle is offered for quads in the default graph only (the LDES's version objects).
  const graphsSyntaxes = DATASET_SERIALIZERS.filter((serializer) => serializer.mediaType !== 'text/turtle');
  it.each(graphsSyntaxes.map((serializer) => [serializer.mediaType, serializer]))('writes datasets with named graphs as %s, exactly', async (mediaType, serializer) => {
    const text = await serializer.serialize(dataset, PREFIXES);
    await expectIsomorphic(await parse(mediaType, text), dataset);
    expect(await serializer.serialize(dataset, PREFIXES)).toBe(text);
  });

  it.each(GRAPH_SERIALIZERS.map((serializer) => [serializer.mediaType, serializer]))('writes graphs as %s, exactly', async (mediaType, serializer) => {
    await expectIsomorphic(await parse(mediaType, await serializer.serialize(graph, PREFIXES)), graph);
  });

  it('offers TriG first for datasets and Turtle first for graphs', () => {
    expect(DATASET_SERIALIZERS[0]?.mediaType).toBe('application/trig');
    expect(GRAPH_SERIALIZERS[0]?.mediaType).toBe('text/turtle');
  });
});
