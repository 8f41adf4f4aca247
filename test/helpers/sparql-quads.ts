import type * as RDF from '@rdfjs/types';
import { DataFactory } from 'n3';
import type { TestServer } from './test-server.js';

interface SparqlTerm {
  readonly type: 'uri' | 'bnode' | 'literal' | 'typed-literal';
  readonly value: string;
  readonly 'xml:lang'?: string;
  readonly datatype?: string;
}

/** The records whose graph IRIs start with `prefix`, as the SPARQL endpoint serves them (the public view). */
export async function publishedGraphs(server: TestServer, prefix: string): Promise<RDF.Quad[]> {
  const response = await server.query(`SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), ${JSON.stringify(prefix)})) }`);
  if (!response.ok) throw new Error(`query failed with ${response.status}: ${await response.text()}`);
  const json = (await response.json()) as { results: { bindings: Array<Record<'g' | 's' | 'p' | 'o', SparqlTerm>> } };
  return json.results.bindings.map((row) => DataFactory.quad(
    term(row.s) as RDF.Quad_Subject, DataFactory.namedNode(row.p.value), term(row.o) as RDF.Quad_Object, DataFactory.namedNode(row.g.value),
  ));
}

function term(value: SparqlTerm): RDF.Term {
  if (value.type === 'uri') return DataFactory.namedNode(value.value);
  if (value.type === 'bnode') return DataFactory.blankNode(value.value);
  return DataFactory.literal(value.value, value['xml:lang'] ?? (value.datatype === undefined ? undefined : DataFactory.namedNode(value.datatype)));
}
