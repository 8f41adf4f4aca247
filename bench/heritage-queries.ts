/**
 * The four benchmark queries over the synthetic heritage dataset. Each takes the request number
 * and varies its constant with it, so no two consecutive requests are identical.
 */
import { FIRST_NAMES } from './flemish-vocabulary.js';
import { QUERY_PREFIXES } from './heritage-vocab.js';
import { PLACES, placeLabel, sampleIris, type SyntheticOptions } from './synthetic-heritage.js';

export interface BenchQuery {
  /** Short key, e.g. `lookup`. */
  readonly key: string;
  /** What the query does, for the report. */
  readonly title: string;
  /** The query text for request number `i`. */
  text(i: number): string;
}

/** The lookup, label filter, GROUP BY and 3-hop join queries for a dataset made with `options`. */
export function heritageQueries(options: SyntheticOptions): readonly BenchQuery[] {
  const iris = sampleIris(options);
  // Prefixes of equal selectivity (one title in about 200), so every request does similar work
  // and the percentiles describe one kind of request rather than a mix of cheap and costly ones.
  const prefixes = FIRST_NAMES.map((name) => `Portret van ${name}`);
  return [
    {
      key: 'lookup',
      title: 'lookup by IRI',
      // A stride coprime with any object count hops through the collection without repeats.
      text: (i) => `SELECT ?p ?o WHERE { <${iris.object(i * 7919)}> ?p ?o }`,
    },
    {
      key: 'label',
      title: 'label filter (STRSTARTS "Portret van …", LIMIT 20)',
      text: (i) => `${QUERY_PREFIXES}SELECT ?o ?t WHERE {
  ?o crm:P102_has_title ?t
  FILTER(STRSTARTS(STR(?t), ${sparqlString(prefixes[i % prefixes.length] ?? '')}))
} LIMIT 20`,
    },
    {
      key: 'groupby',
      title: 'GROUP BY material, top 20',
      text: () => `${QUERY_PREFIXES}SELECT ?material ?label (COUNT(?o) AS ?n) WHERE {
  ?o crm:P45_consists_of ?material .
  ?material skos:prefLabel ?label .
} GROUP BY ?material ?label ORDER BY DESC(?n) LIMIT 20`,
    },
    {
      key: 'join',
      title: '3-hop join: objects by makers living in one place',
      text: (i) => `${QUERY_PREFIXES}SELECT ?o ?maker WHERE {
  ?place rdfs:label ${sparqlString(placeLabel((i * 37) % PLACES))}@nl .
  ?agent crm:P74_has_current_or_former_residence ?place ; rdfs:label ?maker .
  ?production crm:P14_carried_out_by ?agent .
  ?o crm:P108i_was_produced_by ?production .
}`,
    },
  ];
}

/** A SPARQL string literal; the values are our own word lists, escaped all the same. */
function sparqlString(value: string): string {
  return `"${value.replace(/["\\\n\r]/g, (c) => `\\${c === '\n' ? 'n' : c === '\r' ? 'r' : c}`)}"`;
}
