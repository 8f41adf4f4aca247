import { nquadsStatements, type LineStatement, type LineTerm } from '../../rdf/nquads-statements.js';
import { FOAF, RDF, RDFS, SCHEMA, SCHEMA_HTTP, SKOS, DCTERMS } from '../../vocab/vocabularies.js';
import type { Label } from './metadata-format.js';
import { CRM_P } from './oai-vocab.js';

/** Predicates that name a node, most preferred first; a node's labels are those of the first it has. */
export const LABEL_PREDICATES: readonly string[] = [
  SKOS.prefLabel, FOAF.name, SCHEMA.name, SCHEMA_HTTP.name, RDFS.label, DCTERMS.title, CRM_P.P190_has_symbolic_content, RDF.value,
];

/** A record's statements indexed by subject, for walking from the record's IRI through its blank nodes. */
export class RecordGraph {
  private readonly bySubject = new Map<string, LineStatement[]>();

  constructor(nquads: string) {
    for (const statement of nquadsStatements(nquads)) {
      const key = keyOf(statement.subject);
      const list = this.bySubject.get(key);
      if (list === undefined) this.bySubject.set(key, [statement]);
      else list.push(statement);
    }
  }

  /** The objects of the node's statements with one of the predicates, in the order of the predicates given. */
  objects(node: LineTerm, ...predicates: readonly string[]): LineTerm[] {
    const statements = this.bySubject.get(keyOf(node));
    if (statements === undefined) return [];
    const out: LineTerm[] = [];
    for (const predicate of predicates) {
      for (const statement of statements) {
        if (statement.predicate.value === predicate) out.push(statement.object);
      }
    }
    return out;
  }

  /** The node's labels in this graph: the literals of its first label predicate that has any. */
  labels(node: LineTerm): Label[] {
    for (const predicate of LABEL_PREDICATES) {
      const found = this.objects(node, predicate).filter((term) => term.termType === 'Literal').map(labelOf);
      if (found.length > 0) return found;
    }
    return [];
  }
}

function keyOf(term: LineTerm): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.value;
}

/** A literal's value and language; an IRI's or blank node's value with no language. */
export function labelOf(term: LineTerm): Label {
  return { value: term.value, language: term.termType === 'Literal' ? term.language : '' };
}

/** The node `iri` as a term. */
export function namedNode(iri: string): LineTerm {
  return { termType: 'NamedNode', value: iri };
}
