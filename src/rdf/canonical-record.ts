import { createHash } from 'node:crypto';
import type * as RDF from '@rdfjs/types';
import { DataFactory } from 'n3';
import { canonize } from 'rdf-canonize';
import { InvalidInputError } from '../domain/errors.js';
import { RDF as RDFNS } from '../vocab/vocabularies.js';
import { allTermsPlain, engineObjection } from './engine-check.js';
import { countStatements, quadToNQuad } from './nquads.js';


/** A record's content in the one form the record store keeps. */
export interface CanonicalRecord {
  readonly iri: string;
  /** Sorted, duplicate-free canonical N-Quads, every quad in the graph named by `iri`. */
  readonly nquads: string;
  /** SHA-256 (hex) of `nquads`: equal content gives an equal hash. */
  readonly hash: string;
  readonly triples: number;
  /** rdf:type values of the record's subject (of every IRI subject when `iri` is not a subject). */
  readonly types: readonly string[];
}

/**
 * Bounds the work RDFC-1.0 may do on one record, so a crafted "poison" graph of blank nodes
 * fails fast with a clear error instead of pinning a core. Factor 1 already refuses ordinary
 * data (an RDF list of ten equal literals); factor 2 takes it in milliseconds, and the time
 * limit catches what the factor lets through.
 */
const MAX_WORK_FACTOR = 2;
const MAX_CANONICALISE_MS = 2000;

/**
 * Puts a record's quads into canonical form: every quad moved into the record's graph, blank
 * nodes relabelled by RDF Dataset Canonicalization (RDFC-1.0) and then scoped to the record
 * (`_:b<key>_<n>`), lines sorted and deduplicated. The same content always gives the same text,
 * so re-writing it is detected as unchanged, and blank nodes of different records never meet.
 */
export async function canonicalizeRecord(iri: string, quads: Iterable<RDF.Quad>): Promise<CanonicalRecord> {
  const graph = DataFactory.namedNode(iri);
  const regraphed: RDF.Quad[] = [];
  let hasBlankNodes = false;
  for (const q of quads) {
    if (q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode') hasBlankNodes = true;
    regraphed.push(DataFactory.quad(q.subject, q.predicate, q.object, graph));
  }
  const labelled = hasBlankNodes ? await relabelBlankNodes(iri, regraphed) : regraphed;
  const lines = new Set<string>();
  for (const q of labelled) lines.add(quadToNQuad(q));
  const nquads = [...lines].sort().join('');
  if (!allTermsPlain(labelled)) {
    const objection = engineObjection(nquads);
    if (objection !== undefined) {
      throw new InvalidInputError(`<${iri}> holds a term the SPARQL index cannot store: ${objection}.`, { record: iri });
    }
  }
  return {
    iri,
    nquads,
    hash: createHash('sha256').update(nquads).digest('hex'),
    triples: countStatements(nquads),
    types: typesOf(iri, labelled),
  };
}

async function relabelBlankNodes(iri: string, quads: readonly RDF.Quad[]): Promise<RDF.Quad[]> {
  const canonicalIds = new Map<string, string>();
  // Not AbortSignal.timeout: Node 20 keeps each such signal reachable long after it fires
  // (about 1 KB a record, 2 GB over a 1 GB load); a cleared timer leaves nothing behind.
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
  }, MAX_CANONICALISE_MS);
  try {
    await canonize(quads, {
      algorithm: 'RDFC-1.0', canonicalIdMap: canonicalIds, maxWorkFactor: MAX_WORK_FACTOR, signal: controller.signal,
    });
  } catch (error) {
    throw new InvalidInputError(`The blank nodes of <${iri}> are too complex to canonicalise: ${(error as Error).message}`, { record: iri });
  } finally {
    clearTimeout(timer);
  }
  const key = blankNodeKey(iri);
  const rename = (node: RDF.BlankNode): RDF.BlankNode => {
    const canonical = canonicalIds.get(node.value);
    if (canonical === undefined) throw new Error(`RDFC-1.0 issued no id for blank node ${node.value}`);
    return DataFactory.blankNode(`b${key}_${canonical.slice('c14n'.length)}`);
  };
  return quads.map((q) =>
    DataFactory.quad(
      q.subject.termType === 'BlankNode' ? rename(q.subject) : q.subject,
      q.predicate,
      q.object.termType === 'BlankNode' ? rename(q.object) : q.object,
      q.graph,
    ),
  );
}

/** 64 bits of the record IRI's hash: blank-node labels of two records collide with negligible odds. */
export function blankNodeKey(iri: string): string {
  return createHash('sha256').update(iri).digest('hex').slice(0, 16);
}

function typesOf(iri: string, quads: readonly RDF.Quad[]): string[] {
  const own = new Set<string>();
  const everySubject = new Set<string>();
  for (const q of quads) {
    if (q.predicate.value !== RDFNS.type || q.object.termType !== 'NamedNode') continue;
    if (q.subject.termType === 'NamedNode') everySubject.add(q.object.value);
    if (q.subject.value === iri) own.add(q.object.value);
  }
  return [...(own.size > 0 ? own : everySubject)];
}
