import { nquadsStatements, type LineTerm } from '../../rdf/nquads-statements.js';

const NONE: readonly LineTerm[] = [];

/** A literal as a channel renders it: its text and its language tag ('' when untagged). */
export interface Text {
  readonly value: string;
  readonly language: string;
}

/**
 * The statements of one or more records (canonical N-Quads as the record store keeps them),
 * indexed by subject and property in one pass: what a mapper that walks a record's nodes needs.
 * Blank nodes are keyed `_:label`, named nodes by their IRI.
 */
export class RecordGraph {
  private readonly values = new Map<string, Map<string, LineTerm[]>>();

  constructor(...nquads: readonly string[]) {
    for (const text of nquads) this.add(text);
  }

  /** Adds the statements of another record (a linked record that gives context). */
  add(nquads: string): void {
    for (const { subject, predicate, object } of nquadsStatements(nquads)) {
      const key = subject.termType === 'BlankNode' ? `_:${subject.value}` : subject.value;
      let bySubject = this.values.get(key);
      if (bySubject === undefined) this.values.set(key, bySubject = new Map<string, LineTerm[]>());
      const list = bySubject.get(predicate.value);
      if (list === undefined) bySubject.set(predicate.value, [object]);
      else list.push(object);
    }
  }

  /** Whether anything is said about the node. */
  has(node: string): boolean {
    return this.values.has(node);
  }

  /** The values of `property` on `node` (a key as `nodeKey` makes it). */
  objects(node: string, property: string): readonly LineTerm[] {
    return this.values.get(node)?.get(property) ?? NONE;
  }

  /** The values of any of the properties, in the order the properties are given. */
  objectsOf(node: string, properties: readonly string[]): LineTerm[] {
    return properties.flatMap((property) => this.objects(node, property));
  }

  /** The nodes (IRIs and blank nodes, as keys) that `property` links `node` to. */
  nodes(node: string, ...properties: readonly string[]): string[] {
    return this.objectsOf(node, properties).filter((term) => term.termType !== 'Literal').map(nodeKey);
  }

  /** The IRIs `property` links `node` to. */
  iris(node: string, ...properties: readonly string[]): string[] {
    return this.objectsOf(node, properties).filter((term) => term.termType === 'NamedNode').map((term) => term.value);
  }

  /** The literals of the properties on `node`, each once. */
  texts(node: string, ...properties: readonly string[]): Text[] {
    const seen = new Set<string>();
    const texts: Text[] = [];
    for (const term of this.objectsOf(node, properties)) {
      if (term.termType !== 'Literal' || term.value.trim() === '') continue;
      const key = `${term.language}\u0000${term.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      texts.push({ value: term.value, language: term.language });
    }
    return texts;
  }

  /** The node's classes. */
  types(node: string): string[] {
    return this.iris(node, RDF_TYPE);
  }
}

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

/** The key `RecordGraph` files a term under. */
export function nodeKey(term: LineTerm): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.value;
}

/** Whether a key is a blank node's. */
export function isBlank(key: string): boolean {
  return key.startsWith('_:');
}
