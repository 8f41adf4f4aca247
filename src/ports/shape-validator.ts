import type * as RDF from '@rdfjs/types';

/** One problem SHACL found, in terms a data steward can act on. */
export interface ValidationIssue {
  /** The node the shape was checked on: an IRI, or `_:label` for a blank node. */
  readonly focusNode: string;
  /** The property path, as an IRI or a SPARQL property path (`^<p>`, `<p>/<q>`), when there is one. */
  readonly path?: string;
  /** The offending value in N-Triples form (`"1914"`, `<http://…>`), when there is one. */
  readonly value?: string;
  /** A human message: the shape's sh:message, or one built from the constraint. */
  readonly message: string;
  readonly severity: 'violation' | 'warning' | 'info';
  /** IRI of the sh:sourceConstraintComponent, e.g. sh:MinCountConstraintComponent. */
  readonly constraint: string;
  /** The shape that raised it (IRI, or `_:label`). */
  readonly shape: string;
}

export interface ValidationOutcome {
  /** False when any issue has severity `violation`. */
  readonly conforms: boolean;
  readonly issues: readonly ValidationIssue[];
}

/**
 * Validates one record against one shapes profile (see shapes/). An implementation loads its
 * shapes once and is reused for every record; it adds the inferred triples the profile needs
 * (for OSLO Cultureel Erfgoed: CIDOC-CRM superclasses and inverse properties) before validating.
 * It never changes the record it is given.
 *
 * `context` holds triples about other nodes the shapes may need to look at, typically the
 * `rdf:type` of other records the record refers to (an object's maker, its keeper): SHACL checks
 * the class of a value, and that class is stated in the other record. Context is read, never
 * validated: issues whose focus node is not a subject of the record itself are dropped.
 */
export interface ShapeValidator {
  /** The profile's name, e.g. `cultureel-erfgoed`. */
  readonly profile: string;
  validate(quads: readonly RDF.Quad[], context?: readonly RDF.Quad[]): Promise<ValidationOutcome>;
}
