import type { IngestBenchResult } from './ingest-bench-result.js';

/** The targets the ingest figures are held to (docs/benchmarks.md). */
export const INGEST_TARGETS = {
  /** CSV rows per second, from calling `runIngest` to the index being ready. */
  endToEndRecordsPerSecond: 1_000,
  /** 1.5 GB, read as 10^9 bytes (the stricter reading). */
  peakRssBytes: 1.5e9,
} as const;

export type IngestVerdict = 'PASS' | 'FAIL';

export interface IngestTargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly verdict: IngestVerdict;
}

/** Holds a run against the targets. Peak RSS is judged on the higher of the kernel's figure and the samples. */
export function checkIngestTargets(result: IngestBenchResult): IngestTargetCheck[] {
  const perSecond = recordsPerSecond(result.dataset.rows, result.endToEndMs);
  const peak = peakRss(result);
  return [
    {
      target: `end to end ≥ ${formatCount(INGEST_TARGETS.endToEndRecordsPerSecond)} records/s`,
      measured: `${formatCount(perSecond)} records/s`,
      verdict: perSecond >= INGEST_TARGETS.endToEndRecordsPerSecond ? 'PASS' : 'FAIL',
    },
    {
      target: `peak RSS ≤ ${formatMegabytes(INGEST_TARGETS.peakRssBytes)}`,
      measured: formatMegabytes(peak),
      verdict: peak <= INGEST_TARGETS.peakRssBytes ? 'PASS' : 'FAIL',
    },
  ];
}

/** The peak RSS the target is judged on. */
export function peakRss(result: IngestBenchResult): number {
  return Math.max(result.memory.highWaterMark, result.memory.sampled.peakBytes);
}

export function recordsPerSecond(records: number, ms: number): number {
  return records / (Math.max(ms, 1) / 1000);
}

export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Bytes as MB (10^6 bytes), the unit of the target. */
export function formatMegabytes(bytes: number): string {
  return `${formatCount(bytes / 1e6)} MB`;
}
