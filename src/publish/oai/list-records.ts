import type { HarvestEntry } from '../../ports/harvest-feed.js';
import { MetadataFormats } from './metadata-format.js';
import type { OaiContext, VerbHandler, VerbOutcome } from './oai-context.js';
import { datestampRange } from './oai-dates.js';
import { oaiError } from './oai-error.js';
import { headerXml, publishedRecord, recordXml } from './oai-record-xml.js';
import type { OaiArguments } from './oai-request.js';
import { datasetsInSet, visibleSets } from './oai-sets.js';
import { ListScan } from './list-scan.js';
import { PublishedLabels } from './published-labels.js';
import type { ListVerb, ResumptionState } from './resumption-token.js';
import { attributes, escapeText } from './xml-text.js';

/** ListRecords (section 4.5): records of a selection, page by page. */
export const listRecords: VerbHandler = (args, context) => recordList('ListRecords', args, context);

/** ListIdentifiers (section 4.3): the same list, headers only. */
export const listIdentifiers: VerbHandler = (args, context) => recordList('ListIdentifiers', args, context);

/**
 * A list request, first or resumed. Records come in the order of their latest change-log entry,
 * so the token only needs the position reached: a record that changes during the harvest moves
 * past it and is listed again. Deleted and withdrawn records are listed as deleted headers.
 */
function recordList(verb: ListVerb, args: OaiArguments, context: OaiContext): VerbOutcome {
  const state = startOrResume(verb, args, context);
  if ('errors' in state) return state;
  const format = context.formats.get(state.metadataPrefix);
  if (format === undefined) {
    return { errors: [oaiError('cannotDisseminateFormat', `This repository has no metadata format ${state.metadataPrefix}; ListMetadataFormats lists them.`)] };
  }
  const range = datestampRange(state.from, state.until);
  if ('problem' in range) return { errors: [oaiError('badArgument', range.problem)] };
  const datasets = context.datasets.all();
  const selection = {
    visibility: context.visibility,
    datasets: state.set === undefined ? undefined : datasetsInSet(state.set, datasets),
    from: range.from,
    before: range.before,
    kinds: format.kinds,
  };
  const view = context.viewFor(format);
  const linked = new PublishedLabels(context.feed, view);
  const itemOf = (entry: HarvestEntry): string | undefined => {
    const record = publishedRecord(entry, context, linked, view);
    if (verb === 'ListIdentifiers') {
      if (record !== undefined && !MetadataFormats.disseminates(format, record)) return undefined;
      return `${headerXml(entry, context, record === undefined)}\n`;
    }
    if (record === undefined) return recordXml(entry, context, undefined);
    const metadata = format.render(record);
    return metadata === undefined ? undefined : recordXml(entry, context, metadata);
  };
  const resumed = args.resumptionToken !== undefined;
  const scan = new ListScan(context, selection, state.after, !resumed, itemOf);
  // The first item decides between a list and an error, before anything is written.
  const first = scan.next();
  if (first === undefined) {
    const noSets = state.set !== undefined && visibleSets(datasets, context.view).length === 0;
    return {
      errors: [noSets
        ? oaiError('noSetHierarchy', 'This repository publishes no sets at the moment.')
        : oaiError('noRecordsMatch', resumed ? 'No more records match; the list is complete.' : 'No records match the arguments.')],
    };
  }
  return {
    write: async (out) => {
      await out.write(`<${verb}>\n`);
      await out.write(first);
      for (let item = scan.next(); item !== undefined; item = scan.next()) await out.write(item);
      await out.write(resumptionElement(verb, state, scan, context));
      await out.write(`</${verb}>\n`);
    },
  };
}

/** Where a list request starts: a token's state, or a new list's (which has no size yet). */
type ListState = Omit<ResumptionState, 'verb' | 'viewer' | 'completeListSize'> & { readonly completeListSize: number | undefined };

function startOrResume(verb: ListVerb, args: OaiArguments, context: OaiContext): ListState | { errors: ReturnType<typeof oaiError>[] } {
  if (args.resumptionToken === undefined) {
    return {
      metadataPrefix: args.metadataPrefix ?? '', set: args.set, from: args.from, until: args.until, after: 0, cursor: 0, completeListSize: undefined,
    };
  }
  const read = context.tokens.read(args.resumptionToken, verb, context.viewer);
  if ('problem' in read) return { errors: [oaiError('badResumptionToken', read.problem)] };
  return read;
}

/**
 * The resumptionToken element: a token while the list goes on; an empty one on the last
 * response of a resumed list (section 3.5); nothing when one response held the whole list.
 * The complete list size counted at the start is an estimate, revised when the list turns out
 * longer (records changed during the harvest are listed again) or ends.
 */
function resumptionElement(verb: ListVerb, state: ListState, scan: ListScan<string>, context: OaiContext): string {
  const returned = state.cursor + scan.count;
  const estimate = state.completeListSize ?? scan.total ?? returned;
  if (scan.more()) {
    const next: ResumptionState = {
      verb, metadataPrefix: state.metadataPrefix, set: state.set, from: state.from, until: state.until,
      after: scan.position, cursor: returned, completeListSize: Math.max(estimate, returned + 1), viewer: context.viewer,
    };
    const { token, expirationDate } = context.tokens.issue(next);
    const attrs = attributes({ expirationDate, completeListSize: next.completeListSize, cursor: state.cursor });
    return `<resumptionToken${attrs}>${escapeText(token)}</resumptionToken>\n`;
  }
  if (state.completeListSize === undefined) return '';
  return `<resumptionToken${attributes({ completeListSize: returned, cursor: state.cursor })}/>\n`;
}
