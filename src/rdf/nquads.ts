import type * as RDF from '@rdfjs/types';
import { NQuads } from 'rdf-canonize';

/**
 * Serialises one quad as a canonical N-Quads line (RDFC-1.0 escaping), newline included.
 * Every N-Quads string the record store keeps goes through here, so equal quads are equal text.
 */
export function quadToNQuad(quad: RDF.Quad): string {
  return NQuads.serializeQuad(quad);
}

/** Counts the lines (statements) of an N-Quads string produced by quadToNQuad. */
export function countStatements(nquads: string): number {
  let count = 0;
  for (let i = nquads.indexOf('\n'); i !== -1; i = nquads.indexOf('\n', i + 1)) count++;
  return count;
}
