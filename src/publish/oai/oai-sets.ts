import type { ChannelView } from '../../access/publication-policy.js';
import type { HarvestDataset } from '../../ports/harvest-feed.js';

/** A set as ListSets shows it. */
export interface OaiSet {
  readonly spec: string;
  readonly name: string;
}

/**
 * Sets form one hierarchy: an organisation is `{organisation}` and each of its datasets is
 * `{organisation}:{dataset}` below it, so a harvest of an organisation's set takes all its
 * datasets (section 2.6). Organisation and dataset ids use only characters a setSpec allows.
 * A record's header names its dataset's set, which implies its organisation's.
 */
export function setSpecOf(dataset: HarvestDataset): string {
  return `${dataset.organisation}:${dataset.id}`;
}

/** The sets of the organisations and datasets the view publishes anything of, organisations first, each followed by its datasets. */
export function visibleSets(datasets: readonly HarvestDataset[], view: ChannelView): OaiSet[] {
  const sets: OaiSet[] = [];
  let organisation: string | undefined;
  // Datasets come ordered by organisation, then id.
  for (const dataset of datasets.filter((candidate) => view.seesAny(candidate.id))) {
    if (dataset.organisation !== organisation) {
      organisation = dataset.organisation;
      sets.push({ spec: dataset.organisation, name: dataset.organisationName });
    }
    sets.push({ spec: setSpecOf(dataset), name: dataset.title });
  }
  return sets;
}

/** The ids of the datasets a setSpec selects: an organisation's, or one dataset; none for a spec no set has. */
export function datasetsInSet(spec: string, datasets: readonly HarvestDataset[]): string[] {
  const [organisation, id, ...rest] = spec.split(':');
  if (rest.length > 0) return [];
  return datasets
    .filter((dataset) => dataset.organisation === organisation && (id === undefined || dataset.id === id))
    .map((dataset) => dataset.id);
}
