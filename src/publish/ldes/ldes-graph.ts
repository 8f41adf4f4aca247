import type * as RDF from '@rdfjs/types';
import { DataFactory } from 'n3';
import { nquadsStatements, type LineTerm } from '../../rdf/nquads-statements.js';
import { AS, DCTERMS, LDES, PROV, RDF as RDFNS, SCHEMA, TREE, XSD } from '../../vocab/vocabularies.js';
import { ldesFragmentUrl, ldesMemberIri, ldesStreamIri, ldesViewUrl } from '../publication-urls.js';
import type { LdesFragment } from './ldes-fragment.js';
import type { LdesMember } from './ldes-members.js';

const namedNode = DataFactory.namedNode.bind(DataFactory);
const literal = DataFactory.literal.bind(DataFactory);
const blankNode = DataFactory.blankNode.bind(DataFactory);
const quad = DataFactory.quad.bind(DataFactory);

/** Seconds a client should wait between polls of the open fragment; also its max-age. */
export const POLLING_INTERVAL = 60;

/** Prefixes for the serialisations that have them. */
export const LDES_PREFIXES: Readonly<Record<string, string>> = {
  ldes: LDES.$base, tree: TREE.$base, dcterms: DCTERMS.$base, prov: PROV.$base, as: AS.$base, schema: SCHEMA.$base, xsd: XSD.$base,
  rdf: RDFNS.$base,
};

/**
 * The root node: the event stream, how to read its members, and a relation to the first
 * fragment. Members are versions (`dcterms:isVersionOf` the record, `prov:generatedAtTime` the
 * change's time, `schema:position` its change-log sequence number, which orders members of one
 * time) whose content is the named graph of the member's IRI; a tombstone is typed `as:Delete`
 * (`ldes:versionDeletePath rdf:type`, `ldes:versionDeleteObject as:Delete`).
 */
export function rootQuads(base: string, dataset: string, restriction = ''): RDF.Quad[] {
  const view = namedNode(ldesViewUrl(base, dataset));
  const relation = blankNode('first');
  return [
    ...streamQuads(base, dataset),
    quad(view, namedNode(RDFNS.type), namedNode(TREE.Node)),
    quad(view, namedNode(TREE.relation), relation),
    quad(relation, namedNode(RDFNS.type), namedNode(TREE.Relation)),
    quad(relation, namedNode(TREE.node), namedNode(ldesFragmentUrl(base, dataset, 0, restriction))),
  ];
}

/**
 * How a version's content is written: as the named graph of the member (TriG, JSON-LD,
 * N-Quads), or, where the syntax has no named graphs (Turtle), as a version object: the record's
 * statements with the record's IRI, and the IRIs of its `#` nodes, rewritten to the member's
 * (`{record}#vervaardiging` becomes `{member}#vervaardiging`), so versions never share a node.
 */
export type MemberForm = 'graph' | 'object';

/** A fragment: its members, and when it is closed, the relation to the next one and `ldes:immutable`. */
export function fragmentQuads(base: string, dataset: string, fragment: LdesFragment, form: MemberForm = 'graph', restriction = ''): RDF.Quad[] {
  const node = namedNode(ldesFragmentUrl(base, dataset, fragment.after, restriction));
  const quads = [...streamQuads(base, dataset), quad(node, namedNode(RDFNS.type), namedNode(TREE.Node))];
  if (fragment.next !== undefined) {
    const relation = blankNode('next');
    quads.push(
      quad(node, namedNode(LDES.immutable), literal('true', namedNode(XSD.boolean))),
      quad(node, namedNode(TREE.relation), relation),
      quad(relation, namedNode(RDFNS.type), namedNode(TREE.GreaterThanOrEqualToRelation)),
      quad(relation, namedNode(TREE.path), namedNode(PROV.generatedAtTime)),
      quad(relation, namedNode(TREE.value), literal(fragment.next.from, namedNode(XSD.dateTime))),
      quad(relation, namedNode(TREE.node), namedNode(ldesFragmentUrl(base, dataset, fragment.next.after, restriction))),
    );
  }
  const stream = namedNode(ldesStreamIri(base, dataset));
  for (const member of fragment.members) {
    const iri = namedNode(ldesMemberIri(base, dataset, member.seq));
    quads.push(quad(stream, namedNode(TREE.member), iri), ...memberQuads(iri, member, form));
  }
  return quads;
}

/**
 * What every node says of the stream, so a client that starts at any fragment can read its
 * members: among it the stream's `tree:view`, its root, from which a client starts over (TREE,
 * "Initialization").
 */
function streamQuads(base: string, dataset: string): RDF.Quad[] {
  const stream = namedNode(ldesStreamIri(base, dataset));
  return [
    quad(stream, namedNode(RDFNS.type), namedNode(LDES.EventStream)),
    quad(stream, namedNode(TREE.view), namedNode(ldesViewUrl(base, dataset))),
    quad(stream, namedNode(LDES.timestampPath), namedNode(PROV.generatedAtTime)),
    quad(stream, namedNode(LDES.sequencePath), namedNode(SCHEMA.position)),
    quad(stream, namedNode(LDES.versionOfPath), namedNode(DCTERMS.isVersionOf)),
    quad(stream, namedNode(LDES.versionDeletePath), namedNode(RDFNS.type)),
    quad(stream, namedNode(LDES.versionDeleteObject), namedNode(AS.Delete)),
    quad(stream, namedNode(LDES.pollingInterval), literal(String(POLLING_INTERVAL), namedNode(XSD.integer))),
  ];
}

function memberQuads(iri: RDF.NamedNode, member: LdesMember, form: MemberForm): RDF.Quad[] {
  const quads = [
    quad(iri, namedNode(DCTERMS.isVersionOf), namedNode(member.record)),
    quad(iri, namedNode(PROV.generatedAtTime), literal(member.at, namedNode(XSD.dateTime))),
    quad(iri, namedNode(SCHEMA.position), literal(String(member.seq), namedNode(XSD.integer))),
  ];
  if (member.kind === 'tombstone') {
    quads.push(quad(iri, namedNode(RDFNS.type), namedNode(AS.Delete)));
    return quads;
  }
  // The record's graph becomes the member's graph (or, as a version object, the member's own
  // statements). Its blank nodes get the entry's number, so two versions of one record in one
  // document are not read as sharing nodes.
  const suffix = `_m${member.seq}`;
  const own = `${member.record}#`;
  const rename = (value: string): string => {
    if (form === 'graph') return value;
    if (value === member.record) return iri.value;
    return value.startsWith(own) ? `${iri.value}#${value.slice(own.length)}` : value;
  };
  const term = (t: LineTerm): RDF.Quad_Object => {
    if (t.termType === 'NamedNode') return namedNode(rename(t.value));
    if (t.termType === 'BlankNode') return blankNode(t.value + suffix);
    return literal(t.value, t.language !== '' ? t.language : namedNode(t.datatype));
  };
  const graph = form === 'graph' ? iri : DataFactory.defaultGraph();
  for (const statement of nquadsStatements(member.nquads)) {
    quads.push(quad(term(statement.subject) as RDF.Quad_Subject, namedNode(statement.predicate.value), term(statement.object), graph));
  }
  return quads;
}
