import type * as RDF from '@rdfjs/types';
import { RDF as RDFNS } from '../../vocab/vocabularies.js';

/** A record the mapping produced: its IRI and everything that belongs to it. */
export interface MappedRecord {
  readonly iri: string;
  readonly quads: readonly RDF.Quad[];
  /** The `rdf:type` triples of the other records of the item this record refers to: validation context, not content. */
  readonly referenced: readonly RDF.Quad[];
}

/**
 * Splits a mapping's output into records. Every IRI subject typed with one of `recordTypes`
 * is a record, unless another record refers to it and it says nothing but its type (a
 * reference, described elsewhere). A record holds its own triples and, following objects, its blank nodes and the
 * descriptions of other non-record IRIs it refers to (a concept's label, a place's name); a
 * part two records share is copied into both. A node that nothing reaches but that refers to
 * a part of exactly one record (an OSLO Rol pointing at a production) belongs to that record
 * too. Subjects no record takes are returned as `unreached`. Each record also carries the types
 * of the other records it refers to, for validation.
 */
export function splitRecords(quads: readonly RDF.Quad[], recordTypes: ReadonlySet<string>): { records: MappedRecord[]; unreached: string[] } {
  const bySubject = new Map<string, RDF.Quad[]>();
  const typed = new Set<string>();
  for (const q of quads) {
    const key = termKey(q.subject);
    const list = bySubject.get(key);
    if (list) list.push(q);
    else bySubject.set(key, [q]);
    if (q.subject.termType === 'NamedNode' && q.predicate.value === RDFNS.type && recordTypes.has(q.object.value)) typed.add(key);
  }
  // A reference that only gives the type of what it refers to (`{"@id": …, "@type": "Set"}`)
  // is no description of its own: as a record it would replace the stored one with a bare
  // type. It stays part of the records that refer to it.
  const referred = new Set<string>();
  for (const q of quads) if (q.object.termType === 'NamedNode' && typed.has(termKey(q.object)) && termKey(q.subject) !== termKey(q.object)) referred.add(termKey(q.object));
  const roots = [...typed].filter((key) => !referred.has(key) || (bySubject.get(key) ?? []).some((q) => q.predicate.value !== RDFNS.type));
  const rootSet = new Set(roots);
  const members = roots.map((root) => new Set<string>([root]));
  const claimed = new Set<string>(roots);

  /** Adds `start` and what it reaches (stopping at other records) to a record's members. */
  const take = (record: Set<string>, start: string): void => {
    const queue = [start];
    record.add(start);
    claimed.add(start);
    while (queue.length > 0) {
      for (const q of bySubject.get(queue.pop() ?? '') ?? []) {
        const target = termKey(q.object);
        if (q.object.termType === 'Literal' || record.has(target) || rootSet.has(target) || !bySubject.has(target)) continue;
        record.add(target);
        claimed.add(target);
        queue.push(target);
      }
    }
  };
  roots.forEach((root, i) => {
    const record = members[i];
    if (record) take(record, root);
  });
  // Nodes that only point into a record: attach each to the one record whose parts it refers to.
  for (let changed = true; changed;) {
    changed = false;
    for (const key of bySubject.keys()) {
      if (claimed.has(key)) continue;
      const targets = (bySubject.get(key) ?? []).filter((q) => q.object.termType !== 'Literal').map((q) => termKey(q.object)).filter((t) => !rootSet.has(t));
      const owners = members.filter((record) => targets.some((t) => record.has(t)));
      const owner = owners[0];
      if (owners.length === 1 && owner) {
        take(owner, key);
        changed = true;
      }
    }
  }
  const records = roots.map((root, i): MappedRecord => {
    const own = [...(members[i] ?? [])].flatMap((key) => bySubject.get(key) ?? []);
    const others = new Set(own.map((q) => termKey(q.object)).filter((key) => key !== root && rootSet.has(key)));
    return {
      iri: root.slice(2),
      quads: own,
      referenced: [...others].flatMap((key) => (bySubject.get(key) ?? []).filter((q) => q.predicate.value === RDFNS.type)),
    };
  });
  const unreached = [...bySubject.keys()].filter((key) => !claimed.has(key)).map((key) => (key.startsWith('I:') ? key.slice(2) : `_:${key.slice(2)}`));
  return { records, unreached };
}

function termKey(term: RDF.Term): string {
  return `${term.termType === 'BlankNode' ? 'B' : 'I'}:${term.value}`;
}
