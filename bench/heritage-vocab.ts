/** IRIs of the vocabularies the synthetic dataset and the benchmark queries use. */

export const CRM_NS = 'http://www.cidoc-crm.org/cidoc-crm/';
export const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
export const RDFS_LABEL = 'http://www.w3.org/2000/01/rdf-schema#label';
export const SKOS_NS = 'http://www.w3.org/2004/02/skos/core#';
export const XSD_NS = 'http://www.w3.org/2001/XMLSchema#';
export const UNIT_CENTIMETRE = 'http://qudt.org/vocab/unit/CentiM';

/** The CIDOC-CRM classes and properties the dataset uses, by local name. */
export const crm = (local: string): string => `${CRM_NS}${local}`;

/** Prefix declarations for the benchmark queries. */
export const QUERY_PREFIXES = [
  `PREFIX crm: <${CRM_NS}>`,
  'PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>',
  `PREFIX skos: <${SKOS_NS}>`,
  '',
].join('\n');
