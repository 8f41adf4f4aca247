import type * as RDF from '@rdfjs/types';
import { kindOfTypes } from '../domain/record-kind.js';
import type { PutRecord } from '../domain/record.js';
import { canonicalizeRecord } from './canonical-record.js';

/** Turns a record's quads into a write: canonical content, hash, and the kind its types imply. */
export async function preparePut(iri: string, dataset: string, quads: Iterable<RDF.Quad>): Promise<PutRecord> {
  const record = await canonicalizeRecord(iri, quads);
  return {
    op: 'put',
    iri,
    dataset,
    kind: kindOfTypes(record.types),
    nquads: record.nquads,
    hash: record.hash,
    triples: record.triples,
  };
}
