/**
 * The SPARQL benchmark: generate a synthetic heritage dataset, load it through the record
 * store, rebuild the oxigraph index, then time four queries three ways: over HTTP against a
 * `cultuurgraaf serve` process, straight to an index worker, and on a bare oxigraph store in
 * this thread, the HTTP and bare requests alternating. See bench/README.md.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRdfFiles } from '../src/ingest/rdf-loader.js';
import { createLogger, type Logger } from '../src/logging/logger.js';
import { OxigraphReplica } from '../src/sparql/oxigraph-replica.js';
import type { QueryResult } from '../src/ports/triple-store.js';
import { resolveBaseIri } from '../src/store/base-iri.js';
import { SqliteRecordStore } from '../src/store/sqlite-record-store.js';
import { BareOxigraph } from './bare-oxigraph.js';
import { heritageQueries, type BenchQuery } from './heritage-queries.js';
import { describeMachine } from './machine.js';
import { measureLatency, measurePaired, timed, type LatencyPlan, type LatencyRun } from './latency-run.js';
import { writeMarkedSection } from './markdown-section.js';
import { NodeHttpSparqlClient } from './node-http-sparql-client.js';
import type { HttpRun, SparqlBenchResult } from './sparql-bench-result.js';
import { latencyStats, type LatencyStats } from './latency-stats.js';
import { measurePolicyCost } from './policy-cost.js';
import { renderSparqlReport } from './sparql-report.js';
import { ServerProcess } from './server-process.js';
import { objectsForTriples, writeSyntheticDataset, type SyntheticOptions } from './synthetic-heritage.js';

export interface SparqlBenchOptions {
  /** Dataset size; default 1,000,000 triples. */
  readonly triples?: number;
  /** Measured requests per query and way; default 300. */
  readonly iterations?: number;
  /** Minimum unmeasured requests per query and way; default 30. */
  readonly warmup?: number;
  /** Minimum warm-up time per query and way; default 5 s. */
  readonly warmupMs?: number;
  /** Index rebuilds; default 3. */
  readonly rebuilds?: number;
  /** Pairs of half-second slices of the policy-cost throughput comparison; default 80, 0 leaves it out. */
  readonly policyRounds?: number;
  /** The command shown in the report. */
  readonly command: string;
  /** The markdown file whose `sparql` section is replaced; undefined writes nothing. */
  readonly docsPath?: string;
}

const BASE_IRI = 'http://localhost:8080/';
const ENDPOINT = `${BASE_IRI}sparql`;
const SEED = 42;
const JSON_RESULTS = 'application/sparql-results+json';
const QUERY_TIMEOUT_MS = 60_000;
/** Index replicas of the server process, its default. */
const REPLICAS = 2;
/** Pauses before each request of the idle HTTP floors (the timed span starts after it): short, and as long as the GROUP BY. */
const IDLE_PAUSES_MS = [10, 100] as const;
/** A replica of a million triples builds in seconds; this only guards against a hang. */
const READY_TIMEOUT_MS = 10 * 60_000;

/** Runs the benchmark, prints its report and, when asked, writes it into the docs. */
export async function runSparqlBenchmark(options: SparqlBenchOptions): Promise<SparqlBenchResult> {
  const synthetic: SyntheticOptions = { objects: objectsForTriples(options.triples ?? 1_000_000), baseIri: BASE_IRI, seed: SEED };
  const plan: LatencyPlan = { warmup: options.warmup ?? 30, warmupMs: options.warmupMs ?? 5_000, iterations: options.iterations ?? 300 };
  const queries = heritageQueries(synthetic);
  const logger = createLogger('warn');
  const root = await mkdtemp(join(tmpdir(), 'cultuurgraaf-bench-'));
  try {
    const file = join(root, 'synthetic-heritage.nt');
    const dataDir = join(root, 'data');
    progress(`generating ${synthetic.objects} objects into ${file}`);
    const dataset = await writeSyntheticDataset(file, synthetic);
    const records = SqliteRecordStore.open(dataDir);
    try {
      resolveBaseIri(records, BASE_IRI);
      progress(`loading ${dataset.triples} triples through the record store`);
      const started = performance.now();
      const loaded = await loadRdfFiles(records, [file], { dataset: 'synthetic', baseIri: BASE_IRI, batchSize: 1000 });
      const load = { quads: loaded.quads, records: loaded.records, ms: performance.now() - started };
      const replica = await benchReplica(dataDir, queries, plan, options.rebuilds ?? 3, logger);
      const served = await benchServer(dataDir, records, queries, plan);
      const lookup = queries.find((query) => query.key === 'lookup');
      const policy = lookup === undefined || options.policyRounds === 0 ? undefined : await measurePolicyCost(dataDir, root, lookup, {
        rounds: options.policyRounds ?? 80, secondsPerRound: 0.5, concurrency: 8,
      }, REPLICAS, progress);
      const result: SparqlBenchResult = {
        machine: describeMachine(),
        date: new Date().toISOString(),
        command: options.command,
        dataset: { objects: synthetic.objects, triples: dataset.triples, records: dataset.records, seed: SEED },
        load,
        rebuild: replica.rebuild,
        bareLoad: served.bareLoad,
        plan,
        replicas: REPLICAS,
        httpFloor: served.floor.stats,
        httpFloorAfterIdle: served.idleFloors,
        ...(policy === undefined ? {} : { policyCost: policy }),
        queries: queries.map((q, i) => ({
          key: q.key,
          title: q.title,
          http: at(served.http, i),
          worker: at(replica.runs, i),
          inProcess: at(served.inProcess, i),
        })),
      };
      const report = renderSparqlReport(result);
      console.log(`\n${report}\n`);
      if (options.docsPath !== undefined) {
        await writeMarkedSection(options.docsPath, 'sparql', report);
        progress(`wrote the report into ${options.docsPath}`);
      }
      return result;
    } finally {
      records.close();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** Index rebuilds, then the worker round trip for each query, on one replica. */
async function benchReplica(
  dataDir: string, queries: readonly BenchQuery[], plan: LatencyPlan, rebuilds: number, logger: Logger,
): Promise<{ rebuild: SparqlBenchResult['rebuild']; runs: LatencyRun[] }> {
  const replica = new OxigraphReplica('bench', dataDir, logger, () => undefined);
  try {
    const triplesPerSecond: number[] = [];
    let triples = 0;
    for (let run = 1; run <= rebuilds; run++) {
      const built = await replica.build();
      triples = built.triples;
      triplesPerSecond.push(built.triples / (Math.max(built.elapsedMs, 1) / 1000));
      progress(`index rebuild ${run}/${rebuilds}: ${built.triples} triples in ${built.elapsedMs} ms`);
    }
    const runs = await measureEach('worker', queries, plan, (query) => (i) =>
      replica.request<QueryResult>({ type: 'query', query: query.text(i), mediaType: JSON_RESULTS, baseIri: ENDPOINT, unionDefaultGraph: true, maxResultChars: Number.MAX_SAFE_INTEGER }, QUERY_TIMEOUT_MS).then((answer) => answer.body));
    return { rebuild: { triples, triplesPerSecond }, runs };
  } finally {
    await replica.stop();
  }
}

/**
 * The server as deployed, in its own process, and a bare oxigraph store in this thread loaded
 * with the same N-Quads. Each query alternates an HTTP request and the same query in-process.
 */
async function benchServer(
  dataDir: string, records: SqliteRecordStore, queries: readonly BenchQuery[], plan: LatencyPlan,
): Promise<{
  bareLoad: SparqlBenchResult['bareLoad']; floor: LatencyRun; idleFloors: Array<{ pauseMs: number; stats: LatencyStats }>; http: HttpRun[]; inProcess: LatencyRun[];
}> {
  globalThis.gc?.();
  const bare = BareOxigraph.load(records.iterateNQuads());
  progress(`bare oxigraph loaded ${bare.triples} triples in ${Math.round(bare.loadMs)} ms`);
  const client = new NodeHttpSparqlClient();
  const server = await ServerProcess.start(dataDir, REPLICAS, client, READY_TIMEOUT_MS);
  try {
    progress(`server process ready at ${server.url} with ${REPLICAS} replicas`);
    const floor = await measureLatency(() => client.get(`${server.url}/health`), plan);
    // The same request after both processes sat idle for a while, as they do during a slow query.
    const idleFloors: Array<{ pauseMs: number; stats: LatencyStats }> = [];
    for (const pauseMs of IDLE_PAUSES_MS) {
      const samples: number[] = [];
      for (let i = 0; i < Math.min(plan.iterations, 100); i++) {
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
        const started = performance.now();
        await client.get(`${server.url}/health`);
        samples.push(performance.now() - started);
      }
      idleFloors.push({ pauseMs, stats: latencyStats(samples) });
    }
    const endpoint = `${server.url}/sparql`;
    const http: HttpRun[] = [];
    const inProcess: LatencyRun[] = [];
    for (const query of queries) {
      globalThis.gc?.();
      const engine: number[] = [];
      const inServer: number[] = [];
      const [overHttp, bareRun] = await measurePaired(
        timed(async (i) => {
          const answer = await client.postTimed(endpoint, query.text(i));
          if (i < plan.iterations) {
            engine[i] = answer.engineMs;
            inServer[i] = answer.totalMs - answer.engineMs;
          }
          return answer.body;
        }),
        timed((i) => bare.query(query.text(i), ENDPOINT)),
        plan,
      );
      // What the endpoint adds to each request: its latency less the time oxigraph spent on that very request.
      const overhead = overHttp.samples.map((ms, i) => ms - (engine[i] ?? Number.NaN));
      const run: HttpRun = { ...overHttp, engine: latencyStats(engine), overhead: latencyStats(overhead), inServer: latencyStats(inServer) };
      progress(`${query.key}: HTTP p50 ${run.stats.p50.toFixed(3)} ms, engine p50 ${run.engine.p50.toFixed(3)} ms, ` +
        `overhead p50 ${run.overhead.p50.toFixed(3)} ms, in-process p50 ${bareRun.stats.p50.toFixed(3)} ms, ${run.rows} rows`);
      http.push(run);
      inProcess.push(bareRun);
    }
    return { bareLoad: { triples: bare.triples, ms: bare.loadMs }, floor, idleFloors, http, inProcess };
  } finally {
    client.close();
    await server.stop();
  }
}

async function measureEach(
  way: string, queries: readonly BenchQuery[], plan: LatencyPlan, runner: (query: BenchQuery) => (i: number) => Promise<string> | string,
): Promise<LatencyRun[]> {
  const runs: LatencyRun[] = [];
  for (const query of queries) {
    globalThis.gc?.();
    const run = await measureLatency(runner(query), plan);
    progress(`${way} ${query.key}: p50 ${run.stats.p50.toFixed(3)} ms, p95 ${run.stats.p95.toFixed(3)} ms, ${run.rows} rows`);
    runs.push(run);
  }
  return runs;
}

function at<T>(list: readonly T[], i: number): T {
  const value = list[i];
  if (value === undefined) throw new Error(`no result ${i}`);
  return value;
}

function progress(message: string): void {
  console.log(`[bench:sparql] ${message}`);
}
