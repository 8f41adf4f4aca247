/**
 * Worker thread entry: one replica of the SPARQL index. It builds an in-memory oxigraph store
 * from the record store, follows the change log, and answers queries and updates one at a time.
 * Heavy work stays here so the main thread's event loop keeps answering other requests.
 */
import { parentPort, workerData } from 'node:worker_threads';
import oxigraph from 'oxigraph';
import { AppError } from '../domain/errors.js';
import { SqliteRecordFeed } from '../store/sqlite-record-feed.js';
import { UpdateSession } from './update-evaluator.js';
import { classifyQueryError } from './wire-errors.js';
import type {
  BuildResult, QueryJob, QueryResult, SyncResult, UpdateJob, UpdateResult, WireError, WorkerInit, WorkerJob, WorkerProgress,
  WorkerRequest, WorkerResponse,
} from './worker-protocol.js';

/** Statements per `store.load` call: big enough to be fast, small enough to keep memory flat. */
const CHUNK_TRIPLES = 50_000;
/** Change-log entries read per catch-up step. */
const SYNC_PAGE = 5_000;
const NQUADS = 'application/n-quads';

const port = parentPort;
if (!port) throw new Error('oxigraph-worker must run in a worker thread');
const init = workerData as WorkerInit;
const feed = SqliteRecordFeed.open(init.dataDir);
let store = new oxigraph.Store();
let head = 0;
let session: UpdateSession | undefined;

function build(): BuildResult {
  const started = performance.now();
  store = new oxigraph.Store();
  let triples = 0;
  let lastReport = started;
  head = feed.readSnapshot(CHUNK_TRIPLES, (nquads, count) => {
    store.load(nquads, { format: NQUADS, no_transaction: true });
    triples += count;
    const now = performance.now();
    if (now - lastReport > 1000) {
      lastReport = now;
      const progress: WorkerProgress = { type: 'progress', triples, elapsedMs: Math.round(now - started) };
      port?.postMessage(progress);
    }
  });
  return { head, triples, elapsedMs: Math.round(performance.now() - started) };
}

function sync(): SyncResult {
  let records = 0;
  for (;;) {
    const page = feed.changedSince(head, SYNC_PAGE);
    if (page.records.length === 0) break;
    const additions: string[] = [];
    for (const record of page.records) {
      for (const q of store.match(null, null, null, oxigraph.namedNode(record.iri))) store.delete(q);
      if (record.nquads) additions.push(record.nquads);
    }
    if (additions.length > 0) store.load(additions.join(''), { format: NQUADS, no_transaction: true });
    records += page.records.length;
    head = page.head;
  }
  return { head, records };
}

function query(job: QueryJob): QueryResult {
  const started = performance.now();
  const dataset = job.defaultGraphs !== undefined || job.namedGraphs !== undefined;
  let result: ReturnType<typeof store.query>;
  try {
    result = store.query(job.query, {
    base_iri: job.baseIri,
    results_format: job.resultsFormat,
    ...(dataset
      ? {
        default_graph: (job.defaultGraphs ?? []).map((g) => oxigraph.namedNode(g)),
        named_graphs: (job.namedGraphs ?? []).map((g) => oxigraph.namedNode(g)),
      }
      : { use_default_graph_as_union: true }),
    });
  } catch (error) {
    if (isFatal(error)) throw error;
    throw classifyQueryError(error);
  }
  if (typeof result !== 'string') throw new Error('oxigraph returned unserialised results');
  return { body: result, engineMs: performance.now() - started };
}

function update(job: UpdateJob): UpdateResult {
  if (session) throw new Error('An update session is already open on this replica');
  sync();
  session = new UpdateSession(store);
  try {
    const touched = session.run(job);
    return { head, graphs: touched.map((iri) => ({ iri, nquads: session?.graphContent(iri) ?? '' })) };
  } catch (error) {
    session.finish(false);
    session = undefined;
    throw error;
  }
}

function finishUpdate(commit: boolean): null {
  session?.finish(commit);
  session = undefined;
  return null;
}

function handle(job: WorkerJob): unknown {
  switch (job.type) {
    case 'build': return build();
    case 'sync': return sync();
    case 'query': return query(job);
    case 'update': return update(job);
    case 'finish-update': return finishUpdate(job.commit);
  }
}

/**
 * A WebAssembly trap (out-of-bounds access, exhausted stack or heap) leaves oxigraph's module
 * instance unusable for every store in this thread, so the replica has to go.
 */
function isFatal(error: unknown): boolean {
  // WebAssembly.RuntimeError: Node's type definitions do not declare it as a value.
  if (error instanceof Error && error.name === 'RuntimeError') return true;
  return error instanceof RangeError && /call stack/i.test(error.message);
}

function toWire(error: unknown): WireError {
  if (isFatal(error)) {
    return { code: 'QUERY_ENGINE_FAILED', message: `The query engine failed (${(error as Error).message}); the index replica is being replaced.`, fatal: true };
  }
  if (error instanceof AppError) return { code: error.code, message: error.message, extensions: { ...error.extensions } };
  return { message: error instanceof Error ? error.message : String(error) };
}

port.on('message', (request: WorkerRequest) => {
  let response: WorkerResponse;
  try {
    response = { id: request.id, ok: true, value: handle(request.job) };
  } catch (error) {
    response = { id: request.id, ok: false, error: toWire(error) };
  }
  port.postMessage(response);
});
