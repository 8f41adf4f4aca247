import { namespace } from '../../vocab/namespace.js';
import { CRM } from '../../vocab/vocabularies.js';

/** XML namespaces and schema locations of OAI-PMH 2.0 and the formats this provider serves. */
export const OAI_PMH = {
  namespace: 'http://www.openarchives.org/OAI/2.0/',
  schema: 'http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd',
} as const;
export const OAI_DC = {
  namespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/',
  schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd',
} as const;
/** The `rdf` format: RDF/XML, with OAI's placeholder schema for it (it declares rdf:RDF with any content). */
export const OAI_RDF = {
  namespace: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  schema: 'http://www.openarchives.org/OAI/2.0/rdf.xsd',
} as const;
export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';
export const DC_ELEMENTS_NAMESPACE = 'http://purl.org/dc/elements/1.1/';

/** The CIDOC-CRM properties OSLO Cultureel Erfgoed records use that the Dublin Core crosswalk reads. */
export const CRM_P = namespace(CRM.$base, [
  'P102_has_title', 'P3_has_note', 'P108i_was_produced_by', 'P14_carried_out_by', 'P4_has_time-span', 'P41i_was_classified_by',
  'P42_assigned', 'P2_has_type', 'P104_is_subject_to', 'P45_consists_of', 'P62_depicts', 'P129_is_about', 'P82a_begin_of_the_begin',
  'P82b_end_of_the_end', 'P82_at_some_time_within', 'P190_has_symbolic_content',
]);
export const ADMS = namespace('http://www.w3.org/ns/adms#', ['identifier']);
/** Where OSLO keeps a time-span's EDTF form. */
export const EDTFO = namespace('https://periodo.github.io/edtf-ontology/edtfo.ttl#', ['hasEDTFDateTimeDescription']);
export const DCTERMS_MORE = namespace('http://purl.org/dc/terms/', ['creator', 'type', 'rights', 'license', 'created']);
export const FOAF_MORE = namespace('http://xmlns.com/foaf/0.1/', ['depiction', 'homepage']);
