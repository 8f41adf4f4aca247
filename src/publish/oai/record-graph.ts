import type { LineTerm } from '../../rdf/nquads-statements.js';
import type { RecordGraph } from '../../rdf/record-graph.js';
import { FOAF, RDF, RDFS, SCHEMA, SCHEMA_HTTP, SKOS, DCTERMS } from '../../vocab/vocabularies.js';
import type { Label } from './metadata-format.js';
import { CRM_P } from './oai-vocab.js';

/** Predicates that name a node, most preferred first; a node's labels are those of the first it has. */
export const LABEL_PREDICATES: readonly string[] = [
  SKOS.prefLabel, FOAF.name, SCHEMA.name, SCHEMA_HTTP.name, RDFS.label, DCTERMS.title, CRM_P.P190_has_symbolic_content, RDF.value,
];

/** The node's labels in the record: the literals of its first label predicate that has any. */
export function nodeLabels(graph: RecordGraph, node: LineTerm): Label[] {
  for (const predicate of LABEL_PREDICATES) {
    const found = graph.objects(node, predicate).filter((term) => term.termType === 'Literal').map(labelOf);
    if (found.length > 0) return found;
  }
  return [];
}

/** A literal's value and language; an IRI's or blank node's value with no language. */
export function labelOf(term: LineTerm): Label {
  return { value: term.value, language: term.termType === 'Literal' ? term.language : '' };
}

/** The node `iri` as a term. */
export function namedNode(iri: string): LineTerm {
  return { termType: 'NamedNode', value: iri };
}
