import type * as RDF from '@rdfjs/types';
import type { Store } from 'n3';
import { listMembers } from './rdf-list.js';
import { localName, toNodeId, toNTriples } from './term-text.js';
import { SH } from './vocabularies.js';

/** What a SHACL result says, as far as a message needs it. */
export interface ConstraintFacts {
  /** IRI of the sh:sourceConstraintComponent. */
  readonly component: string;
  readonly shape: RDF.Term;
  /** The path in short form (`<P102_has_title>`), when the shape has one. */
  readonly path: string | undefined;
  readonly value: RDF.Term | undefined;
}

/** The failing shape's constraint parameters, read from the shapes graph for a message. */
interface Parameters {
  /** The values of sh:<name>, comma-separated: IRIs as `<LocalName>`, literals by their text. */
  readonly text: (name: string) => string;
  readonly terms: (name: string) => RDF.Term[];
  /** The members of the RDF list sh:<name> points to. */
  readonly list: (name: string) => RDF.Term[];
  /** What a shape asks of a node, in a few words: `a <E55_Type>`, `a <string> literal`. */
  readonly describe: (shape: RDF.Term) => string;
}

type Compose = (facts: ConstraintFacts, p: Parameters) => string;

const MAX_LISTED = 8;

/** One English sentence per SHACL core constraint component, keyed by the component's local name. */
const MESSAGES: Readonly<Record<string, Compose>> = {
  MinCountConstraintComponent: (f, p) => `needs at least ${count(p.text('minCount'))} for ${pathOf(f)}`,
  MaxCountConstraintComponent: (f, p) => `allows at most ${count(p.text('maxCount'))} for ${pathOf(f)}`,
  ClassConstraintComponent: (f, p) => `${valueOf(f)} is not a ${p.text('class')}`,
  DatatypeConstraintComponent: (f, p) => `${valueOf(f)} is not a valid ${p.text('datatype')} literal`,
  NodeKindConstraintComponent: (f, p) => `${valueOf(f)} is not ${nodeKind(p.terms('nodeKind')[0]) ?? p.text('nodeKind')}`,
  OrConstraintComponent: (f, p) => `${valueOf(f)} is none of: ${listed(p.list('or').map(p.describe))}`,
  XoneConstraintComponent: (f, p) => `${valueOf(f)} matches none, or more than one, of: ${listed(p.list('xone').map(p.describe))}`,
  AndConstraintComponent: (f, p) => `${valueOf(f)} does not match all of: ${listed(p.list('and').map(p.describe))}`,
  NotConstraintComponent: (f, p) => `${valueOf(f)} must not be ${listed(p.terms('not').map(p.describe))}`,
  NodeConstraintComponent: (f, p) => `${valueOf(f)} is not ${listed(p.terms('node').map(p.describe))}`,
  InConstraintComponent: (f, p) => `${valueOf(f)} is not one of: ${listed(p.list('in').map(shortTerm))}`,
  HasValueConstraintComponent: (f, p) => `needs the value ${p.terms('hasValue').map(shortTerm).join(', ')} for ${pathOf(f)}`,
  PatternConstraintComponent: (f, p) => `${valueOf(f)} does not match the pattern ${p.text('pattern')}`,
  MinLengthConstraintComponent: (f, p) => `${valueOf(f)} is shorter than ${p.text('minLength')} characters`,
  MaxLengthConstraintComponent: (f, p) => `${valueOf(f)} is longer than ${p.text('maxLength')} characters`,
  LanguageInConstraintComponent: (f, p) => `${valueOf(f)} is in none of the languages ${listed(p.list('languageIn').map((t) => t.value))}`,
  UniqueLangConstraintComponent: (f) => `has more than one value in the same language for ${pathOf(f)}`,
  MinInclusiveConstraintComponent: (f, p) => `${valueOf(f)} is less than ${p.text('minInclusive')}`,
  MaxInclusiveConstraintComponent: (f, p) => `${valueOf(f)} is more than ${p.text('maxInclusive')}`,
  MinExclusiveConstraintComponent: (f, p) => `${valueOf(f)} is not more than ${p.text('minExclusive')}`,
  MaxExclusiveConstraintComponent: (f, p) => `${valueOf(f)} is not less than ${p.text('maxExclusive')}`,
  EqualsConstraintComponent: (f, p) => `the values of ${pathOf(f)} must equal those of ${p.text('equals')}`,
  DisjointConstraintComponent: (f, p) => `${valueOf(f)} must not also be a value of ${p.text('disjoint')}`,
  LessThanConstraintComponent: (f, p) => `${valueOf(f)} must be less than the values of ${p.text('lessThan')}`,
  LessThanOrEqualsConstraintComponent: (f, p) => `${valueOf(f)} must not be more than the values of ${p.text('lessThanOrEquals')}`,
  ClosedConstraintComponent: (f) => `the property ${pathOf(f)} is not allowed here (closed shape)`,
  QualifiedMinCountConstraintComponent: (f, p) =>
    `needs at least ${count(p.text('qualifiedMinCount'))} for ${pathOf(f)} that are ${listed(p.terms('qualifiedValueShape').map(p.describe))}`,
  QualifiedMaxCountConstraintComponent: (f, p) =>
    `allows at most ${count(p.text('qualifiedMaxCount'))} for ${pathOf(f)} that are ${listed(p.terms('qualifiedValueShape').map(p.describe))}`,
};

const NODE_KINDS: Readonly<Record<string, string>> = {
  [SH.IRI]: 'an IRI',
  [SH.BlankNode]: 'a blank node',
  [SH.Literal]: 'a literal',
  [SH.BlankNodeOrIRI]: 'an IRI or blank node',
  [SH.BlankNodeOrLiteral]: 'a blank node or literal',
  [SH.IRIOrLiteral]: 'an IRI or literal',
};

/**
 * A clear English message for a SHACL result whose shape has no sh:message, built from the
 * constraint's parameters: `needs at least 1 value for <P102_has_title>`,
 * `value "x" is not a <E55_Type>`.
 */
export function constraintMessage(facts: ConstraintFacts, shapes: Store): string {
  const parameters = shapeParameters(facts.shape, shapes);
  const compose = MESSAGES[localName(facts.component)];
  if (compose !== undefined) return compose(facts, parameters);
  const subject = facts.value === undefined ? '' : `${valueOf(facts)} `;
  return `${subject}does not satisfy <${localName(facts.component)}>`;
}

function shapeParameters(shape: RDF.Term, shapes: Store): Parameters {
  const terms = (name: string) => shapes.getObjects(shape, SH.$base + name, null);
  const parameters: Parameters = {
    terms,
    text: (name) => terms(name).map((t) => t.termType === 'Literal' ? t.value : shortTerm(t)).join(', ') || `(no sh:${name})`,
    list: (name) => terms(name).flatMap((list) => listMembers(list, shapes)),
    describe: (member) => describeShape(member, shapes),
  };
  return parameters;
}

/** What a shape asks in a few words when it asks one simple thing, else the shape's name. */
function describeShape(shape: RDF.Term, shapes: Store): string {
  const of = (name: string) => shapes.getObjects(shape, SH.$base + name, null);
  const classes = of('class');
  const datatypes = of('datatype');
  const kinds = of('nodeKind');
  const asked = [classes, datatypes, kinds].filter((found) => found.length > 0).length;
  if (asked === 1 && shapes.getObjects(shape, SH.path, null).length === 0) {
    if (classes.length > 0) return `a ${classes.map(shortTerm).join(' and ')}`;
    if (datatypes.length > 0) return `a ${datatypes.map(shortTerm).join(' and ')} literal`;
    return nodeKind(kinds[0]) ?? shortTerm(shape);
  }
  return shape.termType === 'NamedNode' ? `the shape <${localName(shape.value)}>` : `the shape ${toNodeId(shape)}`;
}

function nodeKind(kind: RDF.Term | undefined): string | undefined {
  return kind === undefined ? undefined : NODE_KINDS[kind.value];
}

function valueOf(facts: ConstraintFacts): string {
  return facts.value === undefined ? 'the node' : `value ${toNTriples(facts.value)}`;
}

function pathOf(facts: ConstraintFacts): string {
  return facts.path ?? 'this node';
}

function count(n: string): string {
  return `${n} value${n === '1' ? '' : 's'}`;
}

/** An IRI as `<LocalName>`, anything else in N-Triples form. */
function shortTerm(term: RDF.Term): string {
  return term.termType === 'NamedNode' ? `<${localName(term.value)}>` : toNTriples(term);
}

function listed(items: readonly string[]): string {
  return items.length > MAX_LISTED ? `${items.slice(0, MAX_LISTED).join(', ')} … (${items.length} in all)` : items.join(', ');
}
