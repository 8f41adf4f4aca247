import type * as RDF from '@rdfjs/types';

/** The quads of one future record, before canonicalisation. */
export interface RecordDraft {
  readonly iri: string;
  readonly quads: readonly RDF.Quad[];
}

/**
 * Splits parsed RDF into records, as `load` defines them:
 * - each named graph (N-Quads, TriG) is one record named by the graph IRI;
 * - in the default graph, each IRI subject with its blank-node closure is one record named by
 *   the subject. A blank node two subjects share is copied into both records;
 * - blank-node structures no IRI subject reaches become records under a minted IRI.
 * Records come out in the order their subject or graph first appeared.
 */
export class RecordGrouper {
  private readonly byGraph = new Map<string, RDF.Quad[]>();
  private readonly byIriSubject = new Map<string, RDF.Quad[]>();
  private readonly byBlankSubject = new Map<string, RDF.Quad[]>();
  private count = 0;

  add(quad: RDF.Quad): void {
    this.count++;
    if (quad.graph.termType === 'NamedNode') {
      push(this.byGraph, quad.graph.value, quad);
    } else if (quad.subject.termType === 'NamedNode') {
      push(this.byIriSubject, quad.subject.value, quad);
    } else if (quad.subject.termType === 'BlankNode') {
      push(this.byBlankSubject, quad.subject.value, quad);
    }
  }

  /** Quads seen so far. */
  get quadCount(): number {
    return this.count;
  }

  /** The records; `orphanIri` names a blank-node structure no IRI subject reaches. */
  records(): { records: RecordDraft[]; orphans: RDF.Quad[][] } {
    const merged = new Map<string, RDF.Quad[]>(this.byGraph);
    const reached = new Set<string>();
    for (const [iri, quads] of this.byIriSubject) {
      const closure = [...quads, ...this.blankClosure(quads, reached)];
      const existing = merged.get(iri);
      merged.set(iri, existing ? [...existing, ...closure] : closure);
    }
    const orphans: RDF.Quad[][] = [];
    for (const label of this.byBlankSubject.keys()) {
      if (reached.has(label)) continue;
      const seed = this.byBlankSubject.get(label) ?? [];
      reached.add(label);
      orphans.push([...seed, ...this.blankClosure(seed, reached)]);
    }
    return { records: [...merged].map(([iri, quads]) => ({ iri, quads })), orphans };
  }

  /** Triples of the blank nodes reachable from `quads`, each blank node once per call. */
  private blankClosure(quads: readonly RDF.Quad[], reached: Set<string>): RDF.Quad[] {
    const out: RDF.Quad[] = [];
    const seen = new Set<string>();
    for (const q of quads) if (q.subject.termType === 'BlankNode') seen.add(q.subject.value);
    const queue = quads.filter((q) => q.object.termType === 'BlankNode').map((q) => q.object.value);
    while (queue.length > 0) {
      const label = queue.pop();
      if (label === undefined || seen.has(label)) continue;
      seen.add(label);
      reached.add(label);
      for (const q of this.byBlankSubject.get(label) ?? []) {
        out.push(q);
        if (q.object.termType === 'BlankNode') queue.push(q.object.value);
      }
    }
    return out;
  }
}

function push(map: Map<string, RDF.Quad[]>, key: string, quad: RDF.Quad): void {
  const list = map.get(key);
  if (list) list.push(quad);
  else map.set(key, [quad]);
}
