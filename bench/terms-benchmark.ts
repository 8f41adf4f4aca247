/**
 * The term benchmark (`npm run bench:terms`): a synthetic AAT-shaped thesaurus is imported as a
 * term list; the term index is built from the record store (three times, from nothing); then a
 * `cultuurgraaf serve` process answers Network-of-Terms GraphQL searches over HTTP, one at a time
 * and sixteen at a time, and the same searches done the Network of Terms' way, a SPARQL
 * CONTAINS filter over the labels, on the same server's oxigraph index.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catchUpTermIndex, importTermList, SqliteRecordFeed, SqliteRecordStore, SqliteTermIndex, TERM_INDEX_FILE } from './compiled.js';
import { GraphqlHttpClient } from './graphql-http-client.js';
import { latencyStats, median } from './latency-stats.js';
import { describeMachine } from './machine.js';
import { writeMarkedSection } from './markdown-section.js';
import { NodeHttpSparqlClient } from './node-http-sparql-client.js';
import { ServerProcess } from './server-process.js';
import { throughput } from './throughput.js';
import { writeSyntheticAat } from './synthetic-aat.js';
import { termsReport, type TermsBenchResult } from './terms-report.js';

export interface TermsBenchOptions {
  readonly command: string;
  /** Labels in the thesaurus; default 1,000,000. */
  readonly labels?: number;
  /** Measured searches at concurrency 1; default 1,000. */
  readonly iterations?: number;
  /** Seconds of searching at concurrency 16; default 10. */
  readonly seconds?: number;
  /** Searches compared with SPARQL CONTAINS; default 20. */
  readonly sparqlQueries?: number;
  readonly docsPath?: string;
}

const BASE_IRI = 'http://localhost:8080/';
const LIST = 'aat';
const SOURCE = 'http://vocab.getty.edu/aat/';
const BUILDS = 3;
const CONCURRENCY = 16;
/** What a collection tool asks the Network of Terms for each search. */
const TERMS_QUERY = `query Terms($sources: [ID]!, $query: String!) {
  terms(sources: $sources, query: $query) {
    source { uri name }
    result { __typename
      ... on Terms { terms { uri prefLabel altLabel hiddenLabel definition scopeNote broader { uri prefLabel } narrower { uri prefLabel } exactMatch { uri prefLabel } } }
      ... on Error { message } }
    responseTimeMs } }`;

const progress = (message: string): void => {
  console.log(`[bench:terms] ${message}`);
};

export async function runTermsBenchmark(options: TermsBenchOptions): Promise<TermsBenchResult> {
  const root = await mkdtemp(join(tmpdir(), 'cultuurgraaf-bench-terms-'));
  const dataDir = join(root, 'data');
  try {
    const file = join(root, 'aat.nt');
    progress(`generating ${options.labels ?? 1_000_000} AAT-shaped labels into ${file}`);
    const thesaurus = await writeSyntheticAat(file, { labels: options.labels ?? 1_000_000, queries: 200 });

    progress('importing them as the term list "aat"');
    const records = SqliteRecordStore.open(dataDir);
    let importMs: number;
    try {
      const started = performance.now();
      await importTermList({ file, source: 'aat.nt', list: LIST, baseIri: BASE_IRI }, { records });
      importMs = performance.now() - started;
    } finally {
      records.close();
    }

    const buildsMs: number[] = [];
    for (let run = 0; run < BUILDS; run++) {
      await Promise.all(['', '-wal', '-shm'].map((suffix) => rm(join(dataDir, `${TERM_INDEX_FILE}${suffix}`), { force: true })));
      global.gc?.();
      const index = SqliteTermIndex.open(dataDir);
      const feed = SqliteRecordFeed.open(dataDir);
      try {
        const started = performance.now();
        catchUpTermIndex(index, feed);
        buildsMs.push(performance.now() - started);
      } finally {
        feed.close();
        index.close();
      }
      progress(`index build ${run + 1} of ${BUILDS}: ${(buildsMs[run] ?? 0).toFixed(0)} ms`);
    }

    progress('starting the server (one SPARQL replica)');
    const probe = new NodeHttpSparqlClient();
    const server = await ServerProcess.start(dataDir, 1, probe, 600_000);
    const single = new GraphqlHttpClient(1);
    const many = new GraphqlHttpClient(CONCURRENCY);
    try {
      const graphqlUrl = `${server.url}/graphql`;
      const search = (client: GraphqlHttpClient, i: number): Promise<string> =>
        client.post(graphqlUrl, TERMS_QUERY, { sources: [SOURCE], query: thesaurus.queries[i % thesaurus.queries.length] ?? 'a' });
      progress('GraphQL searches, one at a time');
      const warmupStarted = performance.now();
      for (let i = 0; i < 200 || performance.now() - warmupStarted < 3_000; i++) await search(single, i);
      const samples: number[] = [];
      let hits = 0;
      for (let i = 0; i < (options.iterations ?? 1_000); i++) {
        const started = performance.now();
        const body = await search(single, i);
        samples.push(performance.now() - started);
        hits += termCount(body);
      }

      progress(`GraphQL searches, ${CONCURRENCY} at a time`);
      const concurrent = await throughput((i) => search(many, i), CONCURRENCY, (options.seconds ?? 10) * 1000);

      progress('the same searches as SPARQL CONTAINS filters');
      const compared = thesaurus.queries.slice(0, options.sparqlQueries ?? 20);
      const sparqlMs: number[] = [];
      const graphqlMs: number[] = [];
      await probe.post(`${server.url}/sparql`, containsQuery('warm'));
      for (const [i, query] of compared.entries()) {
        let started = performance.now();
        await probe.post(`${server.url}/sparql`, containsQuery(query));
        sparqlMs.push(performance.now() - started);
        started = performance.now();
        await search(single, i);
        graphqlMs.push(performance.now() - started);
      }
      return {
        date: new Date().toISOString(), machine: describeMachine(), command: options.command,
        thesaurus: { concepts: thesaurus.concepts, labels: thesaurus.labels, queries: thesaurus.queries.length, importMs },
        builds: buildsMs.map((ms) => ({ ms, labelsPerSecond: (thesaurus.labels / ms) * 1000 })),
        medianBuildLabelsPerSecond: (thesaurus.labels / median(buildsMs)) * 1000,
        sequential: latencyStats(samples), meanHits: hits / samples.length,
        concurrent,
        sparql: { queries: compared.length, sparql: latencyStats(sparqlMs), graphql: latencyStats(graphqlMs), ratio: median(sparqlMs) / median(graphqlMs) },
        ...(options.docsPath === undefined ? {} : { docsPath: options.docsPath }),
      };
    } finally {
      single.close();
      many.close();
      probe.close();
      await server.stop();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** Prints the report and writes it into the docs when asked. */
export async function reportTermsBenchmark(result: TermsBenchResult): Promise<void> {
  const report = termsReport(result);
  console.log(report);
  if (result.docsPath !== undefined) {
    await writeMarkedSection(result.docsPath, 'terms', report);
    progress(`wrote the report into ${result.docsPath}`);
  }
}

/** `workers` loops sending searches back to back for `ms`: searches per second, and their latency. */
/** Terms in a `terms` answer. */
function termCount(body: string): number {
  const parsed = JSON.parse(body) as { data?: { terms?: Array<{ result?: { terms?: unknown[] } }> } };
  return parsed.data?.terms?.reduce((sum, source) => sum + (source.result?.terms?.length ?? 0), 0) ?? 0;
}

/** The Network of Terms' way: a SPARQL filter over every preferred and alternative label. */
function containsQuery(query: string): string {
  const text = JSON.stringify(query.toLowerCase());
  return `PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?concept ?label WHERE {
  ?concept skos:prefLabel|skos:altLabel ?label .
  FILTER(CONTAINS(LCASE(STR(?label)), ${text}))
} LIMIT 100`;
}
