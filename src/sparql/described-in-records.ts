import { DataFactory, Writer } from 'n3';
import type * as RDF from '@rdfjs/types';
import type { TripleStore } from '../ports/triple-store.js';

/** Statements about one IRI read at most; a concept or place says a few dozen things. */
const MAX_STATEMENTS = 5_000;
const TIMEOUT_MS = 10_000;

interface Binding {
  readonly type: 'uri' | 'literal' | 'bnode' | 'typed-literal';
  readonly value: string;
  readonly datatype?: string;
  readonly 'xml:lang'?: string;
}

/**
 * What the records in the SPARQL index (the public view) say about an IRI that is no record of
 * its own, by record: `GET` on a concept or place IRI a mapping minted inside object records
 * (`…/id/concept/{dataset}/materiaal/brons`) shows that, instead of a 404. The IRI must already
 * be one SPARQL can hold between `<` and `>` (the caller checks).
 */
export function describedInRecords(index: TripleStore, baseIri: string): (iri: string) => Promise<ReadonlyMap<string, string>> {
  return async (iri) => {
    const answer = await index.query({
      type: 'query', query: `SELECT ?g ?p ?o WHERE { GRAPH ?g { <${iri}> ?p ?o } } LIMIT ${MAX_STATEMENTS}`,
      mediaType: 'application/sparql-results+json', baseIri, unionDefaultGraph: false, maxResultChars: 50_000_000,
    }, TIMEOUT_MS);
    const rows = (JSON.parse(answer.body) as { results: { bindings: Array<Record<'g' | 'p' | 'o', Binding>> } }).results.bindings;
    const subject = DataFactory.namedNode(iri);
    const byRecord = new Map<string, RDF.Quad[]>();
    for (const row of rows) {
      const quads = byRecord.get(row.g.value) ?? [];
      quads.push(DataFactory.quad(subject, DataFactory.namedNode(row.p.value), term(row.o)));
      byRecord.set(row.g.value, quads);
    }
    const writer = new Writer({ format: 'N-Triples' });
    return new Map([...byRecord].map(([record, quads]) => [record, writer.quadsToString(quads)]));
  };
}

function term(binding: Binding): RDF.Quad_Object {
  switch (binding.type) {
    case 'uri': return DataFactory.namedNode(binding.value);
    case 'bnode': return DataFactory.blankNode(binding.value);
    default: return DataFactory.literal(binding.value, binding['xml:lang'] ?? (binding.datatype === undefined ? undefined : DataFactory.namedNode(binding.datatype)));
  }
}
