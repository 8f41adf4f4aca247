import { isResource, type EdmProperty, type EdmRecord, type EdmResource } from './edm-model.js';

/** The namespaces of an EDM record, by the prefixes Europeana's own samples use. */
const NAMESPACES: ReadonlyArray<readonly [string, string]> = [
  ['rdf', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'],
  ['dc', 'http://purl.org/dc/elements/1.1/'],
  ['dcterms', 'http://purl.org/dc/terms/'],
  ['edm', 'http://www.europeana.eu/schemas/edm/'],
  ['ore', 'http://www.openarchives.org/ore/terms/'],
  ['skos', 'http://www.w3.org/2004/02/skos/core#'],
  ['owl', 'http://www.w3.org/2002/07/owl#'],
  ['wgs84_pos', 'http://www.w3.org/2003/01/geo/wgs84_pos#'],
  ['rdaGr2', 'http://rdvocab.info/ElementsGr2/'],
  ['foaf', 'http://xmlns.com/foaf/0.1/'],
  ['svcs', 'http://rdfs.org/sioc/services#'],
  ['doap', 'http://usefulinc.com/ns/doap#'],
];

/**
 * The order of each class's elements in the EDM XSD (EDM-COMMON-MAIN, EDM-EXTERNAL-MAIN,
 * CONTEXTS, ORE, SVCS). The ProvidedCHO's Dublin Core elements come in any order (an XSD
 * choice), then its EDM elements in sequence; a skos:Concept's elements are a choice too.
 */
const ORDER: Readonly<Record<EdmResource['element'], readonly string[]>> = {
  'edm:ProvidedCHO': [
    'dc:*', 'edm:currentLocation', 'edm:hasMet', 'edm:hasType', 'edm:incorporates', 'edm:isDerivativeOf', 'edm:isNextInSequence',
    'edm:isRelatedTo', 'edm:isRepresentationOf', 'edm:isSimilarTo', 'edm:isSuccessorOf', 'edm:realizes', 'edm:type', 'owl:sameAs',
  ],
  'ore:Aggregation': [
    'edm:aggregatedCHO', 'edm:dataProvider', 'edm:hasView', 'edm:isShownAt', 'edm:isShownBy', 'edm:object', 'edm:provider', 'dc:rights',
    'edm:rights', 'edm:ugc', 'edm:intermediateProvider',
  ],
  'edm:WebResource': [
    'dc:creator', 'dc:description', 'dc:format', 'dc:rights', 'dc:source', 'dc:type', 'dc:title', 'dc:language', 'dcterms:conformsTo',
    'dcterms:created', 'dcterms:extent', 'dcterms:hasPart', 'dcterms:isFormatOf', 'dcterms:isPartOf', 'dcterms:issued', 'dcterms:temporal',
    'edm:isNextInSequence', 'edm:rights', 'owl:sameAs', 'dcterms:isReferencedBy', 'edm:preview', 'svcs:has_service',
  ],
  'edm:Agent': [
    'skos:prefLabel', 'skos:altLabel', 'skos:note', 'dc:date', 'dc:identifier', 'dcterms:hasPart', 'dcterms:isPartOf', 'edm:begin', 'edm:end',
    'edm:hasMet', 'edm:isRelatedTo', 'foaf:name', 'rdaGr2:biographicalInformation', 'rdaGr2:dateOfBirth', 'rdaGr2:dateOfDeath',
    'rdaGr2:dateOfEstablishment', 'rdaGr2:dateOfTermination', 'rdaGr2:gender', 'rdaGr2:placeOfBirth', 'rdaGr2:placeOfDeath',
    'rdaGr2:professionOrOccupation', 'owl:sameAs',
  ],
  'edm:Place': [
    'wgs84_pos:lat', 'wgs84_pos:long', 'wgs84_pos:alt', 'skos:prefLabel', 'skos:altLabel', 'skos:note', 'dcterms:hasPart', 'dcterms:isPartOf',
    'edm:isNextInSequence', 'owl:sameAs',
  ],
  'edm:TimeSpan': [
    'skos:prefLabel', 'skos:altLabel', 'skos:note', 'dcterms:hasPart', 'dcterms:isPartOf', 'edm:begin', 'edm:end', 'edm:isNextInSequence',
    'owl:sameAs', 'skos:hiddenLabel', 'skos:notation',
  ],
  'skos:Concept': ['skos:*'],
  'svcs:Service': ['dcterms:conformsTo', 'doap:implements'],
};

/** The record as one RDF/XML document, as Europeana's Metis ingests it: one file per record. */
export function edmXml(record: EdmRecord): string {
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<rdf:RDF ${NAMESPACES.map(([prefix, iri]) => `xmlns:${prefix}="${iri}"`).join(' ')}>\n`,
    resourceXml(record.providedCho, [{ element: 'edm:type', value: { value: record.type, language: '' } }]),
    resourceXml(record.aggregation),
    ...record.webResources.map((resource) => resourceXml(resource)),
    ...record.contextual.map((resource) => resourceXml(resource)),
    ...record.services.map((resource) => resourceXml(resource)),
    '</rdf:RDF>\n',
  ];
  return parts.join('');
}

/** The `rdf:RDF` element alone (no XML declaration), as an OAI-PMH record's metadata. */
export function edmRdfElement(record: EdmRecord): string {
  return edmXml(record).replace(/^<\?xml[^>]*\?>\n/, '');
}

function resourceXml(resource: EdmResource, extra: readonly EdmProperty[] = []): string {
  const order = ORDER[resource.element];
  const rank = (element: string): number => {
    const exact = order.indexOf(element);
    if (exact !== -1) return exact;
    const wildcard = order.indexOf(element.startsWith('dc:') || element.startsWith('dcterms:') ? 'dc:*' : `${element.split(':')[0] ?? ''}:*`);
    if (wildcard !== -1) return wildcard;
    throw new Error(`${element} has no place in ${resource.element} (EDM XSD)`);
  };
  const properties = [...resource.properties, ...extra]
    .map((property, position) => ({ property, position, rank: rank(property.element) }))
    .sort((a, b) => a.rank - b.rank || a.position - b.position);
  const lines = properties.map(({ property }) => `    ${propertyXml(property)}\n`);
  return `  <${resource.element} rdf:about="${escapeXml(resource.about)}">\n${lines.join('')}  </${resource.element}>\n`;
}

function propertyXml({ element, value }: EdmProperty): string {
  if (isResource(value)) return `<${element} rdf:resource="${escapeXml(value.resource)}"/>`;
  const language = value.language === '' ? '' : ` xml:lang="${escapeXml(value.language)}"`;
  return `<${element}${language}>${escapeXml(value.value)}</${element}>`;
}

/** Text and attribute values escaped for XML 1.0, with characters XML cannot hold dropped. */
export function escapeXml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex -- XML 1.0 forbids these characters outright.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
    // A raw CR would reach the reader as LF (XML 1.0, 2.11).
    .replace(/\r/g, '&#13;');
}
