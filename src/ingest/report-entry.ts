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
