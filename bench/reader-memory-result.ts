/** What the reader benchmark measures, from the child process up to the report. */
import type { Machine } from './machine.js';

/** What a child process reports about its two reads of one input. */
export interface ChildReport {
  /** RSS after start-up (imports, a garbage collection), before the input is opened. */
  readonly baselineRss: number;
  /** VmHWM at the end: the process's peak RSS, since the reset when `peakReset`, else since start. */
  readonly peakRss: number;
  /** Whether the peak could be reset to the baseline before reading (`/proc/self/clear_refs`). */
  readonly peakReset: boolean;
  /** The checking pass, then the pass that touches every item. */
  readonly passes: ReadonlyArray<{ readonly items: number; readonly ms: number; readonly rssAfter: number }>;
  readonly checksum: number;
  readonly heapUsed: number;
  readonly external: number;
  /** The encoding and delimiter a CSV was found to have. */
  readonly dialect?: { readonly encoding: string; readonly delimiter: string };
}

/** One input of one size, read in a child process. */
export interface ReaderRun {
  readonly kind: string;
  readonly label: string;
  readonly reader: string;
  readonly fileBytes: number;
  /** Seconds spent writing the file. */
  readonly generateSeconds: number;
  readonly child: ChildReport;
  /** The child's RSS as the parent saw it, every 50 ms from /proc/<pid>/status: highest and median. */
  readonly sampledPeakRss: number;
  readonly sampledMedianRss: number;
  readonly samples: number;
}

/** The end-to-end `cultuurgraaf load` of the N-Triples file, or why it was not measured. */
export type LoadRun =
  | {
    readonly status: 'done'; readonly seconds: number;
    /** Peak RSS of the load process, from `/usr/bin/time -v`. */
    readonly maxRss: number;
    /** What the CLI printed: records, quads. */
    readonly summary: string;
    /** The highest RSS sampled (every 250 ms) in each phase the loader logged. */
    readonly phases: ReadonlyArray<{ readonly phase: string; readonly seconds: number; readonly peakRss: number }>;
  }
  | { readonly status: 'skipped'; readonly reason: string };

export interface ReaderBenchResult {
  readonly date: string;
  readonly machine: Machine & {
    /** The 1-minute load average when the benchmark started and ended: other work on the machine slows the passes, not the peaks. */
    readonly loadAverage: readonly [number, number];
  };
  readonly command: string;
  readonly targetBytes: number;
  /** Each input at the full size, and (when measured) at a quarter of it. */
  readonly full: readonly ReaderRun[];
  readonly quarter: readonly ReaderRun[];
  /** `cultuurgraaf load` of the N-Triples file at the full size, then at the quarter size; empty when not asked for. */
  readonly loads: ReadonlyArray<{ readonly fileBytes: number; readonly run: LoadRun }>;
}
