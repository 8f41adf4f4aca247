import type * as RDF from '@rdfjs/types';
import { RDF as RDFNS } from '../vocab/vocabularies.js';
import { termKey } from './term-text.js';
import { RDFS_SCHEMA } from './vocabularies.js';

const NONE: readonly RDF.Term[] = [];

/**
 * One record's data graph indexed in a single pass, for the accelerated validator: a node's
 * types, a class's instances, and a node's values per property. Cached per dataset object, so
 * the dataset must not change while it is validated; the validator builds a fresh one per record.
 */
export class RecordIndex {
  private static readonly cache = new WeakMap<RDF.DatasetCore, RecordIndex>();

  /**
   * True when the data itself holds rdfs:subClassOf triples. SHACL then counts instances of
   * subclasses too, which this index does not follow: callers use the library's own code.
   */
  readonly followsSubClassOf: boolean = false;
  private readonly typesOf = new Map<string, Set<string>>();
  private readonly instances = new Map<string, RDF.Term[]>();
  private readonly values = new Map<string, Map<string, RDF.Term[]>>();

  private constructor(dataset: RDF.DatasetCore) {
    for (const { subject, predicate, object } of dataset) {
      const key = termKey(subject);
      let bySubject = this.values.get(key);
      if (bySubject === undefined) this.values.set(key, bySubject = new Map<string, RDF.Term[]>());
      const list = bySubject.get(predicate.value);
      // A dataset holds each triple once, so the lists need no deduplication.
      if (list === undefined) bySubject.set(predicate.value, [object]);
      else list.push(object);
      if (predicate.value === RDFNS.type) this.addType(key, subject, object.value);
      else if (predicate.value === RDFS_SCHEMA.subClassOf) this.followsSubClassOf = true;
    }
  }

  /** The index of a dataset, built on first use. */
  static of(dataset: RDF.DatasetCore): RecordIndex {
    let index = RecordIndex.cache.get(dataset);
    if (index === undefined) {
      index = new RecordIndex(dataset);
      RecordIndex.cache.set(dataset, index);
    }
    return index;
  }

  /** Whether the data states `node rdf:type cls` (cls an IRI). */
  hasType(node: RDF.Term, cls: string): boolean {
    return this.typesOf.get(termKey(node))?.has(cls) ?? false;
  }

  /** The nodes the data types as `cls`, each once. */
  instancesOf(cls: string): readonly RDF.Term[] {
    return this.instances.get(cls) ?? NONE;
  }

  /** The values of `property` on `node`, each once. */
  objects(node: RDF.Term, property: string): readonly RDF.Term[] {
    return this.values.get(termKey(node))?.get(property) ?? NONE;
  }

  private addType(key: string, subject: RDF.Term, cls: string): void {
    let types = this.typesOf.get(key);
    if (types === undefined) this.typesOf.set(key, types = new Set<string>());
    types.add(cls);
    const members = this.instances.get(cls);
    if (members === undefined) this.instances.set(cls, [subject]);
    else members.push(subject);
  }
}
