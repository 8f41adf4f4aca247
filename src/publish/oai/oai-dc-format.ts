import type { LineTerm } from '../../rdf/nquads-statements.js';
import type { RecordKind } from '../../domain/record-kind.js';
import { DCTERMS, FOAF, OWL, RDF, RDFS, SCHEMA, SCHEMA_HTTP, SKOS } from '../../vocab/vocabularies.js';
import type { Label, MetadataFormat, OaiRecord } from './metadata-format.js';
import { RecordGraph } from '../../rdf/record-graph.js';
import { labelOf, namedNode, nodeLabels } from './record-graph.js';
import {
  ADMS, CRM_P, DC_ELEMENTS_NAMESPACE, DCTERMS_MORE, EDTFO, FOAF_MORE, OAI_DC, XSI_NAMESPACE,
} from './oai-vocab.js';
import { element } from './xml-text.js';

/** The DCMI Type a record kind stands for, where one fits. */
const DCMI_TYPES: Partial<Record<RecordKind, string>> = { object: 'PhysicalObject', production: 'Event', 'term-list': 'Collection' };

/** xs:language, which xml:lang must be. */
const LANGUAGE_TAG = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;

const OPEN = `<oai_dc:dc xmlns:oai_dc="${OAI_DC.namespace}" xmlns:dc="${DC_ELEMENTS_NAMESPACE}" xmlns:xsi="${XSI_NAMESPACE}" `
  + `xsi:schemaLocation="${OAI_DC.namespace} ${OAI_DC.schema}">`;

/**
 * Unqualified Dublin Core (`oai_dc`), which OAI-PMH requires, crosswalked from OSLO Cultureel
 * Erfgoed / CIDOC-CRM (and the SKOS, FOAF and schema.org of agents and concepts); see
 * docs/oai-pmh.md for the table. Every record can be disseminated in it.
 */
export const oaiDcFormat: MetadataFormat = {
  prefix: 'oai_dc',
  schema: OAI_DC.schema,
  namespace: OAI_DC.namespace,
  render: renderOaiDc,
  disseminates: () => true,
};

/** The record's oai_dc:dc element. */
export function renderOaiDc(record: OaiRecord): string {
  const graph = new RecordGraph(record.nquads);
  const root = namedNode(record.iri);
  /** Labels of a node: its own in this record, else its record's (when published), else its IRI. */
  const labels = (term: LineTerm): Label[] => {
    if (term.termType === 'Literal') return [labelOf(term)];
    const own = nodeLabels(graph, term);
    if (own.length > 0 || term.termType === 'BlankNode') return own;
    const linked = record.linked.labels(term.value);
    return linked.length > 0 ? [...linked] : [labelOf(term)];
  };
  const labelsOf = (terms: readonly LineTerm[]): Label[] => terms.flatMap(labels);
  const productions = graph.objects(root, CRM_P.P108i_was_produced_by);
  const ownRights = [
    ...graph.objects(root, DCTERMS_MORE.rights, DCTERMS_MORE.license),
    ...graph.objects(root, CRM_P.P104_is_subject_to).flatMap((right) => graph.objects(right, CRM_P.P2_has_type)),
  ].map(labelOf);

  const fields: Array<[string, Label[]]> = [
    ['title', titles(graph, root, labels)],
    ['creator', labelsOf([
      ...productions.flatMap((production) => graph.objects(production, CRM_P.P14_carried_out_by)),
      ...graph.objects(root, CRM_P.P14_carried_out_by, DCTERMS_MORE.creator),
    ])],
    ['subject', labelsOf(graph.objects(root, CRM_P.P62_depicts, CRM_P.P129_is_about, DCTERMS.subject))],
    ['description', labelsOf(graph.objects(root, CRM_P.P3_has_note, DCTERMS.description, SKOS.definition, SKOS.scopeNote, RDFS.comment))],
    ['publisher', [{ value: record.dataset.organisationName, language: '' }]],
    ['date', [
      ...productions.flatMap((production) => graph.objects(production, CRM_P['P4_has_time-span'])),
      ...graph.objects(root, CRM_P['P4_has_time-span']),
    ].flatMap((span) => timeSpan(graph, span)).concat(graph.objects(root, DCTERMS_MORE.created).map(labelOf))],
    ['type', [
      ...plain(DCMI_TYPES[record.kind]),
      ...graph.objects(root, RDF.type).map(labelOf),
      ...labelsOf([
        ...graph.objects(root, CRM_P.P41i_was_classified_by).flatMap((assignment) => graph.objects(assignment, CRM_P.P42_assigned)),
        ...graph.objects(root, CRM_P.P2_has_type, DCTERMS_MORE.type),
      ]),
    ]],
    ['format', labelsOf(graph.objects(root, CRM_P.P45_consists_of))],
    ['identifier', [
      labelOf(root),
      ...graph.objects(root, ADMS.identifier).flatMap((id) => (id.termType === 'Literal' ? [labelOf(id)] : graph.objects(id, SKOS.notation).map(labelOf))),
      ...graph.objects(root, SKOS.notation).map(labelOf),
    ]],
    ['language', graph.objects(root, DCTERMS.language).map(labelOf)],
    ['relation', graph.objects(root, OWL.sameAs, SKOS.exactMatch, SKOS.closeMatch, FOAF_MORE.homepage, FOAF_MORE.depiction).map(labelOf)],
    // The record's own rights, as the EDM record has them; the dataset's only when it states none.
    ['rights', ownRights.length > 0 ? ownRights : plain(record.dataset.rights)],
  ];
  let xml = OPEN;
  for (const [name, values] of fields) {
    const seen = new Set<string>();
    for (const { value, language } of values) {
      const key = `${language}\u0000${value}`;
      if (value.trim() === '' || seen.has(key)) continue;
      seen.add(key);
      xml += element(`dc:${name}`, value, { 'xml:lang': LANGUAGE_TAG.test(language) ? language : undefined });
    }
  }
  return `${xml}</oai_dc:dc>`;
}

/** Titles: the record's titles (crm:P102_has_title, or dcterms:title), or else its name or label. */
function titles(graph: RecordGraph, root: LineTerm, labels: (term: LineTerm) => Label[]): Label[] {
  for (const predicate of [CRM_P.P102_has_title, DCTERMS.title]) {
    const found = graph.objects(root, predicate).flatMap(labels);
    if (found.length > 0) return found;
  }
  for (const predicate of [SKOS.prefLabel, FOAF.name, SCHEMA.name, SCHEMA_HTTP.name, RDFS.label]) {
    const found = graph.objects(root, predicate).filter((term) => term.termType === 'Literal').map(labelOf);
    if (found.length > 0) return found;
  }
  return [];
}

/** A time-span as text: its EDTF form, else its begin and end (an EDTF interval), else its labels. */
function timeSpan(graph: RecordGraph, span: LineTerm): Label[] {
  const edtf = graph.objects(span, EDTFO.hasEDTFDateTimeDescription);
  if (edtf.length > 0) return edtf.map(labelOf);
  const [begin] = graph.objects(span, CRM_P.P82a_begin_of_the_begin, CRM_P.P82_at_some_time_within);
  const [end] = graph.objects(span, CRM_P.P82b_end_of_the_end);
  if (begin !== undefined && end !== undefined) return plain(begin.value === end.value ? begin.value : `${begin.value}/${end.value}`);
  if (begin !== undefined || end !== undefined) return [labelOf((begin ?? end) as LineTerm)];
  return nodeLabels(graph, span);
}

function plain(value: string | undefined): Label[] {
  return value === undefined ? [] : [{ value, language: '' }];
}
