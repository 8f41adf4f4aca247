import type { RssPeaks } from './ingest-rss-sampler.js';
import type { Machine } from './machine.js';

/** Time `runIngest` spent per stage, in ms, as its run summary reports it (`summary.stages`). */
export interface IngestStageMs {
  /** The first pass over the input: the CSV reader alone, over every row. */
  readonly checking: number;
  /** The second pass: waiting for the reader's next row between the other stages. */
  readonly reading: number;
  /** CSVW lift, SPARQL CONSTRUCT and the split into records; summed over the worker threads when there are any. */
  readonly mapping: number;
  /** SHACL, per record; summed over the worker threads. */
  readonly validating: number;
  /** Canonicalisation and hash (summed over the worker threads), and the ownership and duplicate checks before a write. */
  readonly preparing: number;
  /** The record store's batch transactions and the run's notes. */
  readonly writing: number;
  /** The main thread waiting for the worker threads' next mapped chunk. */
  readonly waiting: number;
}

/** Everything one run of the ingest benchmark measured. */
export interface IngestBenchResult {
  readonly machine: Machine;
  /** ISO 8601 timestamp of the run. */
  readonly date: string;
  /** The command that ran the benchmark. */
  readonly command: string;
  readonly dataset: { readonly rows: number; readonly bytes: number; readonly seed: number; readonly mapping: string; readonly batchSize: number };
  /** `runIngest` as `cultuurgraaf ingest` calls it, wall clock and the run's own stage times. */
  readonly ingest: {
    readonly ms: number;
    readonly status: 'succeeded' | 'failed';
    readonly items: number;
    readonly records: number;
    readonly rejectedItems: number;
    readonly warnings: number;
    readonly stages: IngestStageMs;
    /** Worker threads that mapped and validated; 0 when the main thread did. */
    readonly threads: number;
  };
  /** A fresh index replica: `buildMs` as the worker timed `build()`, `ms` from spawning the worker to the index being ready. */
  readonly index: { readonly triples: number; readonly buildMs: number; readonly ms: number };
  /** From calling `runIngest` to the index being ready: `ingest.ms + index.ms`. */
  readonly endToEndMs: number;
  /**
   * How much CPU the process got meanwhile (user + system, every thread), and the machine's
   * 1-minute load average before and after: on a shared machine, what other processes took.
   */
  readonly cpu: { readonly ms: number; readonly loadBefore: number; readonly loadAfter: number };
  readonly memory: {
    /** Sampled by phase: `ingest`, `index`. */
    readonly sampled: RssPeaks;
    /** The kernel's peak RSS of the process when the ingest had ended, and at the end, in bytes. */
    readonly ingestHighWaterMark: number;
    readonly highWaterMark: number;
    /** The process's RSS after the ingest, after a garbage collection, just before the index build. */
    readonly beforeIndex: number;
    /** The highest RSS while the index was built: the kernel's peak if the build set it, else the sampled one. */
    readonly indexPeak: number;
    /** Where the kernel's figures come from: `VmHWM` (Linux) or `maxRSS` (getrusage). */
    readonly source: string;
  };
}
