/** Messages between the main thread and an oxigraph index worker. */
import type { QueryJob, UpdateJob } from '../ports/triple-store.js';

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
  /** The HTTP status of the AppError, when it was one. */
  readonly status?: number;
  readonly message: string;
  readonly extensions?: Record<string, unknown>;
  /** The worker's WebAssembly instance is broken; the replica must be replaced. */
  readonly fatal?: boolean;
}

export type WorkerResponse =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: WireError };

/** Unsolicited news from a worker: build progress, or a record the engine refused. */
export type WorkerEvent =
  | { readonly type: 'progress'; readonly triples: number; readonly elapsedMs: number }
  | { readonly type: 'skipped'; readonly iri: string; readonly reason: string };

export interface BuildResult {
  readonly head: number;
  readonly triples: number;
  readonly elapsedMs: number;
  readonly skipped: number;
}

export interface SyncResult {
  readonly head: number;
  readonly records: number;
  readonly skipped: number;
}

export interface WorkerInit {
  readonly dataDir: string;
}
