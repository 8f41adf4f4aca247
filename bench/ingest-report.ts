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
  const accounted = stages.checking + stages.reading + stages.mapping + stages.validating + stages.preparing + stages.writing;
  const stageRow = (stage: string, what: string, ms: number): string =>
    `| ${stage} | ${what} | ${seconds(ms)} | ${percent(ms, result.endToEndMs)} | ${formatCount(recordsPerSecond(rows, ms))} |`;
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
    'Stage times are the run\'s own (`summary.stages`); the stages run one after the other on one thread, so each ' +
      'records/s figure is the rows divided by the time spent in that stage alone. Records here are CSV rows.',
    '',
    '| stage | what | time (s) | share | records/s |',
    '|---|---|---:|---:|---:|',
    stageRow('parse', 'CSV reader, first pass: `runIngest` reads the whole input once before writing anything', stages.checking),
    stageRow('parse, again', 'the reader\'s second pass, interleaved with the stages below', stages.reading),
    stageRow('map', 'CSVW lift, SPARQL CONSTRUCT (a fresh oxigraph store per row), split into records', stages.mapping),
    stageRow('validate', 'SHACL per record (`cultureel-erfgoed` profile, CIDOC-CRM inference)', stages.validating),
    stageRow('store: prepare', 'canonicalise (RDFC-1.0), hash, ownership and duplicate checks', stages.preparing),
    stageRow('store: write', `SQLite transactions of ${dataset.batchSize} records, the run's notes`, stages.writing),
    stageRow('index', `worker start and \`OxigraphReplica.build()\` (${formatCount(index.triples / (Math.max(index.buildMs, 1) / 1000))} triples/s as the worker times it)`, index.ms),
    stageRow('other', 'loading the shapes, run bookkeeping, between the stages', result.endToEndMs - accounted - index.ms),
    `| **end to end** | from calling \`runIngest\` to the index being ready (less the garbage collection the benchmark forces in between) | **${seconds(result.endToEndMs)}** | 100% | ` +
      `**${formatCount(recordsPerSecond(rows, result.endToEndMs))}** |`,
    '',
    `The process used ${seconds(cpu.ms)} s of CPU (user and system, all threads) in those ${seconds(result.endToEndMs)} s; ` +
      `the machine's 1-minute load average was ${cpu.loadBefore.toFixed(2)} before and ${cpu.loadAfter.toFixed(2)} after ` +
      `(on ${machine.cpus} cores, a load above 1 means other processes competed with the benchmark's one busy thread).`,
    '',
    'Peak RSS of the benchmark process, which holds everything: the ingest on its main thread, the index in a worker ' +
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
