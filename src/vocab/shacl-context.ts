import type * as RDF from '@rdfjs/types';
import { RDF as RDFNS, RDFS, SH } from './vocabularies.js';

/** One term of a JSON-LD context: a class (its IRI) or a property. */
export type ContextTerm = string | { readonly '@id': string; readonly '@type'?: string; readonly '@container'?: '@set' };

/** Terms an implementation model uses but its SHACL does not name, each with the reason. */
export interface ExtraTerm {
  readonly term: string;
  readonly definition: ContextTerm;
  readonly reason: string;
}

/** Datatypes a term does not impose: the value's own type (or language) is kept. */
const NOT_IMPOSED = new Set([RDFNS.langString, RDFS.Literal]);

/** Node kinds whose values are IRIs (or blank nodes). */
const RESOURCE_KINDS = new Set([SH.IRI, SH.BlankNodeOrIRI]);

/**
 * The JSON-LD context of an OSLO implementation model, derived from its SHACL the way OSLO
 * names terms: a class is the node shape's `rdfs:label` in UpperCamelCase (`Mensgemaakt Object`
 * → `MensgemaaktObject`), a property is `Class.name` with the property shape's `sh:name` in
 * lowerCamelCase (`beeldt uit` → `MensgemaaktObject.beeldtUit`).
 *
 * - A shape that targets several classes (its class and subclasses, for inherited properties)
 *   stands for the one that the fewest shapes target: `Activiteit` targets E7 and its subclasses
 *   E8, E12, ...; only E7 is no other shape's subclass target.
 * - A property is `@set` unless `sh:maxCount` is 1. Its values are IRIs (`@type: @id`) when the
 *   shape says they are resources: an `sh:class`, `sh:nodeKind` `sh:IRI` or `sh:BlankNodeOrIRI`,
 *   or an `sh:or` of shapes none of which is a datatype.
 * - A property's datatype is imposed (`@type`) only when it is one definite type. `rdf:langString`
 *   and `rdfs:Literal` are not: a plain string is then an `xsd:string` that validation reports,
 *   instead of a literal typed `rdf:langString` without a language, which is not RDF.
 *
 * Terms come sorted, so the same shapes always give the same file.
 */
export function contextFromShacl(quads: readonly RDF.Quad[], extra: readonly ExtraTerm[] = []): Record<string, ContextTerm> {
  const by = new Map<string, RDF.Quad[]>();
  for (const quad of quads) {
    const key = quad.subject.value;
    const list = by.get(key);
    if (list) list.push(quad);
    else by.set(key, [quad]);
  }
  const objects = (subject: RDF.Term, predicate: string): RDF.Term[] => (by.get(subject.value) ?? [])
    .filter((q) => q.subject.termType === subject.termType && q.predicate.value === predicate).map((q) => q.object);
  const first = (subject: RDF.Term, predicate: string): RDF.Term | undefined => objects(subject, predicate)[0];

  const nodeShapes = quads.filter((q) => q.predicate.value === RDFNS.type && q.object.value === SH.NodeShape).map((q) => q.subject)
    .filter((shape) => first(shape, RDFS.label) !== undefined && first(shape, SH.targetClass) !== undefined);
  const targetedBy = new Map<string, number>();
  for (const shape of nodeShapes) {
    for (const target of new Set(objects(shape, SH.targetClass).map((t) => t.value))) targetedBy.set(target, (targetedBy.get(target) ?? 0) + 1);
  }

  const terms = new Map<string, ContextTerm>();
  const define = (term: string, definition: ContextTerm): void => {
    const before = terms.get(term);
    if (before !== undefined && JSON.stringify(before) !== JSON.stringify(definition)) {
      throw new Error(`The shapes define ${term} twice, differently: ${JSON.stringify(before)} and ${JSON.stringify(definition)}`);
    }
    terms.set(term, definition);
  };
  for (const shape of nodeShapes) {
    const name = camelCase(first(shape, RDFS.label)?.value ?? '', true);
    const targets = [...new Set(objects(shape, SH.targetClass).map((t) => t.value))];
    const own = targets.reduce((best, target) => ((targetedBy.get(target) ?? 0) < (targetedBy.get(best) ?? 0) ? target : best));
    define(name, own);
    for (const property of objects(shape, SH.property)) {
      const label = first(property, SH.name)?.value;
      const path = first(property, SH.path);
      if (label === undefined || path?.termType !== 'NamedNode') continue;
      define(`${name}.${camelCase(label, false)}`, propertyTerm(path.value, property, objects, first));
    }
  }
  for (const { term, definition } of extra) define(term, definition);
  return Object.fromEntries([...terms.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function propertyTerm(
  path: string, shape: RDF.Term,
  objects: (subject: RDF.Term, predicate: string) => RDF.Term[], first: (subject: RDF.Term, predicate: string) => RDF.Term | undefined,
): ContextTerm {
  const many = first(shape, SH.maxCount)?.value !== '1';
  const datatype = first(shape, SH.datatype)?.value;
  const kind = first(shape, SH.nodeKind)?.value;
  const options = alternatives(first(shape, SH.or), objects);
  const resources = first(shape, SH.class) !== undefined || (kind !== undefined && RESOURCE_KINDS.has(kind))
    || (options.length > 0 && options.every((option) => first(option, SH.datatype) === undefined));
  const type = datatype !== undefined ? (NOT_IMPOSED.has(datatype) ? undefined : datatype) : resources ? '@id' : undefined;
  return { '@id': path, ...(type === undefined ? {} : { '@type': type }), ...(many ? { '@container': '@set' as const } : {}) };
}

/** The members of an RDF list (`sh:or`'s shapes). */
function alternatives(head: RDF.Term | undefined, objects: (subject: RDF.Term, predicate: string) => RDF.Term[]): RDF.Term[] {
  const members: RDF.Term[] = [];
  for (let node = head; node !== undefined && node.value !== RDFNS.nil && members.length < 1000;) {
    const member = objects(node, RDFNS.first)[0];
    if (member !== undefined) members.push(member);
    node = objects(node, RDFNS.rest)[0];
  }
  return members;
}

/** `Mensgemaakt Object` → `MensgemaaktObject` (upper) or `beeldt uit` → `beeldtUit`; other characters stay. */
export function camelCase(text: string, upper: boolean): string {
  return text.trim().split(/\s+/).filter((word) => word !== '')
    .map((word, i) => (i === 0 && !upper ? word.charAt(0).toLowerCase() : word.charAt(0).toUpperCase()) + word.slice(1)).join('');
}
