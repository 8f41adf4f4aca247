import type { VerbHandler } from './oai-context.js';
import { datestamp } from './oai-dates.js';
import { element } from './xml-text.js';

/**
 * Identify (section 4.2). Datestamps come from the change log, which keeps every deletion, so
 * deleted records are persistent; the earliest datestamp is the log's first entry (the time of
 * the response while the log is empty).
 */
export const identify: VerbHandler = (_args, context) => {
  const earliest = context.feed.earliest() ?? context.clock.now();
  const { name, baseUrl, adminEmail } = context.repository;
  return {
    write: async (out) => {
      await out.write(`<Identify>\n${element('repositoryName', name)}${element('baseURL', baseUrl)}`
        + `${element('protocolVersion', '2.0')}${element('adminEmail', adminEmail)}${element('earliestDatestamp', datestamp(earliest))}`
        + `${element('deletedRecord', 'persistent')}${element('granularity', 'YYYY-MM-DDThh:mm:ssZ')}\n</Identify>\n`);
    },
  };
};
