import { MetadataFormats, type MetadataFormat } from './metadata-format.js';
import type { VerbHandler } from './oai-context.js';
import { oaiError } from './oai-error.js';
import { publishedRecord } from './oai-record-xml.js';
import { PublishedLabels } from './published-labels.js';
import { element } from './xml-text.js';

/**
 * ListMetadataFormats (section 4.4): every format, or with an identifier the formats that
 * record can be disseminated in. A deleted or withdrawn record has none (noMetadataFormats),
 * though GetRecord still answers its deleted header in every format.
 */
export const listMetadataFormats: VerbHandler = (args, context) => {
  let formats = context.formats.all();
  if (args.identifier !== undefined) {
    const entry = context.feed.entry(args.identifier, context.visibility);
    if (entry === undefined) return { errors: [oaiError('idDoesNotExist', `There is no record ${args.identifier} in this repository.`)] };
    const published = (format: MetadataFormat) => {
      const view = context.viewFor(format);
      return publishedRecord(entry, context, new PublishedLabels(context.feed, view), view);
    };
    const deleted = publishedRecord(entry, context, new PublishedLabels(context.feed, context.view)) === undefined;
    formats = deleted ? [] : formats.filter((format) => {
      const record = published(format);
      return record !== undefined && MetadataFormats.disseminates(format, record);
    });
    if (formats.length === 0) {
      return { errors: [oaiError('noMetadataFormats', `The record ${args.identifier} ${deleted ? 'was deleted' : 'cannot be disseminated in any format'}.`)] };
    }
  }
  return {
    write: async (out) => {
      await out.write(`<ListMetadataFormats>\n${formats.map(formatXml).join('')}</ListMetadataFormats>\n`);
    },
  };
};

function formatXml(format: MetadataFormat): string {
  return `<metadataFormat>${element('metadataPrefix', format.prefix)}${element('schema', format.schema)}`
    + `${element('metadataNamespace', format.namespace)}</metadataFormat>\n`;
}
