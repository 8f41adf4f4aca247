import { nquadsStatements, type LineTerm } from './nquads-statements.js';

const NONE: readonly LineTerm[] = [];
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

/** A literal as a channel renders it: its text and its language tag ('' when untagged). */
export interface Text {
  readonly value: string;
  readonly language: string;
}

/** A node: a term, or its key as `nodeKey` makes it (an IRI, or `_:label` for a blank node). */
export type Node = LineTerm | string;

/**
 * The statements of one or more records (canonical N-Quads as the record store keeps them),
 * indexed by subject and property in one pass: what a crosswalk that walks a record's nodes
 * (the OAI Dublin Core, the Europeana EDM) needs.
 */
export class RecordGraph {
  private readonly values = new Map<string, Map<string, LineTerm[]>>();

  constructor(...nquads: readonly string[]) {
    for (const text of nquads) this.add(text);
  }

  /** Adds the statements of another record (a linked record that gives context). */
  add(nquads: string): void {
    for (const { subject, predicate, object } of nquadsStatements(nquads)) {
      const key = nodeKey(subject);
      let bySubject = this.values.get(key);
      if (bySubject === undefined) this.values.set(key, bySubject = new Map<string, LineTerm[]>());
      const list = bySubject.get(predicate.value);
      if (list === undefined) bySubject.set(predicate.value, [object]);
      else list.push(object);
    }
  }

  /** The values of the properties on `node`, in the order the properties are given. */
  objects(node: Node, ...properties: readonly string[]): LineTerm[] {
    const bySubject = this.values.get(typeof node === 'string' ? node : nodeKey(node));
    if (bySubject === undefined) return [];
    return properties.flatMap((property) => bySubject.get(property) ?? NONE);
  }

  /** The nodes (IRIs and blank nodes, as keys) that the properties link `node` to. */
  nodes(node: Node, ...properties: readonly string[]): string[] {
    return this.objects(node, ...properties).filter((term) => term.termType !== 'Literal').map(nodeKey);
  }

  /** The IRIs the properties link `node` to. */
  iris(node: Node, ...properties: readonly string[]): string[] {
    return this.objects(node, ...properties).filter((term) => term.termType === 'NamedNode').map((term) => term.value);
  }

  /** The non-empty literals of the properties on `node`, each once. */
  texts(node: Node, ...properties: readonly string[]): Text[] {
    const seen = new Set<string>();
    const texts: Text[] = [];
    for (const term of this.objects(node, ...properties)) {
      if (term.termType !== 'Literal' || term.value.trim() === '') continue;
      const key = `${term.language}\u0000${term.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      texts.push({ value: term.value, language: term.language });
    }
    return texts;
  }

  /** The node's classes. */
  types(node: Node): string[] {
    return this.iris(node, RDF_TYPE);
  }
}

/** The key `RecordGraph` files a term under. */
export function nodeKey(term: LineTerm): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.value;
}

/** Whether a key is a blank node's. */
export function isBlank(key: string): boolean {
  return key.startsWith('_:');
}
