import type * as RDF from '@rdfjs/types';
import type { Store } from 'n3';
import { RDF_LIST } from './vocabularies.js';

/** Guards against a list that loops back on itself. */
const MAX_MEMBERS = 10_000;

/** The members of an RDF list in `graph`, in order; empty when `list` is not the head of one. */
export function listMembers(list: RDF.Term, graph: Store): RDF.Term[] {
  const members: RDF.Term[] = [];
  let node: RDF.Term | undefined = list;
  while (node !== undefined && node.value !== RDF_LIST.nil && members.length < MAX_MEMBERS) {
    const first: RDF.Term | undefined = graph.getObjects(node, RDF_LIST.first, null)[0];
    if (first === undefined) return [];
    members.push(first);
    node = graph.getObjects(node, RDF_LIST.rest, null)[0];
  }
  return members;
}
