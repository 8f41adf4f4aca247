import oxigraph from 'oxigraph';
import { nquadsStatements } from '../../rdf/nquads-statements.js';
import type { MetadataFormat, OaiRecord } from './metadata-format.js';
import { OAI_RDF, XSI_NAMESPACE } from './oai-vocab.js';
import { isXmlText } from './xml-text.js';

/**
 * A property IRI RDF/XML can write as an element: it must end in an XML name (NCName) to split
 * into namespace and local name; oxigraph's serialiser writes a broken element otherwise. (The
 * two zero-width joiners NCName also allows are left out: such IRIs are not written in RDF/XML.)
 */
const ENDS_IN_NCNAME = /[A-Za-z_\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD][A-Za-z0-9_.\-\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u203F\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]*$/;

const SCHEMA_LOCATION = ` xmlns:xsi="${XSI_NAMESPACE}" xsi:schemaLocation="${OAI_RDF.namespace} ${OAI_RDF.schema}"`;

/**
 * The record's own graph (its OSLO statements, as stored) in RDF/XML, serialised by oxigraph:
 * the `rdf:RDF` element itself, with the schema location OAI-PMH asks of a metadata part. A
 * record that RDF/XML cannot express (a property not ending in an XML name, a character XML
 * cannot carry) is not disseminated in this format.
 */
export const rdfFormat: MetadataFormat = {
  prefix: 'rdf',
  schema: OAI_RDF.schema,
  namespace: OAI_RDF.namespace,
  render: renderRdfXml,
  disseminates: expressibleInRdfXml,
};

export function renderRdfXml(record: OaiRecord): string | undefined {
  if (!expressibleInRdfXml(record)) return undefined;
  const store = new oxigraph.Store();
  store.load(record.nquads, { format: 'application/n-quads' });
  const document = store.dump({ format: 'application/rdf+xml', from_graph_name: oxigraph.namedNode(record.iri) });
  const start = document.indexOf('<rdf:RDF');
  if (start === -1) return undefined;
  const afterName = start + '<rdf:RDF'.length;
  return `<rdf:RDF${SCHEMA_LOCATION}${document.slice(afterName).trimEnd()}`;
}

/** Whether RDF/XML can hold every statement of the record. */
export function expressibleInRdfXml(record: OaiRecord): boolean {
  const checked = new Set<string>();
  for (const { subject, predicate, object } of nquadsStatements(record.nquads)) {
    if (!checked.has(predicate.value)) {
      if (!ENDS_IN_NCNAME.test(predicate.value) || !isXmlText(predicate.value)) return false;
      checked.add(predicate.value);
    }
    // Canonical N-Quads escape control characters, so the terms are checked as read.
    if (!isXmlText(subject.value) || !isXmlText(object.value)) return false;
  }
  return true;
}
