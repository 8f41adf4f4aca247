/** Characters that may never appear in an IRI reference (RDF 1.1, SPARQL IRIREF). */
const FORBIDDEN = /[\s<>"{}|^`\\]/;

/** An absolute IRI: a scheme, a colon, and no forbidden characters. */
export function isAbsoluteIri(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) && !FORBIDDEN.test(value);
}
