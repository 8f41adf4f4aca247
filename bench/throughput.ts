import { latencyStats, type LatencyStats } from './latency-stats.js';

/** Runs `run` from `workers` loops at once for `ms`: completed calls per second and their latency. */
export async function throughput(run: (i: number) => Promise<string>, workers: number, ms: number): Promise<{ perSecond: number; latency: LatencyStats; workers: number }> {
  const samples: number[] = [];
  let next = 0;
  const started = performance.now();
  const loop = async (): Promise<void> => {
    while (performance.now() - started < ms) {
      const sent = performance.now();
      await run(next++);
      samples.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: workers }, loop));
  const elapsed = performance.now() - started;
  return { perSecond: (samples.length / elapsed) * 1000, latency: latencyStats(samples), workers };
}
