import { documentOf } from '../domain/iri.js';
import type { DocumentRecords } from '../ports/record-store.js';
import { cutOffIn, neverCutOff } from '../rdf/hash-documents.js';

/**
 * The documents a batch changes, in datasets with restricted properties: which of their hash
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

  /** Before a record of `dataset` at `iri` is created, changed or deleted: takes in its document. */
  before(iri: string, dataset: string): void {
    const document = documentOf(iri) ?? iri;
    const key = `${dataset} ${document}`;
    if (this.watched.has(key)) return;
    let restricted = this.restrictions.get(dataset);
    if (restricted === undefined) {
      restricted = this.restrictedOf(dataset);
      this.restrictions.set(dataset, restricted);
    }
    if (restricted.length === 0) return;
    this.watched.set(key, { document, dataset, restricted, ...this.judged(document, dataset, restricted) });
  }

  /**
   * The hash IRIs, of records live before the batch, whose being cut off changed since `before`:
   * those the batch wrote too (a harvester that had the record needs its tombstone even when the
   * batch also changed it), not those it created, which were never published.
   */
  changed(): string[] {
    const out: string[] = [];
    for (const { document, dataset, restricted, live, cut } of this.watched.values()) {
      if (live.size === 0) continue;
      const now = this.judged(document, dataset, restricted).cut;
      for (const iri of now) if (!cut.has(iri) && live.has(iri)) out.push(iri);
      for (const iri of cut) if (!now.has(iri) && live.has(iri)) out.push(iri);
    }
    return out;
  }

  /**
   * The document's live hash records of the dataset, and those of them cut off. A document of
   * none but concepts and term lists (a term list), or of none at all (a record as a mapping
   * writes it), has none cut off: its records are not read further.
   */
  private judged(document: string, dataset: string, restricted: readonly string[]): { live: ReadonlySet<string>; cut: ReadonlySet<string> } {
    const records = this.records.documentRecords(document);
    const hashes = records.filter((record) => record.dataset === dataset && record.iri !== document);
    const live = new Set(hashes.map((record) => record.iri));
    if (hashes.every((record) => neverCutOff(record.kind))) return { live, cut: new Set() };
    const cut = cutOffIn(document, records, dataset, restricted);
    return { live, cut: new Set([...cut].filter((iri) => live.has(iri))) };
  }
}
