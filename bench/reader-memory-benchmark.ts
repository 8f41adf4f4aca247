/**
 * The reader benchmark: for each input kind, writes a file of the target size (and of a quarter
 * of it), reads it in a fresh process through `openSource` as ingest does, and records time and
 * peak RSS; optionally it also loads the N-Triples files with `cultuurgraaf load`.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeMachine } from './machine.js';
import { writeMarkedSection } from './markdown-section.js';
import type { InputKind } from './reader-memory-inputs.js';
import { timedLoad } from './reader-memory-load.js';
import { probeRead } from './reader-memory-probe.js';
import { renderReaderReport } from './reader-memory-report.js';
import type { ReaderBenchResult, ReaderRun } from './reader-memory-result.js';

export interface ReaderBenchOptions {
  /** How the benchmark was started, for the report. */
  readonly command: string;
  readonly targetBytes: number;
  readonly kinds: readonly InputKind[];
  /** Also read each input at a quarter of the size, to see whether the peak moves with it. */
  readonly quarter: boolean;
  /** Load the N-Triples files with `cultuurgraaf load`, each stopped after this long; undefined: no load. */
  readonly loadLimitMs: number | undefined;
  /** Rewrite the `readers` section of this markdown file; undefined leaves the docs alone. */
  readonly docsPath: string | undefined;
}

/** The kind whose files the end-to-end load reads. */
const LOAD_KIND = 'ntriples';

export async function runReaderBenchmark(options: ReaderBenchOptions): Promise<ReaderBenchResult> {
  const loadAtStart = loadavg()[0] ?? 0;
  const dir = await mkdtemp(join(tmpdir(), 'cultuurgraaf-readers-'));
  // Gigabytes of scratch must not outlive an interrupted run.
  const onSignal = (): void => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  try {
    const full: ReaderRun[] = [];
    const quarter: ReaderRun[] = [];
    const loads: Array<ReaderBenchResult['loads'][number]> = [];
    for (const kind of options.kinds) {
      const sizes = options.quarter ? [options.targetBytes, Math.round(options.targetBytes / 4)] : [options.targetBytes];
      for (const [index, bytes] of sizes.entries()) {
        const path = join(dir, kind.fileName);
        const run = await measure(kind, path, bytes, dir);
        (index === 0 ? full : quarter).push(run);
        // The quarter-size load only when the full one finished: it is there to compare with.
        if (kind.name === LOAD_KIND && options.loadLimitMs !== undefined && (index === 0 || loads[0]?.run.status === 'done')) {
          progress(`cultuurgraaf load ${kind.fileName} (at most ${options.loadLimitMs / 60_000} min)`);
          const load = { fileBytes: run.fileBytes, run: await timedLoad(path, dir, options.loadLimitMs) };
          loads.push(load);
          progress(load.run.status === 'done' ? `load done in ${load.run.seconds.toFixed(0)} s, max RSS ${mib(load.run.maxRss)}` : `load skipped: ${load.run.reason}`);
          await rm(join(dir, 'data'), { recursive: true, force: true });
        }
        await rm(path, { force: true });
      }
    }
    const result: ReaderBenchResult = {
      date: new Date().toISOString(), machine: machine(loadAtStart), command: options.command, targetBytes: options.targetBytes, full, quarter, loads,
    };
    const report = renderReaderReport(result);
    console.log(`\n${report}`);
    if (options.docsPath !== undefined) {
      await writeMarkedSection(options.docsPath, 'readers', report);
      progress(`wrote the readers section of ${options.docsPath}`);
    }
    return result;
  } finally {
    process.off('SIGINT', onSignal);
    await rm(dir, { recursive: true, force: true });
  }
}

async function measure(kind: InputKind, path: string, targetBytes: number, dir: string): Promise<ReaderRun> {
  progress(`${kind.name}: writing ${mib(targetBytes)}`);
  const generated = performance.now();
  const fileBytes = await kind.write(path, targetBytes);
  const generateSeconds = (performance.now() - generated) / 1000;
  progress(`${kind.name}: ${mib(fileBytes)} written in ${generateSeconds.toFixed(0)} s; reading`);
  const { report, rssSamples } = await probeRead(kind.input, path, dir);
  const sorted = [...rssSamples].sort((a, b) => a - b);
  const run: ReaderRun = {
    kind: kind.name, label: kind.label, reader: kind.reader, fileBytes, generateSeconds, child: report,
    sampledPeakRss: sorted[sorted.length - 1] ?? 0, sampledMedianRss: sorted[Math.floor(sorted.length / 2)] ?? 0, samples: sorted.length,
  };
  const [first, second] = report.passes;
  progress(`${kind.name}: ${first?.items ?? 0} items, passes ${((first?.ms ?? 0) / 1000).toFixed(1)} s + ${((second?.ms ?? 0) / 1000).toFixed(1)} s, ` +
    `peak RSS ${mib(report.peakRss)} (baseline ${mib(report.baselineRss)})`);
  return run;
}

function machine(loadAtStart: number): ReaderBenchResult['machine'] {
  return { ...describeMachine(), loadAverage: [loadAtStart, loadavg()[0] ?? 0] };
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

function progress(message: string): void {
  console.log(`[bench:readers] ${message}`);
}
