import type * as RDF from '@rdfjs/types';
import { termKey } from './term-text.js';

/**
 * The data graph of one record's validation: an RDF/JS DatasetCore made for a hundred-odd quads
 * that are added once and then only matched. Where the general-purpose dataset keeps three
 * nested indexes of term ids, this keeps the quads in a list and, once something is matched,
 * one map per subject, predicate and object, answering `match` from the shortest of them. Match results are plain
 * lists (QuadList), which is all rdf-validate-shacl and clownface do with them: iterate, count,
 * match again.
 */
export class RecordDataset implements RDF.DatasetCore {
  private readonly quads: RDF.Quad[] = [];
  private readonly keys = new Set<string>();
  private readonly bySubject = new Map<string, RDF.Quad[]>();
  private readonly byPredicate = new Map<string, RDF.Quad[]>();
  private readonly byObject = new Map<string, RDF.Quad[]>();
  private indexed = false;

  constructor(quads: Iterable<RDF.Quad> = []) {
    for (const quad of quads) this.add(quad);
  }

  get size(): number {
    return this.quads.length;
  }

  add(quad: RDF.Quad): this {
    const subject = termKey(quad.subject);
    const object = termKey(quad.object);
    const key = `${subject} ${quad.predicate.value} ${object} ${termKey(quad.graph)}`;
    if (this.keys.has(key)) return this;
    this.keys.add(key);
    this.quads.push(quad);
    if (this.indexed) this.index(quad);
    return this;
  }

  /** Not used by validation; supported by rebuilding, so the dataset stays a correct DatasetCore. */
  delete(quad: RDF.Quad): this {
    if (!this.has(quad)) return this;
    const rest = this.quads.filter((q) => !q.equals(quad));
    this.quads.length = 0;
    this.keys.clear();
    this.bySubject.clear();
    this.byPredicate.clear();
    this.byObject.clear();
    this.indexed = false;
    for (const q of rest) this.add(q);
    return this;
  }

  has(quad: RDF.Quad): boolean {
    return this.keys.has(`${termKey(quad.subject)} ${quad.predicate.value} ${termKey(quad.object)} ${termKey(quad.graph)}`);
  }

  match(subject?: RDF.Term | null, predicate?: RDF.Term | null, object?: RDF.Term | null, graph?: RDF.Term | null): QuadList {
    if (!this.indexed) {
      // Built on the first match: the accelerated validator answers most questions from its
      // RecordIndex, so many records are never matched at all.
      this.indexed = true;
      for (const quad of this.quads) this.index(quad);
    }
    let candidates: readonly RDF.Quad[] = this.quads;
    if (subject) candidates = shorter(candidates, this.bySubject.get(termKey(subject)));
    if (predicate) candidates = shorter(candidates, this.byPredicate.get(predicate.value));
    if (object) candidates = shorter(candidates, this.byObject.get(termKey(object)));
    return new QuadList(candidates.filter((q) => matches(q, subject, predicate, object, graph)));
  }

  [Symbol.iterator](): Iterator<RDF.Quad> {
    return this.quads[Symbol.iterator]();
  }

  private index(quad: RDF.Quad): void {
    push(this.bySubject, termKey(quad.subject), quad);
    push(this.byPredicate, quad.predicate.value, quad);
    push(this.byObject, termKey(quad.object), quad);
  }
}

/** A match result: the matching quads, themselves a DatasetCore (without duplicates by construction). */
export class QuadList implements RDF.DatasetCore {
  constructor(private readonly quads: RDF.Quad[]) {}

  get size(): number {
    return this.quads.length;
  }

  add(quad: RDF.Quad): this {
    if (!this.has(quad)) this.quads.push(quad);
    return this;
  }

  delete(quad: RDF.Quad): this {
    const at = this.quads.findIndex((q) => q.equals(quad));
    if (at >= 0) this.quads.splice(at, 1);
    return this;
  }

  has(quad: RDF.Quad): boolean {
    return this.quads.some((q) => q.equals(quad));
  }

  match(subject?: RDF.Term | null, predicate?: RDF.Term | null, object?: RDF.Term | null, graph?: RDF.Term | null): QuadList {
    return new QuadList(this.quads.filter((q) => matches(q, subject, predicate, object, graph)));
  }

  [Symbol.iterator](): Iterator<RDF.Quad> {
    return this.quads[Symbol.iterator]();
  }
}

/** Empty when a term is given but indexes nothing; else the shorter list. */
function shorter(current: readonly RDF.Quad[], indexed: readonly RDF.Quad[] | undefined): readonly RDF.Quad[] {
  if (indexed === undefined) return [];
  return indexed.length < current.length ? indexed : current;
}

function matches(quad: RDF.Quad, subject?: RDF.Term | null, predicate?: RDF.Term | null, object?: RDF.Term | null, graph?: RDF.Term | null): boolean {
  return (!subject || quad.subject.equals(subject))
    && (!predicate || quad.predicate.equals(predicate))
    && (!object || quad.object.equals(object))
    && (!graph || quad.graph.equals(graph));
}

function push(index: Map<string, RDF.Quad[]>, key: string, quad: RDF.Quad): void {
  const list = index.get(key);
  if (list === undefined) index.set(key, [quad]);
  else list.push(quad);
}
