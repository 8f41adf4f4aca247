import type { MetadataFormat, OaiRecord } from '../oai/metadata-format.js';
import { XSI_NAMESPACE } from '../oai/oai-vocab.js';
import { mapToEdm } from './edm-mapping.js';
import { edmRdfElement } from './edm-xml.js';

/** Where Europeana publishes the EDM schema, and the namespace its OAI-PMH services name for the format. */
export const EDM_SCHEMA = 'http://www.europeana.eu/schemas/edm/EDM.xsd';
export const EDM_NAMESPACE = 'http://www.europeana.eu/schemas/edm/';
const RDF_NAMESPACE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

/**
 * The `edm` metadata format of the OAI-PMH provider: a heritage object's EDM record, the same
 * RDF/XML the Europeana export writes (docs/europeana.md), for aggregators (Europeana among
 * them) that harvest EDM by OAI-PMH. Only objects that meet Europeana's minimum are
 * disseminated, and only what the `europeana` channel publishes as well as `oai`: a record it
 * does not publish is a deleted header in this format, and labels of linked records come from
 * records both channels publish.
 */
export function edmOaiFormat(provider: string): MetadataFormat {
  return {
    prefix: 'edm',
    schema: EDM_SCHEMA,
    namespace: EDM_NAMESPACE,
    kinds: ['object'],
    channel: 'europeana',
    render: (record) => {
      const outcome = edmOf(record, provider);
      if (outcome === undefined) return undefined;
      const element = edmRdfElement(outcome);
      return element.replace('<rdf:RDF ', `<rdf:RDF xmlns:xsi="${XSI_NAMESPACE}" xsi:schemaLocation="${RDF_NAMESPACE} ${EDM_SCHEMA}" `).trimEnd();
    },
    disseminates: (record) => edmOf(record, provider) !== undefined,
  };
}

function edmOf(record: OaiRecord, provider: string): ReturnType<typeof mapToEdm>['record'] | undefined {
  if (record.kind !== 'object') return undefined;
  const { record: edm, problems } = mapToEdm({
    iri: record.iri, nquads: record.nquads, datasetRights: record.dataset.rights, dataProvider: record.dataset.organisationName, provider,
    linked: (iri) => record.linked.content(iri),
  });
  return problems.length === 0 ? edm : undefined;
}
