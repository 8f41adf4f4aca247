import type { RecordKind } from '../domain/record-kind.js';

/** A dataset as a harvest describes it: its organisation (for sets and the publisher) and rights. */
export interface HarvestDataset {
  readonly id: string;
  readonly title: string;
  readonly organisation: string;
  readonly organisationName: string;
  /** The rights statement of the dataset's publication policy; undefined when none was set. */
  readonly rights: string | undefined;
}

/** A record with channels of its own, by IRI and the dataset they were set in. */
export interface OwnChannelsRecord {
  readonly iri: string;
  readonly dataset: string;
}

/**
 * Which records a channel shows, as lists the SQL can test: a record is visible when it is in
 * `shown`, or when its dataset is in `datasets` and it is not in `hidden` (records with
 * channels of their own that differ from their dataset's). A record counts as in a list only
 * while it is in the dataset its channels were set in.
 */
export interface HarvestVisibility {
  readonly datasets: readonly string[];
  readonly shown: readonly OwnChannelsRecord[];
  readonly hidden: readonly OwnChannelsRecord[];
}

/** The records a list request selects. */
export interface HarvestSelection {
  readonly visibility: HarvestVisibility;
  /** Only records of these datasets; undefined for every dataset. */
  readonly datasets?: readonly string[] | undefined;
  /** Only records whose latest change-log entry was made at or after this ISO 8601 time. */
  readonly from?: string | undefined;
  /** Only records whose latest change-log entry was made before this ISO 8601 time. */
  readonly before?: string | undefined;
  /** Only records of these kinds (what a metadata format can disseminate at all); undefined for every kind. */
  readonly kinds?: readonly RecordKind[] | undefined;
}

/** A record at its latest change-log entry. */
export interface HarvestEntry {
  /** The sequence number of the record's latest change-log entry: its place in a harvest. */
  readonly seq: number;
  readonly iri: string;
  readonly dataset: string;
  readonly kind: RecordKind;
  /** When the latest entry was made (ISO 8601, milliseconds, UTC). */
  readonly at: string;
  readonly deleted: boolean;
  /** Whether the selection's visibility shows the record; one it does not show is listed only as withdrawn. */
  readonly visible: boolean;
  /** The current content, when asked for ('' for a deleted record). */
  readonly nquads: string | undefined;
}

/** One page of a harvest. */
export interface HarvestPage {
  /** At most `limit` entries, in the order of their `seq`. */
  readonly entries: HarvestEntry[];
  /** How many entries the whole selection holds, when asked for; read in the same snapshot as the page. */
  readonly total: number | undefined;
}

/**
 * What OAI-PMH harvesting reads: records ordered by their latest change-log entry, filtered by
 * dataset, time and visibility, in pages.
 *
 * Contract:
 * - A record appears at most once in a selection, at its latest change-log entry, so a record
 *   that changes during a harvest moves past the harvest's position and is listed again, never
 *   skipped.
 * - A record the visibility does not show is listed (with `visible: false`) only when its change
 *   log holds a `policy` entry, that is when it may have been published before; otherwise it is
 *   absent, as if it did not exist.
 * - Reads never write; the feed works on a read-only connection.
 */
export interface HarvestFeed {
  /** Every dataset with its organisation and rights. */
  datasets(): HarvestDataset[];
  /** The time of the earliest change-log entry; undefined when the log is empty. */
  earliest(): string | undefined;
  /** The selection's entries after sequence number `after`, at most `limit`, with content when `content` is set. */
  page(selection: HarvestSelection, options: { after: number; limit: number; content: boolean; total: boolean }): HarvestPage;
  /** One record at its latest entry under `visibility`, with its content; undefined when it is unknown or absent by the rule above. */
  entry(iri: string, visibility: HarvestVisibility): HarvestEntry | undefined;
  /** A record's current dataset and content, whatever its visibility; undefined when unknown or deleted. */
  content(iri: string): { readonly dataset: string; readonly nquads: string } | undefined;
  close(): void;
}
