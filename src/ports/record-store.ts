import type { PolicySnapshot } from '../domain/publication-policy.js';
import type { RecordKind } from '../domain/record-kind.js';
import type {
  BatchResult, ChangeEntry, Dataset, DatasetStats, NewDataset, Organisation, RecordVersion, RecordWrite, StoredRecord,
} from '../domain/record.js';

/** A live record of a document, as `DocumentRecords` reads it. */
export interface DocumentRecord {
  readonly iri: string;
  readonly dataset: string;
  readonly kind: RecordKind;
  readonly nquads: string;
}

/**
 * What a channel reads to judge a hash record (`person#birth`) as part of its document: a
 * record of its own, as `cultuurgraaf load` makes of every subject, is still what the person's
 * record says of it, and a property restricted there hides it too.
 */
export interface DocumentRecords {
  /**
   * The records of the document at `document` (no fragment): its live hash records (`document#…`),
   * and its own record, as it last was when it was deleted: a deleted person's record still says
   * what only its restricted properties led to.
   */
  documentRecords(document: string): DocumentRecord[];
  /** The change-log head: what the records are as of. */
  head(): number;
}

/**
 * The system of record: organisations, datasets, records (one named graph each), their
 * versions, and the change log every projection follows.
 *
 * Contract:
 * - `writeBatch` is one transaction: it lands whole or not at all. A put of content whose hash
 *   equals the current version's creates no version and no change-log entry.
 * - Every version a batch creates gets exactly one change-log entry; sequence numbers only grow.
 * - Several processes may open the same store; writes serialise, readers see whole batches.
 */
export interface RecordStore extends DocumentRecords {
  /** Creates the organisation if it does not exist; never renames an existing one. */
  ensureOrganisation(id: string, name: string): Organisation;
  /**
   * Creates the dataset if it does not exist (in `organisation`, default organisation when
   * omitted), with its first publication policy (`open` unless `policy` says otherwise).
   * Throws NotFoundError when the organisation does not exist.
   */
  ensureDataset(id: string, options?: Omit<NewDataset, 'id'>): Dataset;
  getDataset(id: string): Dataset | undefined;
  listDatasets(): Dataset[];
  listOrganisations(): Organisation[];

  /** The record with this IRI, deleted ones included; undefined when never stored. */
  getRecord(iri: string): StoredRecord | undefined;
  /**
   * The records whose IRIs are `iri` with a fragment (`iri#rood`), deleted ones included, in IRI
   * order, without their content: the hash resources the document at `iri` may describe.
   */
  hashRecordRefs(iri: string): Array<{ readonly iri: string; readonly dataset: string; readonly deleted: boolean }>;
  /** Every version of a record, oldest first; empty when the IRI is unknown. */
  history(iri: string): RecordVersion[];

  /**
   * Applies the writes in order, in one transaction, first creating the datasets named in
   * `createDatasets` that do not exist yet (as `ensureDataset` does). A dataset of
   * `createDatasets` that exists in another organisation than the one it names is a
   * ConflictError: the writer was allowed into the organisation it named, not into that one.
   * Throws NotFoundError for an unknown dataset, ConflictError when a put targets an IRI that a
   * live record of another dataset holds, and StaleWriteError when `expectedHead` is given and
   * the change log moved past it. On any error nothing is written, datasets included.
   */
  writeBatch(writes: Iterable<RecordWrite>, options?: { expectedHead?: number; createDatasets?: readonly NewDataset[] }): BatchResult;

  /** The sequence number of the last change-log entry (0 when empty). */
  head(): number;
  /** Change-log entries after `seq`, oldest first, at most `limit`. */
  changesSince(seq: number, limit: number): ChangeEntry[];

  /** Live (not deleted) records' N-Quads, one record per item, optionally of one dataset. */
  iterateNQuads(filter?: { dataset?: string }): IterableIterator<string>;
  /** A dataset's live records of one kind, with their content, oldest first: what an export reads. */
  iterateRecords(dataset: string, kind: RecordKind): IterableIterator<FeedRecord & { readonly kind: RecordKind }>;
  /** Record and triple counts per dataset and kind. */
  stats(): DatasetStats[];
  /** The IRIs of a dataset's live records of one kind (a term list's concepts). */
  liveRecords(dataset: string, kind: RecordKind): string[];
  /** The number of live records. */
  countRecords(): number;

  /** The last change-log entry a projection applied (0 when it never ran). */
  projectionSeq(name: string): number;
  setProjectionSeq(name: string, seq: number): void;

  /** Settings the data dir remembers, such as its base IRI. */
  getSetting(key: string): string | undefined;
  setSetting(key: string, value: string): void;

  close(): void;
}

/**
 * What the SPARQL index (and other projections) read: a consistent snapshot to build from,
 * and the changes since a sequence number to follow.
 */
export interface RecordFeed extends DocumentRecords {
  /**
   * Reads every live record in one consistent snapshot, handing them to `onChunk` in chunks of
   * about `chunkTriples` statements, with the publication policies as of that snapshot.
   * Returns the change-log head the snapshot corresponds to.
   */
  readSnapshot(chunkTriples: number, onChunk: (records: FeedRecord[], triples: number, policies: PolicySnapshot) => void): number;
  /**
   * The records changed after `seq`, each once, with their current content (null when deleted),
   * read in one snapshot, up to about `limit` change-log entries, with the publication policies
   * of that snapshot. `head` is the last entry covered.
   */
  changedSince(seq: number, limit: number): { head: number; records: ChangedRecord[]; policies: PolicySnapshot };
  /**
   * As `changedSince`, for records of the given kinds only: what a projection of some kinds
   * (the term index: concepts and term lists) follows. `head` still covers the entries of other
   * kinds it passed over. `policy` entries are passed over too: such a projection holds content,
   * and its readers apply the publication policy themselves.
   */
  changedOfKinds(seq: number, limit: number, kinds: readonly RecordKind[]): { head: number; records: ChangedRecord[] };
  /**
   * Reads every live record of the given kinds in one consistent snapshot, in chunks of at most
   * `chunkRecords`, and returns the change-log head the snapshot corresponds to: how a projection
   * of some kinds is first built.
   */
  readKinds(kinds: readonly RecordKind[], chunkRecords: number, onChunk: (records: ChangedRecord[]) => void): number;
  /** The change-log head. */
  head(): number;
  close(): void;
}

/** A changed record as the feed hands it out: its current content, null when deleted. */
export interface ChangedRecord {
  readonly iri: string;
  readonly dataset: string;
  readonly kind: RecordKind;
  readonly nquads: string | null;
}

/** A live record as the feed hands it out. */
export interface FeedRecord {
  readonly iri: string;
  readonly dataset: string;
  readonly nquads: string;
}

/** Raised by `writeBatch` when `expectedHead` no longer holds; the caller may retry. */
export class StaleWriteError extends Error {
  constructor(readonly expectedHead: number, readonly actualHead: number) {
    super(`The change log moved from ${expectedHead} to ${actualHead} while the write was prepared.`);
  }
}
