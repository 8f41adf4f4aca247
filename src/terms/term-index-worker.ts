/**
 * Worker thread entry: keeps the term index (`terms.sqlite`) in step with the change log, so a
 * large build or import never holds the server's event loop. The main thread reads the same file
 * on its own read-only connection.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteRecordFeed } from '../store/sqlite-record-feed.js';
import { SqliteTermIndex } from '../store/sqlite-term-index.js';
import { catchUpTermIndex } from './term-index-projection.js';

export interface TermIndexWorkerInit {
  readonly dataDir: string;
}

/** From the worker: where the index is (`seq`), or why it could not follow. */
export type TermIndexWorkerMessage =
  | { readonly type: 'seq'; readonly seq: number }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'warning'; readonly message: string };

const port = parentPort;
if (!port) throw new Error('term-index-worker must run in a worker thread');
const { dataDir } = workerData as TermIndexWorkerInit;
const index = SqliteTermIndex.open(dataDir, (message) => { port.postMessage({ type: 'warning', message } satisfies TermIndexWorkerMessage); });
const feed = SqliteRecordFeed.open(dataDir);
port.postMessage({ type: 'seq', seq: index.seq() } satisfies TermIndexWorkerMessage);

// Every message asks to catch up; the log is read to its head each time, so asks arriving
// meanwhile are answered by the same round.
port.on('message', () => {
  try {
    catchUpTermIndex(index, feed);
    port.postMessage({ type: 'seq', seq: index.seq() } satisfies TermIndexWorkerMessage);
  } catch (error) {
    port.postMessage({ type: 'error', message: (error as Error).message } satisfies TermIndexWorkerMessage);
  }
});
