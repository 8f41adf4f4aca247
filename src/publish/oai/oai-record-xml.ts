import type { ContentView } from '../../access/publication-policy.js';
import type { HarvestEntry } from '../../ports/harvest-feed.js';
import type { LinkedLabels, OaiRecord } from './metadata-format.js';
import type { OaiContext } from './oai-context.js';
import { datestamp } from './oai-dates.js';
import { setSpecOf } from './oai-sets.js';
import { element } from './xml-text.js';

/**
 * The record as the channel publishes it (`view`: the one of the format asked for), or undefined
 * when it is to be shown as deleted: it was deleted, or the policy no longer publishes it
 * (withdrawn). Nothing of a withdrawn record's content is ever read into the answer.
 */
export function publishedRecord(entry: HarvestEntry, context: OaiContext, linked: LinkedLabels, view: ContentView = context.view): OaiRecord | undefined {
  if (entry.deleted || !entry.visible || entry.nquads === undefined) return undefined;
  const dataset = context.datasets.get(entry.dataset);
  const nquads = view.content({ iri: entry.iri, dataset: entry.dataset, nquads: entry.nquads });
  if (dataset === undefined || nquads === undefined) return undefined;
  return { iri: entry.iri, kind: entry.kind, dataset, nquads, linked };
}

/** A record's header: its IRI as identifier, the datestamp of its latest change, its dataset's set, and `status="deleted"` when so. */
export function headerXml(entry: HarvestEntry, context: OaiContext, deleted: boolean): string {
  const dataset = context.datasets.get(entry.dataset);
  return `<header${deleted ? ' status="deleted"' : ''}>${element('identifier', entry.iri)}${element('datestamp', datestamp(entry.at))}`
    + `${dataset === undefined ? '' : element('setSpec', setSpecOf(dataset))}</header>`;
}

/** A `record` element: the header, and the metadata unless the record is deleted. */
export function recordXml(entry: HarvestEntry, context: OaiContext, metadata: string | undefined): string {
  return metadata === undefined
    ? `<record>${headerXml(entry, context, true)}</record>\n`
    : `<record>${headerXml(entry, context, false)}<metadata>${metadata}</metadata></record>\n`;
}
