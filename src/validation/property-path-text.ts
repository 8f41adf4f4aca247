import type * as RDF from '@rdfjs/types';
import type { Store } from 'n3';
import { listMembers } from './rdf-list.js';
import { SH } from './vocabularies.js';

const MAX_DEPTH = 16;

/**
 * A SHACL property path in SPARQL property-path syntax: `<p>`, `^<p>`, `<p>/<q>`, `<p>|<q>`,
 * `<p>*`, `<p>+`, `<p>?`. `iri` formats each IRI (full `<…>` by default; messages use short
 * names). A blank node that is no valid path is shown as `_:label`.
 */
export function propertyPathText(path: RDF.Term, shapes: Store, iri: (value: string) => string = (value) => `<${value}>`): string {
  return render(path, shapes, iri, 'top', 0);
}

type Position = 'top' | 'sequence' | 'operand';

function render(path: RDF.Term, shapes: Store, iri: (value: string) => string, position: Position, depth: number): string {
  if (path.termType === 'NamedNode') return iri(path.value);
  if (path.termType !== 'BlankNode' || depth > MAX_DEPTH) return `_:${path.value}`;
  const one = (predicate: string) => shapes.getObjects(path, predicate, null)[0];
  const inner = (term: RDF.Term, at: Position) => render(term, shapes, iri, at, depth + 1);
  const inverse = one(SH.inversePath);
  if (inverse !== undefined) return `^${inner(inverse, 'operand')}`;
  for (const [predicate, modifier] of [[SH.zeroOrMorePath, '*'], [SH.oneOrMorePath, '+'], [SH.zeroOrOnePath, '?']] as const) {
    const operand = one(predicate);
    if (operand !== undefined) return `${inner(operand, 'operand')}${modifier}`;
  }
  const alternatives = one(SH.alternativePath);
  if (alternatives !== undefined) {
    const text = listMembers(alternatives, shapes).map((member) => inner(member, 'top')).join('|');
    return position === 'top' ? text : `(${text})`;
  }
  const steps = listMembers(path, shapes);
  if (steps.length > 0) {
    const text = steps.map((step) => inner(step, 'sequence')).join('/');
    return position === 'operand' ? `(${text})` : text;
  }
  return `_:${path.value}`;
}
