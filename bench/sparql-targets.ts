import { median } from './latency-stats.js';
import { mean, policyCost } from './policy-cost.js';
import type { QueryResult, SparqlBenchResult } from './sparql-bench-result.js';

/** The targets the SPARQL figures are held to (docs/benchmarks.md). */
export const TARGETS = {
  rebuildTriplesPerSecond: 150_000,
  httpLookupP50Ms: 2,
  overheadMs: 1,
  /** Responses up to this many solutions count as small for the overhead target. */
  smallResultRows: 100,
  /** The share of lookup throughput the access layer's checks may cost. */
  policyCostShare: 0.05,
} as const;

export type Verdict = 'PASS' | 'FAIL' | 'not judged';

export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly verdict: Verdict;
  readonly note?: string;
}

/** Holds a run against the targets; every query appears, with the reason when it is not judged. */
export function checkTargets(result: SparqlBenchResult): TargetCheck[] {
  const rebuild = median(result.rebuild.triplesPerSecond);
  const checks: TargetCheck[] = [{
    target: `index rebuild ≥ ${formatInt(TARGETS.rebuildTriplesPerSecond)} triples/s (median of ${result.rebuild.triplesPerSecond.length})`,
    measured: `${formatInt(rebuild)} triples/s`,
    verdict: verdict(rebuild >= TARGETS.rebuildTriplesPerSecond),
  }];
  const lookup = result.queries.find((q) => q.key === 'lookup');
  if (lookup) {
    checks.push({
      target: `HTTP lookup p50 ≤ ${TARGETS.httpLookupP50Ms} ms`,
      measured: `${formatMs(lookup.http.stats.p50)} ms`,
      verdict: verdict(lookup.http.stats.p50 <= TARGETS.httpLookupP50Ms),
    });
  }
  if (result.policyCost !== undefined) {
    const cost = policyCost(result.policyCost);
    checks.push({
      target: `policy checks cost ≤ ${String(TARGETS.policyCostShare * 100)} % of SPARQL lookup throughput (${result.policyCost.rounds} pairs of slices)`,
      measured: `${(cost * 100).toFixed(1)} % (${formatInt(mean(result.policyCost.policed))} against ${formatInt(mean(result.policyCost.open))} lookups/s)`,
      verdict: verdict(cost <= TARGETS.policyCostShare),
    });
  }
  return [...checks, ...result.queries.map(overheadCheck)];
}

function overheadCheck(query: QueryResult): TargetCheck {
  const overhead = query.http.overhead.p50;
  const check = {
    target: `endpoint overhead ≤ ${TARGETS.overheadMs} ms: ${query.title}`,
    measured: `${formatMs(overhead)} ms`,
  };
  if (query.http.rows > TARGETS.smallResultRows) {
    return { ...check, verdict: 'not judged', note: `${formatRows(query.http.rows)} rows is not a small result` };
  }
  return { ...check, verdict: verdict(overhead <= TARGETS.overheadMs) };
}

function verdict(pass: boolean): Verdict {
  return pass ? 'PASS' : 'FAIL';
}

export function formatInt(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function formatMs(value: number): string {
  return value.toFixed(Math.abs(value) < 10 ? 2 : 1);
}

export function formatRows(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
