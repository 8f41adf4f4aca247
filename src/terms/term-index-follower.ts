import type { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { OperationalError } from '../domain/operational-error.js';
import { spawnWorker } from '../sparql/spawn-worker.js';
import { TERM_INDEX_FILE } from '../store/sqlite-term-index.js';
import type { TermIndexWorkerMessage } from './term-index-worker.js';

/** How long a request waits for the term index to reach the log's head before it reads what is there. */
const MAX_WAIT_MS = 2_000;

/**
 * Runs the term index projection in a worker thread (term-index-worker.ts) and tells the rest of
 * the server how far it got. `notify` asks it to catch up with the change log; `caughtUp(head)`
 * resolves once it has applied the log up to `head`, or after a couple of seconds, so a client
 * reads what it just wrote without a long build holding every request.
 */
export class TermIndexFollower {
  private seq = -1;
  private waiting: Array<{ readonly head: number; readonly resolve: () => void }> = [];
  private closed = false;

  private constructor(private readonly worker: Worker, logger: Logger) {
    worker.on('message', (message: TermIndexWorkerMessage) => {
      if (message.type === 'warning') {
        logger.warn(message.message);
        return;
      }
      if (message.type === 'error') {
        logger.error({ err: message.message }, 'the term index could not follow the change log');
        this.release(Number.POSITIVE_INFINITY);
        return;
      }
      this.seq = message.seq;
      this.release(message.seq);
      // Callers that came in while that round ran wait for writes it did not see: ask again.
      if (this.waiting.length > 0) this.notify();
    });
    worker.on('error', (error) => {
      logger.error({ err: error }, 'the term index worker stopped');
      this.release(Number.POSITIVE_INFINITY);
    });
  }

  /** Starts the worker and waits until it has opened the index (its tables exist from then on). */
  static async start(dataDir: string, logger: Logger): Promise<TermIndexFollower> {
    const worker = spawnWorker(import.meta.url, 'term-index-worker', { dataDir });
    const follower = new TermIndexFollower(worker, logger);
    await new Promise<void>((resolve, reject) => {
      const opened = (message: TermIndexWorkerMessage): void => {
        if (message.type !== 'seq') return;
        worker.off('message', opened);
        resolve();
      };
      worker.on('message', opened);
      // An error from another thread arrives as a copy that may have lost its class and message.
      worker.once('error', (error: unknown) => {
        reject(new OperationalError(`The term index in ${dataDir} could not be opened: ${reasonOf(error)}. It is a projection of the record store: deleting ${TERM_INDEX_FILE} there makes the server build it again.`));
      });
    });
    return follower;
  }

  /** Asks the worker to apply what the change log holds beyond its position. */
  notify(): void {
    if (this.closed) return;
    this.worker.postMessage('catch-up');
  }

  /** Resolves once the index has applied the change log up to `head`, or after at most two seconds. */
  caughtUp(head: number): Promise<void> {
    if (this.seq >= head || this.closed) return Promise.resolve();
    // A waiting caller already asked the worker; its answer serves this one too.
    if (this.waiting.length === 0) this.notify();
    return new Promise((resolve) => {
      const entry = { head, resolve };
      this.waiting.push(entry);
      setTimeout(() => {
        this.waiting = this.waiting.filter((w) => w !== entry);
        resolve();
      }, MAX_WAIT_MS).unref();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.release(Number.POSITIVE_INFINITY);
    await this.worker.terminate();
  }

  private release(seq: number): void {
    const done = this.waiting.filter((w) => w.head <= seq);
    this.waiting = this.waiting.filter((w) => w.head > seq);
    for (const w of done) w.resolve();
  }
}

/** What went wrong, from an error that may be a structured copy without its class. */
function reasonOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  const { message, code } = (typeof error === 'object' && error !== null ? error : {}) as { message?: unknown; code?: unknown };
  if (typeof message === 'string') return message;
  if (typeof code === 'string') return code;
  return JSON.stringify(error);
}
