import type * as RDF from '@rdfjs/types';
import { DataFactory } from 'n3';
import { RDF as RDFNS } from '../vocab/vocabularies.js';
import { OWL, RDFS_SCHEMA } from './vocabularies.js';

const TYPE = DataFactory.namedNode(RDFNS.type);

/**
 * The entailments a profile adds to a record before SHACL sees it, precomputed once from an
 * RDFS schema (for OSLO: the CIDOC-CRM RDFS). Two rules, both stated by the schema itself:
 * every `rdf:type` gets its transitive `rdfs:subClassOf` superclasses (RDFS rule rdfs9), and
 * every triple whose property has an `owl:inverseOf` gets its inverse triple, in both directions.
 *
 * Deliberately not applied: rdfs:subPropertyOf (no official example needs it, and it makes
 * values count twice under a superproperty) and rdfs:domain/range (they would type every value
 * of a CRM property, so an `sh:class` check on such a value could never fail).
 */
export class SchemaInference {
  /** Adds nothing: validation of the data as given. */
  static readonly none = new SchemaInference(new Map(), new Map());

  private constructor(
    private readonly superclasses: ReadonlyMap<string, readonly RDF.NamedNode[]>,
    private readonly inverses: ReadonlyMap<string, RDF.NamedNode>,
  ) {}

  /** Precomputes the superclass closure and the inverse map of a schema graph. */
  static fromQuads(schema: Iterable<RDF.Quad>): SchemaInference {
    const direct = new Map<string, string[]>();
    const inverses = new Map<string, RDF.NamedNode>();
    for (const { subject, predicate, object } of schema) {
      if (subject.termType !== 'NamedNode' || object.termType !== 'NamedNode') continue;
      if (predicate.value === RDFS_SCHEMA.subClassOf) {
        const supers = direct.get(subject.value);
        if (supers === undefined) direct.set(subject.value, [object.value]);
        else supers.push(object.value);
      } else if (predicate.value === OWL.inverseOf) {
        inverses.set(subject.value, object);
        inverses.set(object.value, subject);
      }
    }
    const superclasses = new Map<string, readonly RDF.NamedNode[]>();
    for (const cls of direct.keys()) {
      superclasses.set(cls, [...closure(cls, direct)].map((iri) => DataFactory.namedNode(iri)));
    }
    return new SchemaInference(superclasses, inverses);
  }

  /** True when the schema entails nothing (no subclass or inverse axioms). */
  get isEmpty(): boolean {
    return this.superclasses.size === 0 && this.inverses.size === 0;
  }

  /** The transitive superclasses of a class (never itself unless the schema has a cycle). */
  superclassesOf(classIri: string): readonly RDF.NamedNode[] {
    return this.superclasses.get(classIri) ?? [];
  }

  /** The property declared inverse of `propertyIri`, in either direction of owl:inverseOf. */
  inverseOf(propertyIri: string): RDF.NamedNode | undefined {
    return this.inverses.get(propertyIri);
  }

  /**
   * The triples the schema entails from `quads`, in the default graph. May repeat triples that
   * are already in `quads` (the caller puts both in one dataset, which drops duplicates).
   */
  infer(quads: readonly RDF.Quad[]): RDF.Quad[] {
    const inferred: RDF.Quad[] = [];
    for (const { subject, predicate, object } of quads) {
      if (predicate.value === TYPE.value) {
        for (const superclass of this.superclassesOf(object.value)) {
          inferred.push(DataFactory.quad(subject, TYPE, superclass));
        }
      }
      const inverse = this.inverses.get(predicate.value);
      if (inverse !== undefined && (object.termType === 'NamedNode' || object.termType === 'BlankNode')) {
        inferred.push(DataFactory.quad(object, inverse, subject));
      }
    }
    return inferred;
  }
}

/** Every class reachable from `start` over the direct superclass edges. */
function closure(start: string, direct: ReadonlyMap<string, readonly string[]>): Set<string> {
  const seen = new Set<string>();
  const pending = [...(direct.get(start) ?? [])];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (seen.has(next)) continue;
    seen.add(next);
    pending.push(...(direct.get(next) ?? []));
  }
  return seen;
}
