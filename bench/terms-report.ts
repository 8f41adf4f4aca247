import type { LatencyStats } from './latency-stats.js';
import { measuredOn, type Machine } from './machine.js';

export interface TermsBenchResult {
  readonly date: string;
  readonly machine: Machine;
  readonly command: string;
  readonly thesaurus: { readonly concepts: number; readonly labels: number; readonly queries: number; readonly importMs: number };
  readonly builds: ReadonlyArray<{ readonly ms: number; readonly labelsPerSecond: number }>;
  readonly medianBuildLabelsPerSecond: number;
  readonly sequential: LatencyStats;
  readonly meanHits: number;
  readonly concurrent: { readonly perSecond: number; readonly latency: LatencyStats; readonly workers: number };
  readonly sparql: { readonly queries: number; readonly sparql: LatencyStats; readonly graphql: LatencyStats; readonly ratio: number };
  readonly docsPath?: string;
}

/** The targets of the termennetwerk issue. */
export const TERMS_TARGETS = {
  buildLabelsPerSecond: 100_000,
  p50Ms: 5,
  p95Ms: 15,
  searchesPerSecond: 1_000,
  sparqlRatio: 50,
} as const;

const n = (value: number, digits = 0): string => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (value: number): string => (value < 10 ? n(value, 2) : value < 100 ? n(value, 1) : n(value));
const verdict = (ok: boolean): string => (ok ? 'PASS' : '**FAIL**');

/** The markdown section of docs/benchmarks.md. */
export function termsReport(result: TermsBenchResult): string {
  const { thesaurus, sequential, concurrent, sparql } = result;
  const lines = [
    '## Termennetwerk: term index build and search',
    '',
    ...measuredOn(result.date, result.machine, result.command),
    '',
    `Dataset: the synthetic AAT-shaped thesaurus of \`bench/synthetic-aat.ts\` (seed 42): ${n(thesaurus.concepts)} concepts with ${n(thesaurus.labels)} labels ` +
      '(a preferred label in English and in Dutch, and 0–4 alternative labels, each as plain SKOS and as a SKOS-XL term resource; one to three words from 20,000 stems, common ones in up to about 1.5 % of labels), ' +
      `imported with \`importTermList\` as one term list in ${n(thesaurus.importMs / 1000, 1)} s. ` +
      `The ${thesaurus.queries} search strings are words of labels, or their first three to five letters, as a user types them.`,
    '',
    '| step | figure |',
    '|---|---|',
    `| term index build from the record store (\`catchUpTermIndex\` into an empty index: read the concept records, fill labels, concepts and both FTS5 tables), ${result.builds.length} runs | median ${n(result.medianBuildLabelsPerSecond)} labels/s (runs: ${result.builds.map((b) => `${n(b.labelsPerSecond)} in ${n(b.ms / 1000, 1)} s`).join(', ')}) |`,
    `| GraphQL \`terms\` search over HTTP, one at a time (${n(sequential.samples)} searches after a warm-up; ${n(result.meanHits, 1)} terms per answer on average, at most 100) | p50 ${ms(sequential.p50)} ms, p95 ${ms(sequential.p95)} ms, mean ${ms(sequential.mean)} ms |`,
    `| the same, ${concurrent.workers} at a time | ${n(concurrent.perSecond)} searches/s (p50 ${ms(concurrent.latency.p50)} ms, p95 ${ms(concurrent.latency.p95)} ms) |`,
    `| the first ${sparql.queries} searches as SPARQL \`CONTAINS\` filters over every prefLabel and altLabel (the Network of Terms' way), on the same server's oxigraph index, over HTTP | p50 ${ms(sparql.sparql.p50)} ms, p95 ${ms(sparql.sparql.p95)} ms; GraphQL on the same searches p50 ${ms(sparql.graphql.p50)} ms: **${n(sparql.ratio)}×** faster |`,
    '',
    'The searches are the query a Network of Terms client sends (`terms(sources, query)` with every Term field and the broader, narrower and exactMatch terms), to one `cultuurgraaf serve` process (one SPARQL replica) on loopback, from a keep-alive `node:http` client in the benchmark process; latency is from sending the request to the last byte of the answer.',
    '',
    '### Targets',
    '',
    '| target | measured | result |',
    '|---|---:|:---:|',
    `| index build ≥ ${n(TERMS_TARGETS.buildLabelsPerSecond)} labels/s (median) | ${n(result.medianBuildLabelsPerSecond)} | ${verdict(result.medianBuildLabelsPerSecond >= TERMS_TARGETS.buildLabelsPerSecond)} |`,
    `| search p50 ≤ ${TERMS_TARGETS.p50Ms} ms at concurrency 1 | ${ms(sequential.p50)} ms | ${verdict(sequential.p50 <= TERMS_TARGETS.p50Ms)} |`,
    `| search p95 ≤ ${TERMS_TARGETS.p95Ms} ms at concurrency 1 | ${ms(sequential.p95)} ms | ${verdict(sequential.p95 <= TERMS_TARGETS.p95Ms)} |`,
    `| ≥ ${n(TERMS_TARGETS.searchesPerSecond)} searches/s at concurrency ${concurrent.workers} | ${n(concurrent.perSecond)} | ${verdict(concurrent.perSecond >= TERMS_TARGETS.searchesPerSecond)} |`,
    `| ≥ ${TERMS_TARGETS.sparqlRatio}× faster than SPARQL CONTAINS (p50 over p50) | ${n(sparql.ratio)}× | ${verdict(sparql.ratio >= TERMS_TARGETS.sparqlRatio)} |`,
  ];
  return lines.join('\n');
}
