import type * as RDF from '@rdfjs/types';
import { DataFactory, Store } from 'n3';
import { expect } from 'vitest';
import { runIngest, type IngestResult } from '../../src/ingest/ingest-run.js';
import type { ReportEntry } from '../../src/ingest/report-entry.js';
import { shapeValidators } from '../../src/ingest/shape-validators.js';
import { displayName } from '../../src/ingest/sources/fetch-source.js';
import type { ItemLimits } from '../../src/ingest/sources/item-limits.js';
import { SqliteIngestRunStore } from '../../src/store/sqlite-ingest-run-store.js';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { parseRdf } from './isomorphism.js';
import { startTestServer } from './test-server.js';

export const TEST_BASE_IRI = 'http://localhost:8080/';

export interface IngestOptions {
  readonly dataset: string;
  readonly mapping: string;
  readonly replace?: boolean;
  readonly dryRun?: boolean;
  readonly batchSize?: number;
  readonly threads?: number;
  readonly itemLimits?: ItemLimits;
  readonly namedDatasets?: readonly string[];
}

/** An ingest run's result with its whole report read into memory. */
export type IngestOutcome = Omit<IngestResult, 'report'> & { readonly report: ReportEntry[] };

/** Runs one ingest into `dataDir` the way the CLI does, with the real shapes, and closes the stores; the report is read whole. */
export async function ingestInto(dataDir: string, input: string, options: IngestOptions): Promise<IngestOutcome> {
  const records = SqliteRecordStore.open(dataDir);
  const runs = SqliteIngestRunStore.open(dataDir);
  try {
    const result = await runIngest({
      input, source: displayName(input), dataset: options.dataset, mapping: options.mapping,
      replace: options.replace ?? false, dryRun: options.dryRun ?? false, baseIri: TEST_BASE_IRI, batchSize: options.batchSize ?? 1000,
      ...(options.threads === undefined ? {} : { threads: options.threads }),
      ...(options.itemLimits === undefined ? {} : { itemLimits: options.itemLimits }),
      ...(options.namedDatasets === undefined ? {} : { namedDatasets: options.namedDatasets }),
    }, { records, runs, validator: shapeValidators() });
    try {
      return { ...result, report: result.report.list() };
    } finally {
      result.report.close();
    }
  } finally {
    runs.close();
    records.close();
  }
}

/** The graph the SPARQL endpoint of a server on `dataDir` serves: every triple of every record, as N-Triples. */
export async function servedGraph(dataDir: string): Promise<string> {
  const server = await startTestServer(dataDir);
  try {
    const response = await server.query('CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }', 'application/n-triples');
    expect(response.status).toBe(200);
    return await response.text();
  } finally {
    await server.close();
  }
}

/** The stored live records, every triple once, out of their named graphs. */
export function storedGraph(dataDir: string, iris?: readonly string[]): RDF.Quad[] {
  const store = SqliteRecordStore.open(dataDir);
  try {
    const texts = iris === undefined
      ? [...store.iterateNQuads()]
      : iris.map((iri) => store.getRecord(iri)).filter((record) => record !== undefined && !record.deleted).map((record) => record?.nquads ?? '');
    const graph = new Store();
    for (const text of texts) {
      for (const quad of parseRdf(text, 'application/n-quads')) graph.addQuad(quad.subject, quad.predicate, quad.object, DataFactory.defaultGraph());
    }
    return graph.getQuads(null, null, null, null);
  } finally {
    store.close();
  }
}
