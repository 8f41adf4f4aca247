import type * as RDF from '@rdfjs/types';
import { RDF as RDFNS, XSD } from '../vocab/vocabularies.js';

type Value = Readonly<Record<string, string>>;
interface NodeObject {
  '@id': string;
  '@type'?: string[];
  '@graph'?: NodeObject[];
  [property: string]: string | string[] | Value[] | NodeObject[] | undefined;
}

/** A local name that can follow a prefix in a compact IRI with no second reading. */
const SAFE_LOCAL = /^[A-Za-z_][\w.-]*$/;

/**
 * Quads as a flattened JSON-LD document: one node object per subject and graph, named graphs as
 * `@graph` of their node, properties and types shortened with `prefixes` (declared as its
 * `@context`), node IRIs written out in full. Literals keep their exact lexical form. Linear in
 * the quads: jsonld.js's fromRDF and compact took 0.3 to 0.7 s for a 250-member LDES fragment,
 * all of it on the event loop; this takes milliseconds.
 */
export function toJsonLd(quads: Iterable<RDF.Quad>, prefixes: Readonly<Record<string, string>>): object {
  const shorten = shortener(prefixes);
  const graphs = new Map<string, Map<string, NodeObject>>();
  const nodeIn = (graph: Map<string, NodeObject>, id: string): NodeObject => {
    let node = graph.get(id);
    if (node === undefined) graph.set(id, node = { '@id': id });
    return node;
  };
  for (const quad of quads) {
    const graphId = quad.graph.termType === 'DefaultGraph' ? '' : idOf(quad.graph);
    let graph = graphs.get(graphId);
    if (graph === undefined) graphs.set(graphId, graph = new Map<string, NodeObject>());
    const node = nodeIn(graph, idOf(quad.subject));
    if (quad.predicate.value === RDFNS.type && quad.object.termType !== 'Literal') {
      (node['@type'] ??= []).push(quad.object.termType === 'NamedNode' ? shorten(quad.object.value) : idOf(quad.object));
      continue;
    }
    const key = shorten(quad.predicate.value);
    const values = (node[key] ??= []) as Value[];
    values.push(valueOf(quad.object, shorten));
  }
  const top = graphs.get('') ?? new Map<string, NodeObject>();
  for (const [graphId, nodes] of graphs) {
    if (graphId !== '') nodeIn(top, graphId)['@graph'] = [...nodes.values()];
  }
  return { '@context': { ...prefixes }, '@graph': [...top.values()] };
}

function idOf(term: RDF.Term): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.value;
}

function valueOf(term: RDF.Term, shorten: (iri: string) => string): Value {
  if (term.termType !== 'Literal') return { '@id': idOf(term) };
  if (term.language !== '') return { '@value': term.value, '@language': term.language };
  if (term.datatype.value === XSD.string) return { '@value': term.value };
  return { '@value': term.value, '@type': shorten(term.datatype.value) };
}

/** `prefix:local` for IRIs under a prefix whose rest is a plain name; the IRI itself otherwise. */
function shortener(prefixes: Readonly<Record<string, string>>): (iri: string) => string {
  const entries = Object.entries(prefixes).sort(([, a], [, b]) => b.length - a.length);
  return (iri) => {
    for (const [prefix, base] of entries) {
      if (iri.startsWith(base) && SAFE_LOCAL.test(iri.slice(base.length))) return `${prefix}:${iri.slice(base.length)}`;
    }
    return iri;
  };
}
