import { DEFAULT_MEMORY_QUADS } from '../src/ingest/rdf-unit-grouper.js';
import { measuredOn } from './machine.js';
import type { ReaderBenchResult, ReaderRun } from './reader-memory-result.js';
import { judgeReader, GROWTH_SHARE, type ReaderVerdict } from './reader-memory-verdict.js';

const MIB = 2 ** 20;

/** The reader benchmark's section of docs/benchmarks.md, as markdown. */
export function renderReaderReport(result: ReaderBenchResult): string {
  const { machine } = result;
  const verdicts = result.full.map((run) => judgeReader(run, result.quarter.find((q) => q.kind === run.kind)));
  const lines = [
    `## Readers: a ${size(result.targetBytes)} input in bounded memory`,
    '',
    ...measuredOn(result.date, machine, result.command),
    '',
    'Each input is generated (deterministic, seed 42) into a temporary directory and read by a fresh Node process through ' +
      '`openSource` and its `SourceHandle.items()`, twice, as `runIngest` does: the checking pass that counts the items, then a pass ' +
      'that touches each one (its fields, JSON keys or N-Triples). Nothing is mapped, validated or stored; that work is per item ' +
      'and belongs to the ingest benchmark. *Peak RSS* is the process\'s `VmHWM`, reset once start-up is over (`/proc/self/clear_refs`), ' +
      'so it is the highest RSS while opening and reading the input; *baseline* is the RSS of that process just before ' +
      '(Node, tsx and the application\'s modules); *median RSS* is the median of `VmRSS` read from outside every 50 ms. ' +
      'MiB/s is the file size over the checking pass.',
    '',
    '| input | reader | file | items | checking pass | MiB/s | second pass | baseline RSS | peak RSS | peak − baseline | median RSS |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...[...result.full, ...result.quarter].map(runRow),
    '',
    (result.quarter.length > 0
      ? `Bounded means: the peak RSS stays below the file size and grows by less than ${GROWTH_SHARE * 100} % of the input added ` +
        `between the quarter-size and the full-size file (here less than ${mib(GROWTH_SHARE * result.targetBytes * 0.75)} for ` +
        `${size(result.targetBytes * 0.75)} more input).`
      : 'Without the quarter-size runs flatness is not measured; bounded then means a peak RSS below a quarter of the file.'),
    '',
    '| input | reader | peak at ¼ size | peak at full size | growth | peak / file | verdict |',
    '|---|---|---:|---:|---:|---:|---|',
    ...verdicts.map(verdictRow),
    '',
    ...loadSection(result),
    interpretation(result, verdicts),
  ];
  return lines.join('\n');
}

function runRow(run: ReaderRun): string {
  const [check, second] = run.child.passes;
  const dialect = run.child.dialect ? ` (found: ${run.child.dialect.encoding}, \`${run.child.dialect.delimiter}\`)` : '';
  return `| ${run.label}${dialect} | ${run.reader} | ${size(run.fileBytes)} | ${int(check?.items ?? 0)} | ${seconds(check?.ms)} | ` +
    `${check ? (run.fileBytes / MIB / (check.ms / 1000)).toFixed(0) : '–'} | ${seconds(second?.ms)} | ${mib(run.child.baselineRss)} | ` +
    `**${mib(run.child.peakRss)}** | ${mib(run.child.peakRss - run.child.baselineRss)} | ${mib(run.sampledMedianRss)} |`;
}

function verdictRow(verdict: ReaderVerdict): string {
  const { full, quarter } = verdict;
  return `| ${full.label} | ${full.reader} | ${quarter ? mib(quarter.child.peakRss) : '–'} | ${mib(full.child.peakRss)} | ` +
    `${verdict.growth === undefined ? '–' : signedMib(verdict.growth)} | ${(100 * full.child.peakRss / full.fileBytes).toFixed(0)} % | ${verdict.text} |`;
}

function loadSection(result: ReaderBenchResult): string[] {
  const { loads } = result;
  const first = loads[0];
  if (first === undefined) return [];
  const heading = '### End to end: `cultuurgraaf load` of the N-Triples files';
  if (first.run.status === 'skipped') return [heading, '', `Not measured: ${first.run.reason}.`, ''];
  const done = loads.flatMap((load) => (load.run.status === 'done' ? [{ fileBytes: load.fileBytes, run: load.run }] : []));
  const phases = [...new Set(done.flatMap((load) => load.run.phases.map((phase) => phase.phase)))];
  const verdict = judgeLoad(result);
  return [
    heading,
    '',
    '`/usr/bin/time -v node dist/main.js load heritage.nt --data-dir <temp> --dataset bench` into an empty data dir: parsing and ' +
      'grouping into records (the reader above), RDFC-1.0 canonicalisation of every record into a temporary file, then the batch ' +
      'writes. Per phase: the highest RSS sampled every 250 ms, and its seconds; *peak RSS* is the whole run\'s, from `time -v`.',
    '',
    `| file | records | quads | ${phases.join(' | ')} | whole load | peak RSS |`,
    `|---:|---:|---:|${phases.map(() => '---:|').join('')}---:|---:|`,
    ...done.map(({ fileBytes, run }) => {
      const counts = /Loaded (\d+) records \((\d+) quads\)/.exec(run.summary);
      const cells = phases.map((name) => {
        const phase = run.phases.find((p) => p.phase === name);
        if (phase === undefined) return '–';
        return `${phase.peakRss === 0 ? '–' : mib(phase.peakRss)} (${phase.seconds.toFixed(0)} s)`;
      });
      return `| ${size(fileBytes)} | ${counts ? int(Number(counts[1])) : '?'} | ${counts ? int(Number(counts[2])) : '?'} | ${cells.join(' | ')} | ` +
        `${run.seconds.toFixed(0)} s | **${mib(run.maxRss)}** |`;
    }),
    ...(loads[1]?.run.status === 'skipped' ? ['', `The quarter-size load was not measured: ${loads[1].run.reason}.`] : []),
    ...(verdict === undefined ? [] : ['', `Verdict by the same rule as the readers: growth ${signedMib(verdict.growth)}, ${verdict.bounded ? 'bounded' : '**grows with the input**'}.`]),
    '',
  ];
}

/** The load judged as the readers are: flat between the quarter-size and the full-size file, or not. */
function judgeLoad(result: ReaderBenchResult): { growth: number; bounded: boolean; phase: string | undefined } | undefined {
  const [full, quarter] = result.loads;
  if (full?.run.status !== 'done' || quarter?.run.status !== 'done') return undefined;
  const growth = full.run.maxRss - quarter.run.maxRss;
  const quarterRun = quarter.run;
  // The phase whose peak grew most.
  const phase = [...full.run.phases]
    .map((p) => ({ phase: p.phase, growth: p.peakRss - (quarterRun.phases.find((q) => q.phase === p.phase)?.peakRss ?? 0) }))
    .sort((a, b) => b.growth - a.growth)[0]?.phase;
  return { growth, bounded: full.run.maxRss < full.fileBytes && growth < GROWTH_SHARE * (full.fileBytes - quarter.fileBytes), phase };
}

function interpretation(result: ReaderBenchResult, verdicts: readonly ReaderVerdict[]): string {
  const growing = verdicts.filter((v) => !v.bounded);
  const isRdf = (v: ReaderVerdict): boolean => v.full.kind === 'ntriples' || v.full.kind === 'turtle';
  const text = verdicts.filter((v) => !isRdf(v));
  const rdf = verdicts.filter(isRdf);
  const added = (list: readonly ReaderVerdict[]): string => {
    const values = list.map((v) => v.full.child.peakRss - v.full.child.baselineRss);
    return `${mib(Math.min(...values))}–${mib(Math.max(...values))}`;
  };
  const baselines = verdicts.map((v) => v.full.child.baselineRss);
  const load = judgeLoad(result);
  const [loadAtStart, loadAtEnd] = result.machine.loadAverage;
  const parts = [
    growing.length === 0
      ? `Every reader streams: from the quarter-size to the ${size(result.targetBytes)} file no peak moved by more than ` +
        `${mib(Math.max(...verdicts.map((v) => Math.abs(v.growth ?? 0))))}.`
      : `Not every reader streams: the peak of ${growing.map((v) => `${v.full.label} (${v.full.reader})`).join('; ')} grows with the input.`,
    `A fresh process with the application's modules takes ${mib(Math.min(...baselines))}–${mib(Math.max(...baselines))} (the baseline);`,
    text.length === 0 ? '' : `the CSV and JSON readers add ${added(text)} to it, one record, line or array element at a time plus the stream buffers and what the garbage collector has not yet reclaimed.`,
    rdf.length === 0 ? '' :
      `The RDF readers add ${added(rdf)}, because \`RdfUnitGrouper\` must see the whole file before it can hand out a subject with all ` +
      `its triples: it keeps up to ${int(DEFAULT_MEMORY_QUADS)} quads in memory and beyond that moves the grouping to a temporary ` +
      'SQLite file (64 MiB page cache), so the input\'s size goes to disk, not to memory, and the second pass only walks that file.',
    load === undefined ? '' : load.bounded
      ? 'The end-to-end `load` stays flat as well.'
      : `The end-to-end \`load\` does not stay flat: its peak grows by ${mib(load.growth)} from the quarter-size to the full-size file, ` +
        `most in the phase "${load.phase ?? '?'}". When this section was first written (2026-11-22) that came from the per-record ` +
        '`AbortSignal.timeout` in `src/rdf/canonical-record.ts`, which Node 20 keeps reachable (about 1 KB each) long after it fires; ' +
        'with `--max-old-space-size=400` the 1 GiB load ran out of heap while the 256 MiB one finished.',
    loadAtStart > 1.5 || loadAtEnd > 1.5
      ? `The machine was not idle (1-minute load average ${loadAtStart.toFixed(1)} at the start, ${loadAtEnd.toFixed(1)} at the end): ` +
        'the seconds are upper bounds; the peaks are per process and not affected.'
      : '',
  ];
  return parts.filter((part) => part !== '').join(' ');
}

function size(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(2).replace(/\.00$/, '')} GiB` : `${(bytes / MIB).toFixed(0)} MiB`;
}

function mib(bytes: number): string {
  return `${(bytes / MIB).toFixed(0)} MiB`;
}

function signedMib(bytes: number): string {
  const rounded = Math.round(bytes / MIB);
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : '±'}${Math.abs(rounded)} MiB`;
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? '–' : `${(ms / 1000).toFixed(1)} s`;
}

function int(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
