import { InvalidInputError } from '../domain/errors.js';
import { isAbsoluteIri } from '../domain/iri.js';

/** An IRI as an N-Triples term; an IRI with characters RDF forbids is refused, naming it. */
export function iriTerm(iri: string): string {
  if (!isAbsoluteIri(iri)) throw new InvalidInputError(`"${iri}" is not an absolute IRI.`);
  return `<${iri}>`;
}

/** A literal as an N-Triples term, with a language tag or a datatype IRI. */
export function literalTerm(value: string, tag?: { language?: string; datatype?: string }): string {
  const text = `"${value.replace(/[\\"\n\r]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\${c}`))}"`;
  if (tag?.language) return `${text}@${tag.language}`;
  if (tag?.datatype) return `${text}^^${iriTerm(tag.datatype)}`;
  return text;
}
