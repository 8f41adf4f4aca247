/** What a query asks of the index. */
export interface QueryJob {
  readonly type: 'query';
  readonly query: string;
  /** A result media type fitting the query form (see sparql/result-formats.ts). */
  readonly mediaType: string;
  readonly baseIri: string;
  /** Protocol dataset (default-graph-uri, named-graph-uri); it replaces any other dataset. */
  readonly defaultGraphs?: readonly string[];
  readonly namedGraphs?: readonly string[];
  /** Without a protocol dataset: true makes the default graph the union of all records (the query has no FROM). */
  readonly unionDefaultGraph: boolean;
  /** Serialised results of more UTF-8 bytes are refused with RESULT_TOO_LARGE. */
  readonly maxResultChars: number;
}

export interface UpdateJob {
  readonly type: 'update';
  readonly update: string;
  readonly baseIri: string;
  readonly usingGraphs: readonly string[];
  readonly usingNamedGraphs: readonly string[];
}

/** A query's serialised results and the time the engine took to evaluate and serialise them. */
export interface QueryResult {
  readonly body: string;
  readonly engineMs: number;
}

/** A query's answer, with where its time went (reported to clients as Server-Timing). */
export interface QueryAnswer extends QueryResult {
  /** Time waiting for a free, caught-up replica. */
  readonly waitMs: number;
}

/** The new content of every graph an update touched ('' when it became empty). */
export interface UpdateResult {
  /** The change-log head the update was evaluated against. */
  readonly head: number;
  readonly graphs: ReadonlyArray<{ readonly iri: string; readonly nquads: string }>;
}

export interface TripleStoreStatus {
  /** True once at least one replica serves and every serving replica has applied the change log head. */
  readonly ready: boolean;
  /** The lowest change-log sequence number applied by the serving replicas (0 when none serves). */
  readonly appliedHead: number;
  readonly replicas: ReadonlyArray<{
    readonly name: string;
    readonly state: 'building' | 'serving';
    readonly head: number;
    /** Records the engine refused and this replica does not hold (their IRIs are in the log). */
    readonly skippedRecords: number;
  }>;
}

/**
 * The SPARQL index: a projection of the record store that answers SPARQL.
 *
 * Contract:
 * - `query` answers within `timeoutMs` (queue wait included) or rejects with QueryTimeoutError;
 *   a query that parses badly rejects with SparqlSyntaxError, one that fails with
 *   QueryFailedError; while no replica serves, it rejects at once with ServiceUnavailableError.
 * - `client` identifies who asks: a free replica goes to the waiting query whose client has the
 *   fewest queries running, so one client's queries cannot keep others waiting for the next one.
 * - A query started after `notifyChanges()` returned, or after an update resolved, sees every
 *   change-log entry that existed at that moment (read your writes).
 * - `update` evaluates the update on an up-to-date replica and hands the touched graphs to
 *   `commit`, which must write them through the record store; when `commit` throws, the replica
 *   is restored and the error propagates. StaleWriteError from `commit` makes it evaluate again.
 */
export interface TripleStore {
  query(job: QueryJob, timeoutMs: number, client?: string): Promise<QueryAnswer>;
  update<T>(job: UpdateJob, timeoutMs: number, commit: (result: UpdateResult) => Promise<T>): Promise<T>;
  /** Tells the index the change log may have grown (a local write, or the poller saw one). */
  notifyChanges(): void;
  status(): TripleStoreStatus;
  close(): Promise<void>;
}
