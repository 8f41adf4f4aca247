import type { IngestBenchResult } from './ingest-bench-result.js';
import { measuredOn } from './machine.js';
import {
  checkIngestTargets, formatCount, formatMegabytes, INGEST_TARGETS, peakRss, recordsPerSecond, type IngestVerdict,
} from './ingest-targets.js';

/** The ingest benchmark's section of docs/benchmarks.md, as markdown. */
export function renderIngestReport(result: IngestBenchResult): string {
  const { machine, dataset, ingest, index, memory, cpu } = result;
  const { stages } = ingest;
  const rows = dataset.rows;
  const threads = ingest.threads;
  // With worker threads, mapping, validating and canonicalising run beside the main thread's
  // stages, and their times add up every worker's; the wall clock is the main thread's.
  const onMain = stages.checking + stages.reading + stages.writing + stages.waiting
    + (threads === 0 ? stages.mapping + stages.validating + stages.preparing : 0);
  const stageRow = (stage: string, what: string, ms: number): string =>
    `| ${stage} | ${what} | ${seconds(ms)} | ${percent(ms, result.endToEndMs)} | ${formatCount(recordsPerSecond(rows, ms))} |`;
  const workerRow = (stage: string, what: string, ms: number): string => (threads === 0
    ? stageRow(stage, what, ms)
    : `| ${stage} | ${what} | ${seconds(ms)} of ${threads} threads | – | ${formatCount(recordsPerSecond(rows, ms))} per thread, ${formatCount(recordsPerSecond(rows, ms / threads))} together |`);
  const lines = [
    '## Ingest: collection CSV to stored, validated records and a SPARQL index',
    '',
    ...measuredOn(result.date, machine, result.command),
    '',
    `Dataset: the synthetic collection spreadsheet of \`bench/synthetic-collection-csv.ts\` (seed ${dataset.seed}): ` +
      `${formatCount(rows)} rows (${formatMegabytes(dataset.bytes)} of UTF-8 CSV, \`;\`-separated), one heritage object each, ` +
      `in the 21 columns of the \`${dataset.mapping}\` mapping. Ingested as \`cultuurgraaf ingest\` does it (\`runIngest\`, ` +
      `batch size ${dataset.batchSize}, the \`cultureel-erfgoed\` shapes) into a fresh data dir: ` +
      `${formatCount(ingest.items)} rows, ${formatCount(ingest.rejectedItems)} rejected, ${formatCount(ingest.records)} records stored ` +
      `(objects, makers and keepers), ${formatCount(ingest.warnings)} warnings (the local profile's W1–W6). ` +
      `Then a fresh SPARQL index replica (\`OxigraphReplica.build()\`) over the record store: ${formatCount(index.triples)} triples.`,
    '',
    (threads === 0
      ? 'Stage times are the run\'s own (`summary.stages`); the stages ran one after the other on one thread, so each ' +
        'records/s figure is the rows divided by the time spent in that stage alone.'
      : `Stage times are the run's own (\`summary.stages\`). The main thread read the CSV, sent chunks of 250 rows to ` +
        `${threads} worker threads (\`MapPool\`, as many as the machine has cores), and wrote what came back in input order; ` +
        'the workers mapped, validated and canonicalised, each chunk with one batched CONSTRUCT. Their rows give the time ' +
        'summed over the workers (thread time, not wall clock): per thread, and for the workers together if they had ' +
        'their cores to themselves. The share column is of the wall clock.') + ' Records here are CSV rows.',
    '',
    '| stage | what | time (s) | share | records/s |',
    '|---|---|---:|---:|---:|',
    stageRow('parse', 'CSV reader, first pass: `runIngest` reads the whole input once before writing anything', stages.checking),
    stageRow('parse, again', 'the reader\'s second pass, interleaved with the stages below', stages.reading),
    workerRow('map', 'CSVW lift, SPARQL CONSTRUCT (one oxigraph store and query per chunk of rows), split into records', stages.mapping),
    workerRow('validate', 'SHACL per record (`cultureel-erfgoed` profile, CIDOC-CRM inference)', stages.validating),
    workerRow('store: prepare', 'canonicalise (RDFC-1.0) and hash; ownership and duplicate checks', stages.preparing),
    ...(threads === 0 ? [] : [stageRow('waiting', 'the main thread waiting for the workers\' next chunk', stages.waiting)]),
    stageRow('store: write', `SQLite transactions of ${dataset.batchSize} records, the run's notes`, stages.writing),
    stageRow('index', `worker start and \`OxigraphReplica.build()\` (${formatCount(index.triples / (Math.max(index.buildMs, 1) / 1000))} triples/s as the worker times it)`, index.ms),
    stageRow('other', threads === 0 ? 'loading the shapes, run bookkeeping, between the stages' : 'starting the workers, the main thread\'s checks, run bookkeeping', result.endToEndMs - onMain - index.ms),
    `| **end to end** | from calling \`runIngest\` to the index being ready (less the garbage collection the benchmark forces in between) | **${seconds(result.endToEndMs)}** | 100% | ` +
      `**${formatCount(recordsPerSecond(rows, result.endToEndMs))}** |`,
    '',
    `The process used ${seconds(cpu.ms)} s of CPU (user and system, all threads) in those ${seconds(result.endToEndMs)} s; ` +
      `the machine's 1-minute load average was ${cpu.loadBefore.toFixed(2)} before and ${cpu.loadAfter.toFixed(2)} after ` +
      `(on ${machine.cpus} cores, a load above ${threads === 0 ? 1 : machine.cpus} means other processes competed with the benchmark).`,
    '',
    `Peak RSS of the benchmark process, which holds everything: the ingest on its main thread${threads === 0 ? '' : ` and ${threads} worker threads`}, the index in a worker ` +
      `thread. By the kernel (\`${memory.source}\`): ${formatMegabytes(memory.ingestHighWaterMark)} when the ingest had ended, ` +
      `${formatMegabytes(memory.highWaterMark)} at the end; after the ingest and a garbage collection the process held ` +
      `${formatMegabytes(memory.beforeIndex)}, and building the index took it to ${formatMegabytes(memory.indexPeak)}, ` +
      `${formatMegabytes(memory.indexPeak - memory.beforeIndex)} more. Sampled every ${memory.sampled.intervalMs} ms from a thread of its own ` +
      `(${formatCount(memory.sampled.samples)} samples): ${formatMegabytes(memory.sampled.byPhase.ingest ?? 0)} during the ingest, ` +
      `${formatMegabytes(memory.sampled.byPhase.index ?? 0)} while building the index. MB = 10^6 bytes.`,
    '',
    '### Targets',
    '',
    `End to end is judged on CSV rows per second of wall clock; peak RSS on the higher of the kernel's peak and the samples ` +
      `(${formatMegabytes(peakRss(result))}), with 1.5 GB read as ${formatCount(INGEST_TARGETS.peakRssBytes)} bytes.`,
    '',
    '| target | measured | result |',
    '|---|---:|:---:|',
    ...checkIngestTargets(result).map((c) => `| ${c.target} | ${c.measured} | ${verdictCell(c.verdict)} |`),
  ];
  return lines.join('\n');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

function percent(part: number, whole: number): string {
  return `${Math.round((100 * part) / whole)}%`;
}

function verdictCell(verdict: IngestVerdict): string {
  return verdict === 'FAIL' ? '**FAIL**' : verdict;
}
