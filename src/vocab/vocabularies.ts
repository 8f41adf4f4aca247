import { namespace } from './namespace.js';

/** The vocabularies the application refers to by IRI. No IRI literals elsewhere in src/. */
export const RDF = namespace('http://www.w3.org/1999/02/22-rdf-syntax-ns#', ['type', 'langString', 'value', 'first', 'rest', 'nil']);
export const RDFS = namespace('http://www.w3.org/2000/01/rdf-schema#', ['label', 'comment', 'Class', 'seeAlso', 'Literal']);
export const XSD = namespace('http://www.w3.org/2001/XMLSchema#', [
  'string', 'integer', 'decimal', 'double', 'dateTime', 'date', 'gYear', 'boolean', 'anyURI',
]);
export const SKOS = namespace('http://www.w3.org/2004/02/skos/core#', [
  'Concept', 'ConceptScheme', 'Collection', 'OrderedCollection', 'prefLabel', 'altLabel', 'hiddenLabel', 'definition', 'scopeNote', 'notation',
  'broader', 'narrower', 'related', 'inScheme', 'topConceptOf', 'hasTopConcept', 'exactMatch', 'closeMatch', 'broadMatch',
  'narrowMatch', 'relatedMatch', 'note',
]);
/** The SKOS label properties: preferred, alternative and hidden. */
export const SKOS_LABELS: ReadonlySet<string> = new Set([SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel]);
/** SKOS-XL: labels as resources, as Getty publishes them. */
export const SKOSXL = namespace('http://www.w3.org/2008/05/skos-xl#', ['Label', 'prefLabel', 'altLabel', 'hiddenLabel', 'literalForm']);
/** The Getty Vocabularies' own ontology: its hierarchy properties, which its explicit dumps use instead of skos:broader, and its kinds of subject that are no concepts. */
export const GVP = namespace('http://vocab.getty.edu/ontology#', ['broader', 'broaderPreferred', 'broaderGeneric', 'GuideTerm', 'Facet', 'Hierarchy', 'ObsoleteSubject']);
/** The GeoNames ontology, and WGS84 positions, for places imported from GeoNames dumps. */
export const GN = namespace('http://www.geonames.org/ontology#', ['Feature', 'featureCode', 'countryCode', 'population']);
export const WGS84 = namespace('http://www.w3.org/2003/01/geo/wgs84_pos#', ['lat', 'long']);
/** Wikidata's direct properties ("truthy" statements), as its dumps and endpoint give them. */
export const WDT = namespace('http://www.wikidata.org/prop/direct/', ['P31']);
export const OWL = namespace('http://www.w3.org/2002/07/owl#', ['versionInfo', 'sameAs']);
export const FOAF = namespace('http://xmlns.com/foaf/0.1/', ['Person', 'Organization', 'Agent', 'Group', 'name', 'homepage', 'Document']);
export const ORG = namespace('http://www.w3.org/ns/org#', ['Organization', 'FormalOrganization']);
const SCHEMA_TERMS = [
  'Person', 'Organization', 'Event', 'TheaterEvent', 'DanceEvent', 'MusicEvent', 'CreativeWork', 'Place', 'name', 'alternateName',
  'maintainer', 'mainEntityOfPage', 'genre', 'position',
  'latitude', 'longitude', 'addressCountry', 'additionalType',
  'birthDate', 'deathDate', 'birthPlace', 'deathPlace', 'hasOccupation', 'nationality',
] as const;
export const SCHEMA = namespace('https://schema.org/', SCHEMA_TERMS);
/** schema.org as most data still writes it. */
export const SCHEMA_HTTP = namespace('http://schema.org/', SCHEMA_TERMS);
export const PERSON = namespace('http://www.w3.org/ns/person#', ['Person']);
export const DCTERMS = namespace('http://purl.org/dc/terms/', [
  'title', 'description', 'isVersionOf', 'modified', 'publisher', 'subject', 'language', 'license', 'alternative',
  'rights', 'conformsTo', 'identifier', 'LicenseDocument', 'RightsStatement', 'MediaType', 'Standard',
]);
export const CRM = namespace('http://www.cidoc-crm.org/cidoc-crm/', [
  'E7_Activity', 'E5_Event', 'E12_Production', 'E21_Person', 'E22_Human-Made_Object', 'E22_Man-Made_Object',
  'E39_Actor', 'E40_Legal_Body', 'E53_Place', 'E55_Type', 'E74_Group', 'E78_Curated_Holding', 'E89_Propositional_Object',
]);
export const SD = namespace('http://www.w3.org/ns/sparql-service-description#', [
  'Service', 'endpoint', 'supportedLanguage', 'SPARQL11Query', 'SPARQL11Update', 'resultFormat', 'feature',
  'UnionDefaultGraph', 'BasicFederatedQuery', 'defaultDataset', 'Dataset', 'defaultGraph', 'Graph', 'defaultEntailmentRegime',
  'inputFormat',
]);
export const ENTAILMENT = namespace('http://www.w3.org/ns/entailment/', ['Simple']);
export const FORMATS = namespace('http://www.w3.org/ns/formats/', [
  'SPARQL_Results_JSON', 'SPARQL_Results_XML', 'SPARQL_Results_CSV', 'SPARQL_Results_TSV',
  'Turtle', 'N-Triples', 'JSON-LD', 'RDF_XML',
]);

/** Terms the mapping runner hands to every CONSTRUCT: where IRIs are minted, and for which dataset. */
export const CONTEXT = namespace('urn:cultuurgraaf:context#', ['base', 'dataset']);
/** The subject that carries the CONTEXT triples. */
export const CONTEXT_NODE = 'urn:cultuurgraaf:context';

export const SH = namespace('http://www.w3.org/ns/shacl#', [
  'ValidationReport', 'ValidationResult', 'conforms', 'result', 'focusNode', 'resultPath', 'value', 'resultMessage',
  'resultSeverity', 'sourceConstraintComponent', 'sourceShape', 'Violation', 'Warning',
  'NodeShape', 'targetClass', 'property', 'path', 'name', 'maxCount', 'datatype', 'nodeKind', 'or', 'class', 'Literal', 'IRI', 'BlankNodeOrIRI',
]);
/** Where a report entry came from in the input: extensions to a SHACL validation result. */
export const REPORT = namespace('urn:cultuurgraaf:report#', ['sourceFile', 'sourceLine', 'sourceRow', 'sourceSheet', 'sourceColumn', 'record']);

/** TREE and LDES: how an event stream links its pages and lists its members. */
export const TREE = namespace('https://w3id.org/tree#', [
  'member', 'relation', 'node', 'view', 'Node', 'Relation', 'GreaterThanOrEqualToRelation', 'path', 'value',
]);
export const LDES = namespace('https://w3id.org/ldes#', [
  'EventStream', 'timestampPath', 'sequencePath', 'versionOfPath', 'versionDeletePath', 'versionDeleteObject', 'immutable',
  'pollingInterval',
]);
export const PROV = namespace('http://www.w3.org/ns/prov#', ['generatedAtTime']);
/** Activity Streams: what an LDES tombstone is typed with (`ldes:versionDeleteObject`). */
export const AS = namespace('https://www.w3.org/ns/activitystreams#', ['Delete']);
export const DCAT = namespace('http://www.w3.org/ns/dcat#', [
  'Catalog', 'Dataset', 'Distribution', 'DataService', 'dataset', 'distribution', 'service', 'accessURL', 'downloadURL',
  'mediaType', 'compressFormat', 'accessService', 'endpointURL', 'servesDataset',
]);
export const VOID = namespace('http://rdfs.org/ns/void#', ['entities', 'triples', 'rootResource']);
/** Media types as DCAT-AP names them: IANA's registry pages. */
export const IANA_MEDIA_TYPES = namespace('https://www.iana.org/assignments/media-types/', [
  'application/n-quads', 'application/gzip', 'application/trig', 'text/xml',
]);
/** Specifications a catalogue's distributions conform to (`dcterms:conformsTo`). */
export const STANDARDS = {
  ldes: 'https://w3id.org/ldes/specification',
  oaiPmh: 'http://www.openarchives.org/OAI/2.0/',
  sparqlProtocol: 'https://www.w3.org/TR/sparql11-protocol/',
  nquads: 'https://www.w3.org/TR/n-quads/',
} as const;
