/** Serialises RDF terms as N-Triples text (W3C RDF 1.1 N-Triples, canonical escapes). */

/** Spaces, control characters and any of < > " { } | ^ ` \ (negated class: no control characters in the pattern). */
const FORBIDDEN_IN_IRI = /[^\u0021-\u{10FFFF}]|[<>"{}|^`\\]/u;

/** `<iri>`; throws on characters N-Triples does not allow inside an IRI reference. */
export function iri(value: string): string {
  if (FORBIDDEN_IN_IRI.test(value)) throw new Error(`Not an N-Triples IRI: ${JSON.stringify(value)}`);
  return `<${value}>`;
}

/** A language-tagged string, e.g. `"Gent"@nl`. */
export function langLiteral(value: string, lang: string): string {
  return `"${escapeString(value)}"@${lang}`;
}

/** A typed literal, e.g. `"1885"^^<http://www.w3.org/2001/XMLSchema#gYear>`. */
export function typedLiteral(value: string, datatype: string): string {
  return `"${escapeString(value)}"^^${iri(datatype)}`;
}

/** One statement line, ending in a newline. */
export function triple(subject: string, predicate: string, object: string): string {
  return `${subject} ${predicate} ${object} .\n`;
}

/** Escapes exactly what STRING_LITERAL_QUOTE forbids raw: `"`, `\\`, line feed and carriage return. */
function escapeString(value: string): string {
  return value.replace(/["\\\n\r]/g, (c) => ESCAPES[c] ?? c);
}

const ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r' };
