import type { Text } from '../../rdf/record-graph.js';

/** The values of `edm:type` Europeana knows (EDM.xsd, EdmType). */
export const EDM_TYPES = ['TEXT', 'IMAGE', 'SOUND', 'VIDEO', '3D'] as const;
export type EdmType = typeof EDM_TYPES[number];

/** A property value: a link (`rdf:resource`) or a literal (with `xml:lang` when tagged). */
export type EdmValue = { readonly resource: string } | Text;

/** One property of an EDM resource, by its qualified element name (`dc:title`). */
export interface EdmProperty {
  readonly element: string;
  readonly value: EdmValue;
}

/** The contextual classes of EDM this export writes. */
export type ContextualClass = 'edm:Agent' | 'edm:Place' | 'skos:Concept' | 'edm:TimeSpan';

/** An RDF/XML resource of the record: its class element, `rdf:about` and properties. */
export interface EdmResource {
  readonly element: ContextualClass | 'edm:ProvidedCHO' | 'ore:Aggregation' | 'edm:WebResource' | 'svcs:Service';
  readonly about: string;
  readonly properties: readonly EdmProperty[];
}

/** One heritage object as Europeana ingests it: a ProvidedCHO, its Aggregation and what they link. */
export interface EdmRecord {
  /** The record's IRI: the ProvidedCHO's `rdf:about`. */
  readonly iri: string;
  readonly type: EdmType;
  /** Why the record has its `edm:type`: the rule that decided (see docs/europeana.md). */
  readonly typeReason: string;
  readonly providedCho: EdmResource;
  readonly aggregation: EdmResource;
  readonly webResources: readonly EdmResource[];
  readonly services: readonly EdmResource[];
  readonly contextual: readonly EdmResource[];
}

export function isResource(value: EdmValue): value is { readonly resource: string } {
  return 'resource' in value;
}
