import { latencyStats, type LatencyStats } from './latency-stats.js';

/** One query measured one way: latency, and the size of what came back. */
export interface LatencyRun {
  readonly stats: LatencyStats;
  /** Every measured latency, in request order. */
  readonly samples: readonly number[];
  /** Mean solutions per response (SPARQL JSON results). */
  readonly rows: number;
  /** Mean response length in UTF-16 code units (about bytes for this ASCII-heavy data). */
  readonly chars: number;
}

export interface LatencyPlan {
  /**
   * Unmeasured requests sent first: at least `warmup` of them, and more until `warmupMs` has
   * passed. The fetch, HTTP and express code paths need a few thousand requests before V8 has
   * optimised them (p50 of a lookup over HTTP falls from 1.2 to 0.9 ms), so cheap queries get a
   * warm-up by time; slow ones are warm after a few requests.
   */
  readonly warmup: number;
  readonly warmupMs: number;
  readonly iterations: number;
}

/**
 * Calls `run(i)` sequentially, timing each call with performance.now(). Counting the rows
 * (parsing the JSON) happens outside the timed span.
 */
export async function measureLatency(run: (i: number) => Promise<string> | string, plan: LatencyPlan): Promise<LatencyRun> {
  const warmupStarted = performance.now();
  for (let i = 0; i < plan.warmup || performance.now() - warmupStarted < plan.warmupMs; i++) await run(plan.iterations + i);
  const samples: number[] = [];
  let rows = 0;
  let chars = 0;
  for (let i = 0; i < plan.iterations; i++) {
    const started = performance.now();
    const body = await run(i);
    samples.push(performance.now() - started);
    rows += solutionCount(body);
    chars += body.length;
  }
  return { stats: latencyStats(samples), samples, rows: rows / plan.iterations, chars: chars / plan.iterations };
}

function solutionCount(body: string): number {
  const parsed = JSON.parse(body) as { results?: { bindings?: unknown[] } };
  return parsed.results?.bindings?.length ?? 0;
}

/** A response and how long it took, as measured by whoever ran it. */
export interface Timed {
  readonly body: string;
  readonly ms: number;
}

/** Wraps a request so that it times itself. */
export function timed(run: (i: number) => Promise<string> | string): (i: number) => Promise<Timed> {
  return async (i) => {
    const started = performance.now();
    const body = await run(i);
    return { body, ms: performance.now() - started };
  };
}

/**
 * Measures two ways of running the same request, alternating them request by request, so
 * drift of the machine (frequency, other load) over the run hits both alike. Each way times
 * itself (a client in another process measures its own request).
 */
export async function measurePaired(
  first: (i: number) => Promise<Timed>, second: (i: number) => Promise<Timed>, plan: LatencyPlan,
): Promise<[LatencyRun, LatencyRun]> {
  const warmupStarted = performance.now();
  for (let i = 0; i < plan.warmup || performance.now() - warmupStarted < plan.warmupMs; i++) {
    await first(plan.iterations + i);
    await second(plan.iterations + i);
  }
  const samples: [number[], number[]] = [[], []];
  const rows = [0, 0];
  const chars = [0, 0];
  const ways = [first, second] as const;
  for (let i = 0; i < plan.iterations; i++) {
    for (const w of [0, 1] as const) {
      const { body, ms } = await ways[w](i);
      samples[w].push(ms);
      rows[w] = (rows[w] ?? 0) + solutionCount(body);
      chars[w] = (chars[w] ?? 0) + body.length;
    }
  }
  const run = (w: 0 | 1): LatencyRun => ({
    stats: latencyStats(samples[w]), samples: samples[w], rows: (rows[w] ?? 0) / plan.iterations, chars: (chars[w] ?? 0) / plan.iterations,
  });
  return [run(0), run(1)];
}
