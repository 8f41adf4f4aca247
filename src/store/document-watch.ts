import { documentOf } from '../domain/iri.js';
import type { DocumentRecords } from '../ports/record-store.js';
import { cutOffIn } from '../rdf/hash-documents.js';

/**
 * The documents a batch writes to, in datasets with restricted properties: which of their hash
 * records only a restricted property leads to before the batch, to compare with after it.
 */
export class DocumentWatch {
  private readonly watched = new Map<string, {
    readonly document: string; readonly dataset: string; readonly restricted: readonly string[];
    /** The document's hash records of the dataset that were live before the batch. */
    readonly live: ReadonlySet<string>;
    readonly cut: ReadonlySet<string>;
  }>();
  private readonly restrictions = new Map<string, readonly string[]>();

  constructor(private readonly records: DocumentRecords, private readonly restrictedOf: (dataset: string) => readonly string[]) {}

  /** Before `iri` is written (in `dataset`, or undefined when it has no record): takes in its document. */
  before(iri: string, dataset: string | undefined): void {
    if (dataset === undefined) return;
    const document = documentOf(iri) ?? iri;
    const key = `${dataset} ${document}`;
    if (this.watched.has(key)) return;
    let restricted = this.restrictions.get(dataset);
    if (restricted === undefined) {
      restricted = this.restrictedOf(dataset);
      this.restrictions.set(dataset, restricted);
    }
    if (restricted.length === 0) return;
    const records = this.records.documentRecords(document);
    const live = new Set(records.filter((record) => record.dataset === dataset && record.iri !== document).map((record) => record.iri));
    this.watched.set(key, { document, dataset, restricted, live, cut: cutOffIn(document, records, dataset, restricted) });
  }

  /**
   * The hash IRIs, of records live before the batch, whose being cut off changed since `before`:
   * those the batch wrote too (a harvester that had the record needs its tombstone even when the
   * batch also changed it), not those it created, which were never published.
   */
  changed(): string[] {
    const out: string[] = [];
    for (const { document, dataset, restricted, live, cut } of this.watched.values()) {
      const now = cutOffIn(document, this.records.documentRecords(document), dataset, restricted);
      for (const iri of now) if (!cut.has(iri) && live.has(iri)) out.push(iri);
      for (const iri of cut) if (!now.has(iri) && live.has(iri)) out.push(iri);
    }
    return out;
  }
}
