import { MetadataFormats } from './metadata-format.js';
import { oaiDcFormat } from './oai-dc-format.js';
import { rdfFormat } from './rdf-format.js';

/**
 * The registry of formats the provider starts with: `oai_dc` (which OAI-PMH requires) and
 * `rdf`. Other formats (Europeana's `edm`) are added to it where the app is put together.
 */
export function oaiMetadataFormats(): MetadataFormats {
  return new MetadataFormats([oaiDcFormat, rdfFormat]);
}
