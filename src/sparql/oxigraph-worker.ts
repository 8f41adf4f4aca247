/**
 * Worker thread entry: one replica of the SPARQL index. It builds an in-memory oxigraph store
 * from the record store, follows the change log, and answers queries and updates one at a time.
 * Heavy work stays here so the main thread's event loop keeps answering other requests.
 */
import { parentPort, workerData } from 'node:worker_threads';
import oxigraph from 'oxigraph';
import { AppError, ResultTooLargeError } from '../domain/errors.js';
import { DocumentJudge } from '../access/document-judge.js';
import { ChannelView } from '../access/publication-policy.js';
import { ANONYMOUS } from '../domain/principal.js';
import type { PolicySnapshot } from '../domain/publication-policy.js';
import type { FeedRecord } from '../ports/record-store.js';
import type { QueryJob, QueryResult, UpdateJob, UpdateResult } from '../ports/triple-store.js';
import { SqliteRecordFeed } from '../store/sqlite-record-feed.js';
import { UpdateSession } from './update-evaluator.js';
import { classifyQueryError } from './wire-errors.js';
import type {
  BuildResult, SyncResult, WireError, WorkerEvent, WorkerInit, WorkerJob, WorkerRequest, WorkerResponse,
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
/** Records the engine refused, by IRI; they are absent from this replica until a version loads. */
const skipped = new Set<string>();

function post(event: WorkerEvent): void {
  port?.postMessage(event);
}

function clearGraph(iri: string): void {
  for (const q of store.match(null, null, null, oxigraph.namedNode(iri))) store.delete(q);
}

/**
 * Loads records whose graphs are empty. A chunk the engine refuses is cleared and loaded again
 * record by record, each in its own transaction, so one bad record costs only itself.
 */
function loadRecords(records: readonly FeedRecord[]): void {
  try {
    store.load(records.map((r) => r.nquads).join(''), { format: NQUADS, no_transaction: true });
    for (const record of records) skipped.delete(record.iri);
    return;
  } catch {
    // Fall through: find the records the engine refuses.
  }
  for (const record of records) {
    clearGraph(record.iri);
    try {
      store.load(record.nquads, { format: NQUADS });
      skipped.delete(record.iri);
    } catch (error) {
      skipped.add(record.iri);
      post({ type: 'skipped', iri: record.iri, reason: (error as Error).message });
    }
  }
}

/**
 * The index serves the public view (docs/access.md): records the `sparql` channel may publish,
 * without their dataset's restricted properties, nor hash records only those led to. Policies
 * come with the records, from the same snapshot, and a policy change is a `policy` entry per
 * record in the change log, which `sync` applies like any other.
 */
function publicRecords(records: readonly FeedRecord[], policies: PolicySnapshot): FeedRecord[] {
  const view = viewOf(policies);
  const out: FeedRecord[] = [];
  for (const record of records) {
    const nquads = view.content(record);
    if (nquads === undefined || nquads === '') continue;
    out.push(nquads === record.nquads ? record : { ...record, nquads });
  }
  return out;
}

let lastView: ChannelView | undefined;
const judge = new DocumentJudge(feed);

/** The public view of the sparql channel by `policies`: one for the chunks of a snapshot, which share them. */
function viewOf(policies: PolicySnapshot): ChannelView {
  if (lastView?.policies !== policies) lastView = new ChannelView(policies, ANONYMOUS, 'sparql', judge);
  return lastView;
}

function build(): BuildResult {
  const started = performance.now();
  store = new oxigraph.Store();
  skipped.clear();
  let triples = 0;
  let lastReport = started;
  head = feed.readSnapshot(CHUNK_TRIPLES, (records, count, policies) => {
    loadRecords(publicRecords(records, policies));
    triples += count;
    const now = performance.now();
    if (now - lastReport > 1000) {
      lastReport = now;
      post({ type: 'progress', triples, elapsedMs: Math.round(now - started) });
    }
  });
  return { head, triples, elapsedMs: Math.round(performance.now() - started), skipped: skipped.size };
}

function sync(): SyncResult {
  let records = 0;
  for (;;) {
    const page = feed.changedSince(head, SYNC_PAGE);
    if (page.records.length === 0) break;
    const live: FeedRecord[] = [];
    for (const record of page.records) {
      clearGraph(record.iri);
      if (record.nquads === null) skipped.delete(record.iri);
      else live.push({ iri: record.iri, dataset: record.dataset, nquads: record.nquads });
    }
    // A hash record a change of its document cut off has an entry of its own (a `policy` one).
    const shown = publicRecords(live, page.policies);
    // A record the policy now hides is not in the index for a reason of its own: not refused.
    const shownIris = new Set(shown.map((record) => record.iri));
    for (const record of live) if (!shownIris.has(record.iri)) skipped.delete(record.iri);
    if (shown.length > 0) loadRecords(shown);
    records += page.records.length;
    head = page.head;
  }
  return { head, records, skipped: skipped.size };
}

function query(job: QueryJob): QueryResult {
  const started = performance.now();
  let result: ReturnType<typeof store.query>;
  try {
    result = store.query(job.query, {
      base_iri: job.baseIri,
      results_format: job.mediaType,
      ...(job.defaultGraphs !== undefined || job.namedGraphs !== undefined
        ? {
          default_graph: (job.defaultGraphs ?? []).map((g) => oxigraph.namedNode(g)),
          named_graphs: (job.namedGraphs ?? []).map((g) => oxigraph.namedNode(g)),
        }
        // A query with its own FROM or FROM NAMED keeps its dataset; otherwise all records form the default graph.
        : job.unionDefaultGraph ? { use_default_graph_as_union: true } : {}),
    });
  } catch (error) {
    if (isFatal(error)) throw error;
    throw classifyQueryError(error);
  }
  if (typeof result !== 'string') throw new Error('oxigraph returned unserialised results');
  // A character is 1 to 3 bytes of UTF-8 (4 as a surrogate pair of 2): count bytes only where it matters.
  if (result.length > job.maxResultChars || (result.length * 3 > job.maxResultChars && Buffer.byteLength(result) > job.maxResultChars)) {
    throw new ResultTooLargeError(job.maxResultChars);
  }
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
    if (error instanceof AppError || isFatal(error)) throw error;
    // Oxigraph refusing part of the update (an unknown function, an invalid literal) is the request's fault.
    throw classifyQueryError(error);
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
  if (error instanceof AppError) return { code: error.code, status: error.status, message: error.message, extensions: { ...error.extensions } };
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
