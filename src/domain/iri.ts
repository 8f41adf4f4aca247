/** Characters that may never appear in an IRI reference (RDF 1.1, SPARQL IRIREF). */
const FORBIDDEN = /[\s<>"{}|^`\\]/;

/** An absolute IRI: a scheme, a colon, and no forbidden characters. */
export function isAbsoluteIri(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) && !FORBIDDEN.test(value);
}

/** The document a hash IRI belongs to (`…/p` of `…/p#birth`); undefined for an IRI without a fragment. */
export function documentOf(iri: string): string | undefined {
  const hash = iri.indexOf('#');
  return hash > 0 ? iri.slice(0, hash) : undefined;
}
