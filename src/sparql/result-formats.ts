import { FORMATS } from '../vocab/vocabularies.js';

/** A media type the endpoint can produce, with the format name oxigraph serialises it by. */
export interface ResultFormat {
  readonly mediaType: string;
  readonly oxigraph: string;
  /** The W3C format IRI (http://www.w3.org/ns/formats/) for the service description. */
  readonly formatIri?: string;
}

/** SELECT and ASK results; the first is the default for `*∕*`. */
export const SOLUTION_FORMATS: readonly ResultFormat[] = [
  { mediaType: 'application/sparql-results+json', oxigraph: 'application/sparql-results+json', formatIri: FORMATS.SPARQL_Results_JSON },
  { mediaType: 'application/sparql-results+xml', oxigraph: 'application/sparql-results+xml', formatIri: FORMATS.SPARQL_Results_XML },
  { mediaType: 'text/csv', oxigraph: 'text/csv', formatIri: FORMATS.SPARQL_Results_CSV },
  { mediaType: 'text/tab-separated-values', oxigraph: 'text/tab-separated-values', formatIri: FORMATS.SPARQL_Results_TSV },
  { mediaType: 'application/json', oxigraph: 'application/sparql-results+json' },
];

/** CONSTRUCT and DESCRIBE results, and the service description; the first is the default. */
export const GRAPH_FORMATS: readonly ResultFormat[] = [
  { mediaType: 'text/turtle', oxigraph: 'text/turtle', formatIri: FORMATS.Turtle },
  { mediaType: 'application/n-triples', oxigraph: 'application/n-triples', formatIri: FORMATS['N-Triples'] },
  { mediaType: 'application/ld+json', oxigraph: 'application/ld+json', formatIri: FORMATS['JSON-LD'] },
  { mediaType: 'application/rdf+xml', oxigraph: 'application/rdf+xml', formatIri: FORMATS.RDF_XML },
];

export const HTML = 'text/html';
