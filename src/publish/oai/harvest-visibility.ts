import type { ChannelView } from '../../access/publication-policy.js';
import type { HarvestVisibility, OwnChannelsRecord } from '../../ports/harvest-feed.js';

/**
 * What a channel view shows, as the lists the harvest feed filters with in SQL: the datasets
 * whose records it shows, and the records whose own channels make an exception either way.
 * Derived from `view.sees`, so the SQL and the view cannot disagree.
 */
export function visibilityOf(view: ChannelView): HarvestVisibility {
  const datasets = view.policies.datasetIds().filter((dataset) => view.sees(dataset));
  const byDataset = new Set(datasets);
  const shown: OwnChannelsRecord[] = [];
  const hidden: OwnChannelsRecord[] = [];
  for (const { iri, dataset } of view.policies.recordPolicies()) {
    const visible = view.sees(dataset, iri);
    if (visible && !byDataset.has(dataset)) shown.push({ iri, dataset });
    else if (!visible && byDataset.has(dataset)) hidden.push({ iri, dataset });
  }
  return { datasets, shown, hidden };
}
