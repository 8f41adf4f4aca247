import type { ReportEntries, ReportEntry } from '../ingest/report-entry.js';

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** Counts and timings of a run, as the summary table and `GET /api/runs/{id}` show them. */
export interface RunSummary {
  readonly items: number;
  readonly records: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejectedItems: number;
  readonly rejectedRecords: number;
  readonly deleted: number;
  readonly warnings: number;
  readonly durationMs: number;
  /**
   * Stage timings in ms: checking (the first pass over the input), reading, mapping, validating,
   * preparing, writing, waiting (for worker threads). With worker threads, mapping, validating and
   * preparing add up the time of every thread.
   */
  readonly stages?: Readonly<Record<string, number>>;
  /** Worker threads that mapped and validated the items; 0 when the calling thread did. */
  readonly threads?: number;
  readonly dialect?: Readonly<Record<string, string>>;
}

/** A record a run saw, where in the input, and (when stored) the hash of its content. */
export interface NotedRecord {
  readonly iri: string;
  readonly outcome: 'stored' | 'unchanged' | 'rejected';
  readonly source: string;
  readonly hash?: string;
}

export interface IngestRun {
  readonly id: string;
  readonly dataset: string;
  readonly mapping: string;
  readonly source: string;
  readonly replace: boolean;
  readonly status: RunStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly finishedAt?: string;
  readonly summary: Partial<RunSummary>;
  readonly error?: string;
  readonly report: readonly ReportEntry[];
  /** Report entries beyond the stored ones. */
  readonly reportTruncated: number;
}

/**
 * Where ingest runs are recorded: their status, counts, report, and the records each saw.
 * Contract: a run is created `queued` or `running` and ends `succeeded` or `failed` once;
 * `touch` keeps a running run's heartbeat fresh, so a run whose process died can be told apart.
 */
export interface IngestRunStore {
  create(run: { id: string; dataset: string; mapping: string; source: string; replace: boolean; status: 'queued' | 'running' }): IngestRun;
  get(id: string): IngestRun | undefined;
  /** Runs of a dataset that are running and whose heartbeat is younger than `freshMs`. */
  activeRuns(dataset: string, freshMs: number): IngestRun[];
  /** Fails every run still queued (a server's queue lives in its memory: after a restart they never start); returns how many. */
  abandonQueued(error: string): number;
  start(id: string): void;
  touch(id: string, summary: Partial<RunSummary>): void;
  /** Ends the run; of a long report, the first entries are kept and the rest counted as truncated. */
  finish(id: string, outcome: { status: 'succeeded' | 'failed'; summary: Partial<RunSummary>; report: ReportEntries; error?: string }): void;
  /** Notes the records a run saw (stored, unchanged or rejected); a later stored description replaces the note, a rejection never replaces a stored one. */
  noteRecords(runId: string, records: readonly NotedRecord[]): void;
  /** Where the run last stored the record from (the source position noted) and that content's hash, when it did. */
  seenAt(runId: string, iri: string): { source: string; hash: string | undefined } | undefined;
  /**
   * Live records of the dataset this run did not see, that runs of `mapping` described and runs
   * of no other mapping did, in record order from after record id `after`, at most `limit`: what
   * --replace deletes.
   */
  unseenRecords(runId: string, dataset: string, mapping: string, limit: number, after?: number): Array<{ id: number; iri: string }>;
  /** Live records of the dataset this run did not see, whoever wrote them. */
  unseenCount(runId: string, dataset: string): number;
}
