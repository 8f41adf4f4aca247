import type * as RDF from '@rdfjs/types';
import oxigraph from 'oxigraph';

/**
 * The RDF parsers we read with (N3.js, the RDF/XML and JSON-LD parsers) accept some IRIs and
 * language tags that oxigraph refuses, such as `<http://ex.org/%zz>` or `"x"@en_US`; one such
 * record would stop the SPARQL index from loading. Terms in these plain shapes are accepted
 * by oxigraph; anything else is checked by oxigraph itself.
 */
const PCT = '%[0-9A-Fa-f]{2}';
const REG_NAME = `(?:[A-Za-z0-9\\-._~!$&'()*+,;=]|${PCT})*`;
const PCHAR = `(?:[A-Za-z0-9\\-._~!$&'()*+,;=:@/]|${PCT})`;
// After `//` an authority must follow (host, optional numeric port); otherwise the path may not start with `//`.
const PLAIN_IRI = new RegExp(
  `^[A-Za-z][A-Za-z0-9+.\\-]*:(?://${REG_NAME}(?::[0-9]*)?(?:/${PCHAR}*)?|(?!//)${PCHAR}*)` +
  `(?:\\?(?:${PCHAR}|\\?)*)?(?:#(?:${PCHAR}|\\?)*)?$`,
);
const PLAIN_LANGUAGE = /^[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?$/;

/** Predicates, classes and datatypes repeat on every record: remember their verdicts (bounded). */
const verdicts = new Map<string, boolean>();
const MAX_REMEMBERED = 50_000;

function isPlainIri(iri: string): boolean {
  let verdict = verdicts.get(iri);
  if (verdict === undefined) {
    verdict = PLAIN_IRI.test(iri);
    if (verdicts.size >= MAX_REMEMBERED) verdicts.clear();
    verdicts.set(iri, verdict);
  }
  return verdict;
}

function isPlain(term: RDF.Term): boolean {
  switch (term.termType) {
    case 'NamedNode':
      return isPlainIri(term.value);
    case 'Literal':
      return term.language === '' ? isPlainIri(term.datatype.value) : PLAIN_LANGUAGE.test(term.language);
    default:
      return true;
  }
}

/** Why oxigraph refuses a string as an IRI (a bad percent escape, a space), or undefined when it takes it. */
export function iriObjection(iri: string): string | undefined {
  if (isPlainIri(iri)) return undefined;
  try {
    oxigraph.namedNode(iri);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** True when every term is in a shape oxigraph certainly accepts. */
export function allTermsPlain(quads: readonly RDF.Quad[]): boolean {
  return quads.every((q) => isPlain(q.subject) && isPlain(q.predicate) && isPlain(q.object) && isPlain(q.graph));
}

/** Oxigraph's objection to N-Quads text, or undefined when it reads it. */
export function engineObjection(nquads: string): string | undefined {
  try {
    oxigraph.parse(nquads, { format: 'application/n-quads' });
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^Parser error at line \d+ (?:between columns \d+ and \d+|column \d+): /, '');
  }
}
