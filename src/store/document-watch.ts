import { documentOf } from '../domain/iri.js';
import type { DocumentRecords } from '../ports/record-store.js';
import { cutOffIn, neverCutOff } from '../rdf/hash-documents.js';

/** A document as a batch left it: its live hash records and those cut off, at a change-log head. */
export interface JudgedDocument {
  readonly head: number;
  readonly restricted: string;
  readonly live: ReadonlySet<string>;
  readonly cut: ReadonlySet<string>;
}

/** Documents judged after the batches a store wrote, by dataset and document IRI, for the next batch. */
export class JudgedDocuments {
  private readonly kept = new Map<string, JudgedDocument>();

  /** The document as judged at `head` under `restricted`; undefined when it was not, or the log moved on since. */
  at(key: string, head: number, restricted: readonly string[]): JudgedDocument | undefined {
    const judged = this.kept.get(key);
    return judged !== undefined && judged.head === head && judged.restricted === restricted.join(' ') ? judged : undefined;
  }

  /** Keeps what a committed batch left, at its head (a few hundred documents, the last ones). */
  keep(judged: ReadonlyMap<string, Omit<JudgedDocument, 'head'>>, head: number): void {
    for (const [key, document] of judged) {
      if (this.kept.size >= KEPT_DOCUMENTS) this.kept.clear();
      this.kept.set(key, { ...document, head });
    }
  }
}

const KEPT_DOCUMENTS = 256;

/**
 * The documents a batch changes, in datasets with restricted properties: which of their hash
 * records only a restricted property leads to before the batch, to compare with after it. A
 * load writes one large document over many batches: what the last batch left is taken from
 * `kept` when nothing was written since, so each batch judges the document once, not twice.
 */
export class DocumentWatch {
  private readonly watched = new Map<string, {
    readonly document: string; readonly dataset: string; readonly restricted: readonly string[];
    /** The document's hash records of the dataset that were live before the batch. */
    readonly live: ReadonlySet<string>;
    readonly cut: ReadonlySet<string>;
  }>();
  private readonly restrictions = new Map<string, readonly string[]>();

  /** The documents as the batch left them, to keep once it is committed. */
  readonly after = new Map<string, Omit<JudgedDocument, 'head'>>();

  constructor(
    private readonly records: DocumentRecords, private readonly restrictedOf: (dataset: string) => readonly string[],
    private readonly kept: JudgedDocuments, private readonly head: number,
  ) {}

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
    const known = this.kept.at(key, this.head, restricted);
    const { live, cut } = known ?? this.judged(document, dataset, restricted);
    this.watched.set(key, { document, dataset, restricted, live, cut });
  }

  /**
   * The hash IRIs, of records live before the batch, whose being cut off changed since `before`:
   * those the batch wrote too (a harvester that had the record needs its tombstone even when the
   * batch also changed it), not those it created, which were never published.
   */
  changed(): string[] {
    const out: string[] = [];
    for (const [key, { document, dataset, restricted, live, cut }] of this.watched) {
      const judged = this.judged(document, dataset, restricted);
      this.after.set(key, { restricted: restricted.join(' '), ...judged });
      const now = judged.cut;
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
