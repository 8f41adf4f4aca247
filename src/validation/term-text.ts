import type * as RDF from '@rdfjs/types';
import { DataFactory } from 'n3';
import { quadToNQuad } from '../rdf/nquads.js';

const CARRIER = DataFactory.namedNode('urn:x');
/** `<urn:x> <urn:x> ` before the object and ` .\n` after it in quadToNQuad's output. */
const HEAD = 16;
const TAIL = 3;

/**
 * A term in N-Triples form (`<http://…>`, `_:b0`, `"x"@nl`, `"5"^^<…#integer>`), escaped by the
 * same canonical serialiser as the record store's N-Quads, so it matches what the store shows.
 */
export function toNTriples(term: RDF.Term): string {
  if (term.termType !== 'NamedNode' && term.termType !== 'BlankNode' && term.termType !== 'Literal') return term.value;
  return quadToNQuad(DataFactory.quad(CARRIER, CARRIER, term)).slice(HEAD, -TAIL);
}

/** A node as an issue names it: an IRI as is, a blank node as `_:label`, a literal in N-Triples form. */
export function toNodeId(term: RDF.Term): string {
  if (term.termType === 'NamedNode') return term.value;
  if (term.termType === 'BlankNode') return `_:${term.value}`;
  return toNTriples(term);
}

/** The local name of an IRI (after the last `#` or `/`), for short human messages. */
export function localName(iri: string): string {
  const cut = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/'));
  const name = iri.slice(cut + 1);
  return name === '' ? iri : name;
}

/** A string that is equal exactly for equal terms (literals include datatype and language): a map key. */
export function termKey(term: RDF.Term): string {
  return term.termType === 'Literal'
    ? `Literal:${term.value}@${term.language}^^${term.datatype.value}`
    : `${term.termType}:${term.value}`;
}
