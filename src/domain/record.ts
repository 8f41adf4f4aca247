import type { DefaultPolicy } from './publication-policy.js';
import type { RecordKind } from './record-kind.js';

/**
 * The operations the change log records. `policy`: the record's content is unchanged but what
 * the channels may publish of it changed (its dataset's or its own publication policy).
 */
export type ChangeOp = 'create' | 'update' | 'delete' | 'policy';

/** A record as the record store holds it: one named graph, its current version. */
export interface StoredRecord {
  readonly id: number;
  readonly iri: string;
  readonly dataset: string;
  readonly kind: RecordKind;
  readonly nquads: string;
  readonly hash: string;
  readonly triples: number;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deleted: boolean;
}

/** One version in a record's history. */
export interface RecordVersion {
  readonly version: number;
  readonly nquads: string;
  readonly hash: string;
  readonly deleted: boolean;
  readonly createdAt: string;
}

/** Put a record's full content (canonical N-Quads, see rdf/canonical-record.ts). */
export interface PutRecord {
  readonly op: 'put';
  readonly iri: string;
  readonly dataset: string;
  readonly kind: RecordKind;
  readonly nquads: string;
  readonly hash: string;
  readonly triples: number;
}

/** Mark a record deleted; its history stays. */
export interface DeleteRecord {
  readonly op: 'delete';
  readonly iri: string;
}

export type RecordWrite = PutRecord | DeleteRecord;

/** What one batch did. `unchanged` counts puts of identical content, which create no version. */
export interface BatchResult {
  readonly created: number;
  readonly updated: number;
  readonly deleted: number;
  readonly unchanged: number;
  /** The change-log head after the batch. */
  readonly lastSeq: number;
}

/** One change-log entry. */
export interface ChangeEntry {
  readonly seq: number;
  readonly iri: string;
  readonly dataset: string;
  readonly version: number;
  readonly op: ChangeOp;
  readonly at: string;
}

export interface Organisation {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
}

/** A dataset to create when missing: in the default organisation unless named, with the `open` policy unless named. */
export interface NewDataset {
  readonly id: string;
  readonly organisation?: string;
  readonly title?: string;
  readonly policy?: DefaultPolicy;
}

export interface Dataset {
  readonly id: string;
  readonly organisation: string;
  readonly title: string;
  readonly createdAt: string;
}

/** Record counts per dataset and kind, as `stats` prints them. */
export interface DatasetStats {
  readonly dataset: string;
  readonly kind: RecordKind;
  readonly records: number;
  readonly triples: number;
  readonly deleted: number;
}
