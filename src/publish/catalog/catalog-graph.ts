import type * as RDF from '@rdfjs/types';
import { DataFactory } from 'n3';
import type { LanguageMap } from '../../terms/term-list-metadata.js';
import {
  DCAT, DCTERMS, FOAF, IANA_MEDIA_TYPES, RDF as RDFNS, STANDARDS, VOID, XSD,
} from '../../vocab/vocabularies.js';
import { setSpecOf } from '../oai/oai-sets.js';
import { catalogUrl, dumpUrl, ldesViewUrl, oaiSetUrl, oaiUrl } from '../publication-urls.js';
import type { CatalogChannel, CatalogEntry } from './catalog-entries.js';

const namedNode = DataFactory.namedNode.bind(DataFactory);
const literal = DataFactory.literal.bind(DataFactory);
const quad = DataFactory.quad.bind(DataFactory);

/** Prefixes for the serialisations that have them. */
export const CATALOG_PREFIXES: Readonly<Record<string, string>> = {
  dcat: DCAT.$base, dcterms: DCTERMS.$base, foaf: FOAF.$base, void: VOID.$base, xsd: XSD.$base,
};

/** Where a catalogue node lives: a fragment of the catalogue, so every IRI dereferences to its description. */
function local(base: string, name: string): RDF.NamedNode {
  return namedNode(`${catalogUrl(base)}#${name}`);
}

/**
 * The DCAT-AP 3 catalogue of the entries: a dcat:Catalog with its mandatory title, description
 * and publisher, each entry a dcat:Dataset (title, description, publisher, modified, rights or
 * licence, size in VoID) with one dcat:Distribution per channel that publishes it, and the
 * SPARQL and OAI-PMH endpoints as dcat:DataServices. Object values carry the classes DCAT-AP's
 * range shapes expect (dct:LicenseDocument, dct:MediaType, dct:Standard, foaf:Agent, ...).
 */
export function catalogQuads(base: string, entries: readonly CatalogEntry[]): RDF.Quad[] {
  const out: RDF.Quad[] = [];
  const add = (subject: RDF.Quad_Subject, predicate: string, object: RDF.Quad_Object): void => {
    out.push(quad(subject, namedNode(predicate), object));
  };
  const a = (subject: RDF.Quad_Subject, type: string): void => { add(subject, RDFNS.type, namedNode(type)); };
  const texts = (subject: RDF.Quad_Subject, predicate: string, map: LanguageMap): void => {
    for (const [language, text] of Object.entries(map)) add(subject, predicate, literal(text, language === '' ? undefined : language));
  };
  const typed = (subject: RDF.Quad_Subject, predicate: string, iri: string, type: string): void => {
    add(subject, predicate, namedNode(iri));
    a(namedNode(iri), type);
  };

  const catalog = namedNode(catalogUrl(base));
  const host = new URL(base).host;
  a(catalog, DCAT.Catalog);
  texts(catalog, DCTERMS.title, { en: `Cultuurgraaf catalogue of ${host}`, nl: `Cultuurgraaf-catalogus van ${host}` });
  texts(catalog, DCTERMS.description, {
    en: 'The datasets and term lists this cultuurgraaf server publishes, with their SPARQL endpoint, dumps, Linked Data Event Streams and OAI-PMH sets.',
    nl: 'De datasets en termenlijsten die deze cultuurgraaf-server publiceert, met hun SPARQL-endpoint, dumps, Linked Data Event Streams en OAI-PMH-sets.',
  });
  const publisher = local(base, 'publisher');
  add(catalog, DCTERMS.publisher, publisher);
  a(publisher, FOAF.Agent);
  add(publisher, FOAF.name, literal(host));
  typed(catalog, FOAF.homepage, base, FOAF.Document);
  const modified = entries.map((entry) => entry.modified).filter((at): at is string => at !== undefined).sort().pop();
  if (modified !== undefined) add(catalog, DCTERMS.modified, literal(modified, namedNode(XSD.dateTime)));

  const services = {
    sparql: service(base, 'sparql', `${base}sparql`, STANDARDS.sparqlProtocol, { en: 'SPARQL endpoint', nl: 'SPARQL-endpoint' }),
    oai: service(base, 'oai', oaiUrl(base), STANDARDS.oaiPmh, { en: 'OAI-PMH provider', nl: 'OAI-PMH-aanbieder' }),
  };
  const served = { sparql: false, oai: false };

  for (const entry of entries) {
    const dataset = local(base, `dataset-${entry.id}`);
    add(catalog, DCAT.dataset, dataset);
    a(dataset, DCAT.Dataset);
    add(dataset, DCTERMS.identifier, literal(entry.id));
    texts(dataset, DCTERMS.title, entry.title);
    texts(dataset, DCTERMS.description, entry.description);
    const owner = local(base, `organisation-${entry.organisation.id}`);
    add(dataset, DCTERMS.publisher, owner);
    a(owner, FOAF.Agent);
    add(owner, FOAF.name, literal(entry.organisation.name));
    if (entry.modified !== undefined) add(dataset, DCTERMS.modified, literal(entry.modified, namedNode(XSD.dateTime)));
    add(dataset, VOID.entities, literal(String(entry.size.records), namedNode(XSD.integer)));
    if (entry.size.triples !== undefined) add(dataset, VOID.triples, literal(String(entry.size.triples), namedNode(XSD.integer)));
    if (entry.scheme !== undefined) add(dataset, VOID.rootResource, namedNode(entry.scheme));
    const rights = (subject: RDF.Quad_Subject): void => {
      if (entry.rights === undefined) return;
      // Creative Commons licences are licences; rightsstatements.org statements are statements about rights.
      if (entry.rights.startsWith('http://creativecommons.org/')) typed(subject, DCTERMS.license, entry.rights, DCTERMS.LicenseDocument);
      else typed(subject, DCTERMS.rights, entry.rights, DCTERMS.RightsStatement);
    };
    rights(dataset);
    for (const channel of entry.channels) {
      const distribution = local(base, `dataset-${entry.id}-${channel}`);
      add(dataset, DCAT.distribution, distribution);
      a(distribution, DCAT.Distribution);
      rights(distribution);
      const describe = DISTRIBUTIONS[channel];
      texts(distribution, DCTERMS.title, describe.title);
      const { accessUrl, downloadUrl, mediaType, compressFormat, conformsTo } = describe.links(base, entry);
      add(distribution, DCAT.accessURL, namedNode(accessUrl));
      if (downloadUrl !== undefined) add(distribution, DCAT.downloadURL, namedNode(downloadUrl));
      if (mediaType !== undefined) typed(distribution, DCAT.mediaType, mediaType, DCTERMS.MediaType);
      if (compressFormat !== undefined) typed(distribution, DCAT.compressFormat, compressFormat, DCTERMS.MediaType);
      if (conformsTo !== undefined) typed(distribution, DCTERMS.conformsTo, conformsTo, DCTERMS.Standard);
      if (channel === 'sparql' || channel === 'oai') {
        add(distribution, DCAT.accessService, services[channel].node);
        add(services[channel].node, DCAT.servesDataset, dataset);
        served[channel] = true;
      }
    }
  }
  for (const channel of ['sparql', 'oai'] as const) {
    if (!served[channel]) continue;
    add(catalog, DCAT.service, services[channel].node);
    for (const statement of services[channel].quads) out.push(statement);
  }
  return dedupe(out);
}

/** A dcat:DataService with its mandatory title and endpoint URL. */
function service(base: string, name: string, endpoint: string, standard: string, title: LanguageMap): { node: RDF.NamedNode; quads: RDF.Quad[] } {
  const node = local(base, `service-${name}`);
  const quads = [
    quad(node, namedNode(RDFNS.type), namedNode(DCAT.DataService)),
    quad(node, namedNode(DCAT.endpointURL), namedNode(endpoint)),
    quad(node, namedNode(DCTERMS.conformsTo), namedNode(standard)),
    quad(namedNode(standard), namedNode(RDFNS.type), namedNode(DCTERMS.Standard)),
    ...Object.entries(title).map(([language, text]) => quad(node, namedNode(DCTERMS.title), literal(text, language))),
  ];
  return { node, quads };
}

interface DistributionLinks {
  readonly accessUrl: string;
  readonly downloadUrl?: string;
  readonly mediaType?: string;
  readonly compressFormat?: string;
  readonly conformsTo?: string;
}

/** What each channel's distribution is called and where it is: a dispatch table, one row per channel. */
const DISTRIBUTIONS: Readonly<Record<CatalogChannel, { title: LanguageMap; links: (base: string, entry: CatalogEntry) => DistributionLinks }>> = {
  dumps: {
    title: { en: 'N-Quads dump (gzip)', nl: 'N-Quads-dump (gzip)' },
    links: (base, { id }) => ({
      accessUrl: dumpUrl(base, id), downloadUrl: dumpUrl(base, id), mediaType: IANA_MEDIA_TYPES['application/n-quads'],
      compressFormat: IANA_MEDIA_TYPES['application/gzip'], conformsTo: STANDARDS.nquads,
    }),
  },
  sparql: {
    title: { en: 'SPARQL endpoint (each record is a named graph)', nl: 'SPARQL-endpoint (elk record is een named graph)' },
    links: (base) => ({ accessUrl: `${base}sparql`, conformsTo: STANDARDS.sparqlProtocol }),
  },
  ldes: {
    title: { en: 'Linked Data Event Stream', nl: 'Linked Data Event Stream' },
    links: (base, { id }) => ({ accessUrl: ldesViewUrl(base, id), mediaType: IANA_MEDIA_TYPES['application/trig'], conformsTo: STANDARDS.ldes }),
  },
  oai: {
    title: { en: 'OAI-PMH set (Dublin Core, EDM or RDF/XML)', nl: 'OAI-PMH-set (Dublin Core, EDM of RDF/XML)' },
    links: (base, entry) => ({
      accessUrl: oaiSetUrl(base, setSpecOf({
        id: entry.id, title: entry.id, organisation: entry.organisation.id, organisationName: entry.organisation.name, rights: entry.rights,
      })),
      mediaType: IANA_MEDIA_TYPES['text/xml'], conformsTo: STANDARDS.oaiPmh,
    }),
  },
  graphql: {
    title: { en: 'Termennetwerk GraphQL API (Network of Terms)', nl: 'GraphQL-API van het termennetwerk' },
    links: (base) => ({ accessUrl: `${base}graphql` }),
  },
};

/** Each statement once (a licence or a standard is typed wherever it is used). */
function dedupe(quads: readonly RDF.Quad[]): RDF.Quad[] {
  const seen = new Set<string>();
  return quads.filter((q) => {
    const key = `${q.subject.value}\u0000${q.predicate.value}\u0000${q.object.termType}\u0000${q.object.value}\u0000${q.object.termType === 'Literal' ? `${q.object.language}\u0000${q.object.datatype.value}` : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
