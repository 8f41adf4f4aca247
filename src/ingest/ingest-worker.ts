/**
 * Worker thread entry: runs one ingest job at a time for the HTTP server, on its own
 * connections to the record store, so mapping and validation never block the server's
 * event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteIngestRunStore } from '../store/sqlite-ingest-run-store.js';
import { SqliteRecordStore } from '../store/sqlite-record-store.js';
import { runIngest, type IngestRequest } from './ingest-run.js';
import { NO_REPORT } from './report-entry.js';
import { shapeValidators } from './shape-validators.js';

export interface IngestWorkerInit {
  readonly dataDir: string;
}

export type IngestWorkerMessage = { readonly type: 'done'; readonly runId: string; readonly error?: string };

const port = parentPort;
if (!port) throw new Error('ingest-worker must run in a worker thread');
const { dataDir } = workerData as IngestWorkerInit;
const records = SqliteRecordStore.open(dataDir);
const runs = SqliteIngestRunStore.open(dataDir);
const validators = shapeValidators();

port.on('message', (request: IngestRequest & { runId: string }) => {
  runIngest(request, { records, runs, validator: validators }).then(
    (result) => {
      result.report.close();
      port.postMessage({ type: 'done', runId: request.runId, ...(result.error === undefined ? {} : { error: result.error }) } satisfies IngestWorkerMessage);
    },
    (error: unknown) => {
      // An unexpected failure still ends the run, so it never stays 'running'; a run that
      // runIngest already ended keeps the counts and report it recorded.
      const message = `ingest failed: ${(error as Error).message}`;
      const status = runs.get(request.runId)?.status;
      if (status === 'queued' || status === 'running') runs.finish(request.runId, { status: 'failed', summary: {}, report: NO_REPORT, error: message });
      port.postMessage({ type: 'done', runId: request.runId, error: message } satisfies IngestWorkerMessage);
    },
  );
});
