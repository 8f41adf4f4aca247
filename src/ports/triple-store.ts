import type { QueryJob, QueryResult, UpdateJob, UpdateResult } from '../sparql/worker-protocol.js';

/** A query's answer, with where its time went (reported to clients as Server-Timing). */
export interface QueryAnswer extends QueryResult {
  /** Time waiting for a free, caught-up replica. */
  readonly waitMs: number;
}

export interface TripleStoreStatus {
  /** True once at least one replica serves and every serving replica has applied the change log head. */
  readonly ready: boolean;
  /** The lowest change-log sequence number applied by the serving replicas (0 when none serves). */
  readonly appliedHead: number;
  readonly replicas: ReadonlyArray<{ readonly name: string; readonly state: 'building' | 'serving'; readonly head: number }>;
}

/**
 * The SPARQL index: a projection of the record store that answers SPARQL.
 *
 * Contract:
 * - `query` answers within `timeoutMs` (queue wait included) or rejects with QueryTimeoutError;
 *   a query that parses badly rejects with SparqlSyntaxError, one that fails with QueryFailedError.
 * - A query started after `notifyChanges()` returned, or after an update resolved, sees every
 *   change-log entry that existed at that moment (read your writes).
 * - `update` evaluates the update on an up-to-date replica and hands the touched graphs to
 *   `commit`, which must write them through the record store; when `commit` throws, the replica
 *   is restored and the error propagates. StaleWriteError from `commit` makes it retry.
 */
export interface TripleStore {
  query(job: QueryJob, timeoutMs: number): Promise<QueryAnswer>;
  update<T>(job: UpdateJob, timeoutMs: number, commit: (result: UpdateResult) => Promise<T>): Promise<T>;
  /** Tells the index the change log may have grown (a local write, or the poller saw one). */
  notifyChanges(): void;
  status(): TripleStoreStatus;
  close(): Promise<void>;
}
