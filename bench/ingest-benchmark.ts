/**
 * The ingest benchmark: a synthetic collection spreadsheet through the path `cultuurgraaf
 * ingest` takes (`runIngest` with the `collection-csv` mapping and the real shapes, into a fresh
 * data dir, compiled as the command runs it), then a fresh SPARQL index built from the record store. Stage times come from the
 * run's own summary; the process's RSS is sampled throughout. See bench/README.md.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IngestResult } from '../src/ingest/ingest-run.js';
import type { LoadProgress } from '../src/ingest/rdf-loader.js';
import type { SqliteIngestRunStore as SqliteIngestRunStoreType } from '../src/store/sqlite-ingest-run-store.js';
import type { SqliteRecordStore as SqliteRecordStoreType } from '../src/store/sqlite-record-store.js';
import { createLogger, type Logger } from '../src/logging/logger.js';
import {
  OxigraphReplica, resolveBaseIri, runIngest, shapeValidators, SqliteIngestRunStore, SqliteRecordStore,
} from './compiled.js';
import type { IngestBenchResult, IngestStageMs } from './ingest-bench-result.js';
import { renderIngestReport } from './ingest-report.js';
import { highWaterMark, RssSampler } from './ingest-rss-sampler.js';
import { describeMachine } from './machine.js';
import { checkIngestTargets } from './ingest-targets.js';
import { writeMarkedSection } from './markdown-section.js';
import { writeSyntheticCollectionCsv } from './synthetic-collection-csv.js';

export interface IngestBenchOptions {
  /** CSV rows, one collection record each; default 100,000. */
  readonly records?: number;
  /** The command shown in the report. */
  readonly command: string;
  /** The markdown file whose `ingest` section is replaced; undefined writes nothing. */
  readonly docsPath?: string;
}

const BASE_IRI = 'http://localhost:8080/';
const SEED = 42;
const MAPPING = 'collection-csv';
const DATASET = 'bench';
/** The CLI's default `--batch-size`. */
const BATCH_SIZE = 1000;
const RSS_INTERVAL_MS = 50;

/** Runs the benchmark, prints its report and, when asked, writes it into the docs. */
export async function runIngestBenchmark(options: IngestBenchOptions): Promise<IngestBenchResult> {
  const rows = options.records ?? 100_000;
  const logger = createLogger('warn');
  const root = await mkdtemp(join(tmpdir(), 'cultuurgraaf-bench-ingest-'));
  try {
    const file = join(root, 'objecten.csv');
    const dataDir = join(root, 'data');
    progress(`generating ${rows} collection rows into ${file}`);
    const csv = await writeSyntheticCollectionCsv(file, { rows, seed: SEED });
    globalThis.gc?.();
    const sampler = new RssSampler('ingest', RSS_INTERVAL_MS);
    const records = SqliteRecordStore.open(dataDir);
    const runs = SqliteIngestRunStore.open(dataDir);
    let ingested: { result: IngestResult; ms: number };
    const loadBefore = loadavg()[0] ?? 0;
    const cpuBefore = process.cpuUsage();
    try {
      ingested = await ingest(file, records, runs, rows);
    } finally {
      runs.close();
      records.close();
    }
    const ingestHighWaterMark = highWaterMark().bytes;
    // The ingest's garbage is not the index's memory: what the build adds is measured from here.
    globalThis.gc?.();
    const beforeIndex = process.memoryUsage.rss();
    sampler.phase('index');
    const index = await buildIndex(dataDir, logger);
    const endToEndMs = ingested.ms + index.ms;
    const cpuUsed = process.cpuUsage(cpuBefore);
    const cpu = { ms: (cpuUsed.user + cpuUsed.system) / 1000, loadBefore, loadAfter: loadavg()[0] ?? 0 };
    const peak = highWaterMark();
    const sampled = await sampler.stop();
    // The kernel's peak tells the index phase apart only when the build set a new one.
    const indexPeak = Math.max(sampled.byPhase.index ?? 0, peak.bytes > ingestHighWaterMark ? peak.bytes : 0);
    const memory = { sampled, ingestHighWaterMark, beforeIndex, indexPeak, highWaterMark: peak.bytes, source: peak.source };
    const { summary } = ingested.result;
    const result: IngestBenchResult = {
      machine: describeMachine(),
      date: new Date().toISOString(),
      command: options.command,
      dataset: { rows, bytes: csv.bytes, seed: SEED, mapping: MAPPING, batchSize: BATCH_SIZE },
      ingest: {
        ms: ingested.ms,
        status: ingested.result.status,
        items: summary.items,
        records: summary.records,
        rejectedItems: summary.rejectedItems,
        warnings: summary.warnings,
        stages: stagesOf(summary.stages),
        threads: summary.threads ?? 0,
      },
      index,
      endToEndMs,
      cpu,
      memory,
    };
    const report = renderIngestReport(result);
    console.log(`\n${report}\n`);
    for (const check of checkIngestTargets(result)) progress(`${check.verdict}: ${check.target} (measured ${check.measured})`);
    if (options.docsPath !== undefined) {
      await writeMarkedSection(options.docsPath, 'ingest', report);
      progress(`wrote the report into ${options.docsPath}`);
    }
    return result;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** One ingest run as `cultuurgraaf ingest` makes it; a failed run or a rejected row stops the benchmark. */
async function ingest(
  file: string, records: SqliteRecordStoreType, runs: SqliteIngestRunStoreType, rows: number,
): Promise<{ result: IngestResult; ms: number }> {
  progress(`ingesting with the ${MAPPING} mapping`);
  const started = performance.now();
  const result = await runIngest({
    input: file, source: 'objecten.csv', dataset: DATASET, mapping: MAPPING, replace: false, dryRun: false,
    baseIri: resolveBaseIri(records, BASE_IRI), batchSize: BATCH_SIZE,
  }, { records, runs, validator: shapeValidators(), progress: tenths(rows) });
  const ms = performance.now() - started;
  if (result.status !== 'succeeded') throw new Error(`the ingest run failed: ${result.error ?? 'no reason given'}`);
  // A rejected row would make the benchmark measure less work than it claims.
  if (result.summary.rejectedItems > 0) {
    let first: string | undefined;
    for (const entry of result.report) {
      if (entry.severity !== 'error') continue;
      first = entry.message;
      break;
    }
    throw new Error(`${result.summary.rejectedItems} synthetic rows were rejected, the first: ${first ?? 'unknown'}`);
  }
  // The report is on disk; the benchmark only needs its counts.
  result.report.close();
  progress(`ingested ${result.summary.items} rows, ${result.summary.records} records in ${(ms / 1000).toFixed(1)} s`);
  return { result, ms };
}

/** A fresh index replica built from the record store, timed from spawning its worker. */
async function buildIndex(dataDir: string, logger: Logger): Promise<IngestBenchResult['index']> {
  const started = performance.now();
  const replica = new OxigraphReplica('bench', dataDir, logger, () => undefined);
  try {
    const built = await replica.build();
    const ms = performance.now() - started;
    progress(`index built: ${built.triples} triples in ${built.elapsedMs} ms (${Math.round(ms)} ms with the worker's start)`);
    return { triples: built.triples, buildMs: built.elapsedMs, ms };
  } finally {
    await replica.stop();
  }
}

function stagesOf(stages: Readonly<Record<string, number>> | undefined): IngestStageMs {
  const stage = (name: keyof IngestStageMs): number => {
    const ms = stages?.[name];
    if (ms === undefined) throw new Error(`the run summary has no "${name}" stage time`);
    return ms;
  };
  return {
    checking: stage('checking'), reading: stage('reading'), mapping: stage('mapping'),
    validating: stage('validating'), preparing: stage('preparing'), writing: stage('writing'), waiting: stage('waiting'),
  };
}

/** Progress of the run, a line per tenth of the rows. */
function tenths(rows: number): LoadProgress {
  let phase = '';
  let done = 0;
  return {
    start(name) {
      phase = name;
      done = 0;
    },
    advance(amount) {
      const before = Math.floor((done * 10) / rows);
      done += amount;
      if (Math.floor((done * 10) / rows) > before) progress(`${phase}: ${done} of ${rows} rows`);
    },
  };
}

function progress(message: string): void {
  console.log(`[bench:ingest] ${message}`);
}
