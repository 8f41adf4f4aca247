import type { VerbHandler } from './oai-context.js';
import { oaiError, type OaiError } from './oai-error.js';
import { publishedRecord, recordXml } from './oai-record-xml.js';
import { PublishedLabels } from './published-labels.js';

/**
 * GetRecord (section 4.1): one record in one format. An unknown format and an unknown
 * identifier are both reported; a deleted or withdrawn record is a header with status deleted.
 */
export const getRecord: VerbHandler = (args, context) => {
  const identifier = args.identifier ?? '';
  const prefix = args.metadataPrefix ?? '';
  const format = context.formats.get(prefix);
  const entry = context.feed.entry(identifier, context.visibility);
  const errors: OaiError[] = [];
  if (format === undefined) errors.push(oaiError('cannotDisseminateFormat', `This repository has no metadata format ${prefix}; ListMetadataFormats lists them.`));
  if (entry === undefined) errors.push(oaiError('idDoesNotExist', `There is no record ${identifier} in this repository.`));
  if (format === undefined || entry === undefined) return { errors };
  const view = context.viewFor(format);
  const record = publishedRecord(entry, context, new PublishedLabels(context.feed, view), view);
  const metadata = record === undefined ? undefined : format.render(record);
  if (record !== undefined && metadata === undefined) {
    return { errors: [oaiError('cannotDisseminateFormat', `The record ${identifier} cannot be disseminated in ${prefix}.`)] };
  }
  return {
    write: async (out) => {
      await out.write(`<GetRecord>\n${recordXml(entry, context, metadata)}</GetRecord>\n`);
    },
  };
};
