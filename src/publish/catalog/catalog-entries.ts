import type { ChannelView, PublicationPolicy } from '../../access/publication-policy.js';
import { ANONYMOUS } from '../../domain/principal.js';
import type { Channel, PolicySnapshot } from '../../domain/publication-policy.js';
import type { Dataset } from '../../domain/record.js';
import type { RecordStore } from '../../ports/record-store.js';
import type { DatasetActivity } from '../../ports/version-feed.js';
import { nquadsStatements } from '../../rdf/nquads-statements.js';
import { metadataOf, type LanguageMap } from '../../terms/term-list-metadata.js';

/** The channels the catalogue offers distributions of, in the order a dataset's size is taken from. */
export const CATALOG_CHANNELS = ['dumps', 'sparql', 'ldes', 'oai', 'graphql'] as const satisfies readonly Channel[];
export type CatalogChannel = typeof CATALOG_CHANNELS[number];

/** One published dataset or term list, as the catalogue describes it. */
export interface CatalogEntry {
  readonly id: string;
  /** Per language ('' untagged). */
  readonly title: LanguageMap;
  readonly description: LanguageMap;
  readonly organisation: { readonly id: string; readonly name: string };
  /** The distributions: the channels that publish any of its records to everyone. */
  readonly channels: readonly CatalogChannel[];
  /** The dataset policy's rights statement or licence. */
  readonly rights: string | undefined;
  /** When its change log last moved. */
  readonly modified: string | undefined;
  /** Records (and, when exactly known, statements) its first channel publishes. */
  readonly size: { readonly records: number; readonly triples: number | undefined };
  /** A term list's concept scheme. */
  readonly scheme: string | undefined;
}

/**
 * Every dataset some catalogue channel publishes to everyone, with what the catalogue says of
 * it. A term list is described by its list record (name, description) as far as that record is
 * published; a plain dataset by its title. The graphql channel counts for term lists only: it
 * is how the termennetwerk publishes them.
 */
export function catalogEntries(records: RecordStore, policy: PublicationPolicy, activities: ReadonlyMap<string, DatasetActivity>): CatalogEntry[] {
  const snapshot = policy.current();
  const views = new Map(CATALOG_CHANNELS.map((channel) => [channel, policy.view(ANONYMOUS, channel)] as const));
  const organisations = new Map(records.listOrganisations().map((organisation) => [organisation.id, organisation.name]));
  const totals = totalsByDataset(records);
  const entries: CatalogEntry[] = [];
  for (const dataset of records.listDatasets()) {
    const [scheme] = records.liveRecords(dataset.id, 'term-list');
    const channels = CATALOG_CHANNELS.filter((channel) => (channel !== 'graphql' || scheme !== undefined) && views.get(channel)?.seesAny(dataset.id));
    const [first] = channels;
    if (first === undefined) continue;
    const list = scheme === undefined ? undefined : listMetadata(records, scheme, channels.map((channel) => views.get(channel)));
    entries.push({
      id: dataset.id,
      title: list !== undefined && Object.keys(list.name).length > 0 ? list.name : { '': dataset.title },
      description: list !== undefined && Object.keys(list.description).length > 0 ? list.description : describe(dataset, organisations, scheme),
      organisation: { id: dataset.organisation, name: organisations.get(dataset.organisation) ?? dataset.organisation },
      channels,
      rights: snapshot.rights(dataset.id),
      modified: activities.get(dataset.id)?.lastAt,
      size: publishedSize(records, snapshot, first, dataset.id, totals.get(dataset.id) ?? { records: 0, triples: 0 }),
      scheme: list === undefined ? undefined : scheme,
    });
  }
  return entries;
}

/** DCAT-AP requires a description; a dataset has none of its own, so it is said what it is. */
function describe(dataset: Dataset, organisations: ReadonlyMap<string, string>, scheme: string | undefined): LanguageMap {
  const owner = organisations.get(dataset.organisation) ?? dataset.organisation;
  return scheme === undefined
    ? { en: `Dataset "${dataset.title}" of ${owner}.`, nl: `Dataset "${dataset.title}" van ${owner}.` }
    : { en: `Term list "${dataset.title}" of ${owner}.`, nl: `Termenlijst "${dataset.title}" van ${owner}.` };
}

/** A term list's name and description from its list record, when a channel publishes that record. */
function listMetadata(records: RecordStore, scheme: string, views: ReadonlyArray<ChannelView | undefined>): { name: LanguageMap; description: LanguageMap } | undefined {
  const record = records.getRecord(scheme);
  if (record === undefined) return undefined;
  for (const view of views) {
    const nquads = view?.content(record);
    if (nquads !== undefined) return metadataOf(scheme, nquadsStatements(nquads));
  }
  return undefined;
}

function totalsByDataset(records: RecordStore): Map<string, { records: number; triples: number }> {
  const totals = new Map<string, { records: number; triples: number }>();
  for (const stats of records.stats()) {
    const total = totals.get(stats.dataset) ?? { records: 0, triples: 0 };
    totals.set(stats.dataset, { records: total.records + stats.records, triples: total.triples + stats.triples });
  }
  return totals;
}

/**
 * What `channel` publishes of the dataset: its live records, corrected for the records with
 * channels of their own. Statements are exact only without restricted properties, whose
 * removal the counts do not know of.
 */
function publishedSize(
  records: RecordStore, policies: PolicySnapshot, channel: Channel, dataset: string, total: { records: number; triples: number },
): CatalogEntry['size'] {
  const whole = policies.publishes(channel, dataset);
  let count = whole ? total.records : 0;
  let triples = whole ? total.triples : 0;
  for (const own of policies.recordPolicies()) {
    if (own.dataset !== dataset || own.channels.includes(channel) === whole) continue;
    const record = records.getRecord(own.iri);
    if (record === undefined || record.deleted || record.dataset !== dataset) continue;
    const sign = whole ? -1 : 1;
    count += sign;
    triples += sign * record.triples;
  }
  return { records: count, triples: policies.restricted(dataset).length > 0 ? undefined : triples };
}
