import type { PolicyCostResult } from './policy-cost.js';
import type { LatencyStats } from './latency-stats.js';
import type { LatencyPlan, LatencyRun } from './latency-run.js';
import type { Machine } from './machine.js';

/** Everything one run of the SPARQL benchmark measured. */
export interface SparqlBenchResult {
  readonly machine: Machine;
  /** ISO 8601 timestamp of the run. */
  readonly date: string;
  /** The command that ran the benchmark. */
  readonly command: string;
  readonly dataset: { readonly objects: number; readonly triples: number; readonly records: number; readonly seed: number };
  /** `loadRdfFiles` into a fresh record store: parse, split into records, canonicalise, write. */
  readonly load: { readonly quads: number; readonly records: number; readonly ms: number };
  /** `OxigraphReplica.build()` runs, in triples per second as the worker timed them. */
  readonly rebuild: { readonly triples: number; readonly triplesPerSecond: readonly number[] };
  /** The same N-Quads loaded into an oxigraph store on the main thread. */
  readonly bareLoad: { readonly triples: number; readonly ms: number };
  readonly plan: LatencyPlan;
  /** Index replicas of the server process. */
  readonly replicas: number;
  /** GET /health: what any request costs (client, HTTP, express) without the index. */
  readonly httpFloor: LatencyStats;
  /** The same, each request after the benchmark and server sat idle for `pauseMs`. */
  readonly httpFloorAfterIdle: ReadonlyArray<{ readonly pauseMs: number; readonly stats: LatencyStats }>;
  readonly queries: readonly QueryResult[];
  /** Lookup throughput with and without the access layer's checks (bench/policy-cost.ts). */
  readonly policyCost?: PolicyCostResult;
}

export interface QueryResult {
  readonly key: string;
  readonly title: string;
  /** POST /sparql to a `cultuurgraaf serve` process, keep-alive `node:http` client, alternating with `inProcess`. */
  readonly http: HttpRun;
  /** A query job sent straight to an index replica: the worker round trip, no HTTP. */
  readonly worker: LatencyRun;
  /** A bare oxigraph.Store in this thread. */
  readonly inProcess: LatencyRun;
}

/** HTTP latency, with the server's own engine time per request (Server-Timing) and what the endpoint added. */
export interface HttpRun extends LatencyRun {
  /** oxigraph's time on each request, as the server reports it. */
  readonly engine: LatencyStats;
  /** Per request: HTTP latency less that request's engine time. */
  readonly overhead: LatencyStats;
  /** The part of `overhead` spent inside the server: its Server-Timing `total` less `engine`. */
  readonly inServer: LatencyStats;
}
