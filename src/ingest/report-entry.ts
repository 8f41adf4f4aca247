import type { SourcePosition } from './sources/source-item.js';

/** One line of an ingest report: where, what, and why. */
export interface ReportEntry {
  readonly severity: 'error' | 'warning';
  readonly position: SourcePosition;
  /** The record the entry is about, when there is one. */
  readonly record?: string;
  /** SHACL focus node, or the record's own node. */
  readonly focusNode?: string;
  /** Property path, or the source column or field. */
  readonly path?: string;
  readonly value?: string;
  readonly message: string;
  /** SHACL constraint component and shape, for validation results. */
  readonly constraint?: string;
  readonly shape?: string;
}

/** Report entries, read in order as often as asked, with their number known up front. */
export interface ReportEntries extends Iterable<ReportEntry> {
  readonly size: number;
}

/** The report of a run that ended before it read anything. */
export const NO_REPORT: ReportEntries = { size: 0, [Symbol.iterator]: () => ([] as ReportEntry[])[Symbol.iterator]() };
