import type { Channel } from '../domain/publication-policy.js';
import type { PolicyStep } from '../domain/channel-history.js';
import type { ChangeEntry } from '../domain/record.js';
import type { RecordKind } from '../domain/record-kind.js';
import type { FeedRecord } from './record-store.js';

/** One change-log entry of a dataset (`at`: when it was committed), with the content of the version it names. */
export interface VersionChange extends ChangeEntry {
  /** The version's canonical N-Quads (for a `policy` entry, the version current then); '' for a deletion. */
  readonly nquads: string;
  /** Of a `policy` entry: the channels that change withdrew from the record; undefined when unknown (an older entry) or another op. */
  readonly withdrawn: readonly Channel[] | undefined;
  /** Of a `policy` entry: the channels that change granted the record; undefined when unknown or another op. */
  readonly granted: readonly Channel[] | undefined;
}

/** How far a dataset's change log reached: what dumps and the catalogue date and tag themselves by. */
export interface DatasetActivity {
  readonly lastSeq: number;
  readonly lastAt: string;
  /** How many change-log entries belong to the dataset's records. */
  readonly entries: number;
}

/** A dataset's live records as of one moment, read on a connection of its own. */
export interface DatasetSnapshot {
  /** The dataset's activity as of the snapshot; undefined when its records never changed. */
  readonly activity: DatasetActivity | undefined;
  /** The live records in storage order, of one kind when given. Iterate at most once. */
  records(kind?: RecordKind): IterableIterator<FeedRecord>;
  /** Ends the snapshot; call it whether or not `records` was read to the end. */
  close(): void;
}

/**
 * What the publication channels read of the record store: a dataset's versions in change-log
 * order (LDES), its live records in one snapshot (dumps), and how far its log reached (dumps
 * and the catalogue).
 *
 * Contract:
 * - A record's entries belong to the dataset the record is in now (the change log keeps no
 *   dataset), so a record deleted in one dataset and created again in another takes its history along.
 * - `changes` reads in one snapshot: every entry it returns carries the content its version had.
 * - A `DatasetSnapshot` sees the store as it was when it was opened, however long it is read,
 *   and never holds up other readers or writers of the store (WAL).
 * - Nothing here applies the publication policy: callers do.
 */
export interface VersionFeed {
  /** The dataset's change-log entries after `afterSeq`, oldest first, at most `limit`, with their versions' content. */
  changes(dataset: string, afterSeq: number, limit: number): VersionChange[];
  /** How far the dataset's change log reached; undefined when it has no entries. */
  activity(dataset: string): DatasetActivity | undefined;
  /** Every dataset's activity, in one read. */
  activities(): ReadonlyMap<string, DatasetActivity>;
  /** The `policy` entries after `afterSeq` of the records with these IRIs: what their channel history is worked out from. */
  policySteps(iris: readonly string[], afterSeq: number): Map<string, PolicyStep[]>;
  /** Opens a snapshot of the dataset's live records; the caller closes it. */
  snapshot(dataset: string): DatasetSnapshot;
  /** The change-log head (0 when empty). */
  head(): number;
  close(): void;
}
