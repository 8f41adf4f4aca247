/** Messages between the main thread and an oxigraph index worker. */

/** What a query asks of the index. Absent dataset lists mean: default graph = union of all graphs. */
export interface QueryJob {
  readonly type: 'query';
  readonly query: string;
  /** An oxigraph results format (media type) fitting the query form. */
  readonly resultsFormat: string;
  readonly baseIri: string;
  readonly defaultGraphs?: readonly string[];
  readonly namedGraphs?: readonly string[];
}

export interface UpdateJob {
  readonly type: 'update';
  readonly update: string;
  readonly baseIri: string;
  readonly usingGraphs: readonly string[];
  readonly usingNamedGraphs: readonly string[];
}

export type WorkerJob =
  | { readonly type: 'build' }
  | { readonly type: 'sync' }
  | QueryJob
  | UpdateJob
  /** Ends the update session opened by an UpdateJob: keep its effects or undo them. */
  | { readonly type: 'finish-update'; readonly commit: boolean };

export interface WorkerRequest {
  readonly id: number;
  readonly job: WorkerJob;
}

/** An error that crossed the thread boundary; `code` is an AppError code when there is one. */
export interface WireError {
  readonly code?: string;
  readonly message: string;
  readonly extensions?: Record<string, unknown>;
  /** The worker's WebAssembly instance is broken; the replica must be replaced. */
  readonly fatal?: boolean;
}

export type WorkerResponse =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: WireError };

/** Unsolicited progress while building the index. */
export interface WorkerProgress {
  readonly type: 'progress';
  readonly triples: number;
  readonly elapsedMs: number;
}

/** A query's serialised results and the time oxigraph took to evaluate and serialise them. */
export interface QueryResult {
  readonly body: string;
  readonly engineMs: number;
}

export interface BuildResult {
  readonly head: number;
  readonly triples: number;
  readonly elapsedMs: number;
}

export interface SyncResult {
  readonly head: number;
  readonly records: number;
}

/** The new content of every graph an update touched ('' when it became empty). */
export interface UpdateResult {
  readonly head: number;
  readonly graphs: ReadonlyArray<{ readonly iri: string; readonly nquads: string }>;
}

export interface WorkerInit {
  readonly dataDir: string;
}
