import type { HarvestDataset, HarvestFeed } from '../../ports/harvest-feed.js';

/**
 * The datasets with their organisations and rights, read once per request. A dataset created
 * after that (its records may already be in a page) is read again on the miss, so a live record
 * is never mistaken for a deleted one.
 */
export class DatasetDirectory {
  private byId: ReadonlyMap<string, HarvestDataset>;

  constructor(private readonly feed: HarvestFeed) {
    this.byId = this.read();
  }

  get(id: string): HarvestDataset | undefined {
    if (!this.byId.has(id)) this.byId = this.read();
    return this.byId.get(id);
  }

  /** Every dataset, ordered by organisation, then id. */
  all(): HarvestDataset[] {
    return [...this.byId.values()];
  }

  private read(): ReadonlyMap<string, HarvestDataset> {
    return new Map(this.feed.datasets().map((dataset) => [dataset.id, dataset]));
  }
}
