/** Latency samples summarised the way the benchmark reports them. */
export interface LatencyStats {
  readonly samples: number;
  /** Milliseconds. */
  readonly p50: number;
  readonly p95: number;
  readonly mean: number;
}

/** Percentiles by the nearest-rank method: p95 of 300 samples is the 285th smallest. */
export function latencyStats(samplesMs: readonly number[]): LatencyStats {
  if (samplesMs.length === 0) throw new RangeError('no latency samples');
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const rank = (p: number): number => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
  return {
    samples: sorted.length,
    p50: rank(50),
    p95: rank(95),
    mean: sorted.reduce((sum, x) => sum + x, 0) / sorted.length,
  };
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  return latencyStats(values).p50;
}
