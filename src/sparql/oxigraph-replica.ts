import type { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { errorFromWire } from './wire-errors.js';
import { spawnWorker } from './spawn-worker.js';
import type {
  BuildResult, SyncResult, WorkerEvent, WorkerJob, WorkerRequest, WorkerResponse,
} from './worker-protocol.js';

/** Raised when a request to a replica ran past its time limit; the replica was stopped. */
export class ReplicaTimeoutError extends Error {
  constructor(readonly limitMs: number) {
    super(`Replica request exceeded ${limitMs} ms`);
  }
}

/** Raised for requests in flight when a replica stops. */
export class ReplicaStoppedError extends Error {}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer?: NodeJS.Timeout;
}

/**
 * One SPARQL index replica: an oxigraph store in a worker thread. Requests are answered in the
 * order they are sent. A request with a time limit that runs past it stops the worker, since
 * oxigraph cannot cancel a running query; the replica is then dead and must be replaced.
 */
export class OxigraphReplica {
  /** Change-log head the replica has applied. */
  head = 0;
  /** Records the engine refused, which this replica does not hold. */
  skipped = 0;
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Set when the worker exited. */
  private stopped = false;
  /** Set as soon as stopping begins: from then on the replica takes no work. */
  private stopping = false;
  private readonly exited: Promise<void>;

  constructor(
    readonly name: string,
    dataDir: string,
    private readonly logger: Logger,
    onExit: (replica: OxigraphReplica) => void,
  ) {
    this.worker = spawnWorker(import.meta.url, 'oxigraph-worker', { dataDir });
    this.worker.on('message', (message: WorkerResponse | WorkerEvent) => { this.receive(message); });
    this.worker.on('error', (error) => {
      this.logger.error({ err: error, replica: name }, 'SPARQL index replica failed');
    });
    this.exited = new Promise((resolve) => {
      this.worker.once('exit', () => {
        this.stopped = true;
        this.rejectAll(new ReplicaStoppedError(`SPARQL index replica ${name} stopped`));
        onExit(this);
        resolve();
      });
    });
  }

  /** False from the moment the replica starts stopping; the pool gives it no more work. */
  get alive(): boolean {
    return !this.stopping && !this.stopped;
  }

  /** Builds the index from the record store. */
  async build(): Promise<BuildResult> {
    const result = await this.request<BuildResult>({ type: 'build' });
    this.head = result.head;
    this.skipped = result.skipped;
    return result;
  }

  /** Applies the change log up to its current head. */
  async sync(): Promise<SyncResult> {
    const result = await this.request<SyncResult>({ type: 'sync' });
    this.head = result.head;
    this.skipped = result.skipped;
    return result;
  }

  /** Sends a job; past `timeoutMs` the worker is stopped and the promise rejects with ReplicaTimeoutError. */
  request<T>(job: WorkerJob, timeoutMs?: number): Promise<T> {
    if (!this.alive) return Promise.reject(new ReplicaStoppedError(`SPARQL index replica ${this.name} has stopped`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const pending: Pending = { resolve: resolve, reject };
      if (timeoutMs !== undefined) {
        pending.timer = setTimeout(() => {
          this.pending.delete(id);
          reject(new ReplicaTimeoutError(timeoutMs));
          this.logger.warn({ replica: this.name, limitMs: timeoutMs }, 'stopping SPARQL index replica: request ran past its time limit');
          void this.stop();
        }, timeoutMs);
      }
      this.pending.set(id, pending);
      const request: WorkerRequest = { id, job };
      this.worker.postMessage(request);
    });
  }

  /** Stops the worker; resolves once it has exited. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (!this.stopped) await this.worker.terminate();
    await this.exited;
  }

  private receive(message: WorkerResponse | WorkerEvent): void {
    if ('type' in message) {
      if (message.type === 'progress') {
        this.logger.info(
          { replica: this.name, triples: message.triples, triplesPerSecond: Math.round(message.triples / (message.elapsedMs / 1000)) },
          'building SPARQL index',
        );
      } else {
        this.logger.warn(
          { replica: this.name, record: message.iri, reason: message.reason },
          'the SPARQL index engine refused a record; it is left out of the index until a version it reads is written',
        );
      }
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (pending.timer) clearTimeout(pending.timer);
    if (message.ok) {
      pending.resolve(message.value);
      return;
    }
    pending.reject(errorFromWire(message.error));
    if (message.error.fatal) {
      this.logger.error({ replica: this.name, error: message.error.message }, 'stopping SPARQL index replica: its query engine broke');
      void this.stop();
    }
  }

  private rejectAll(error: Error): void {
    for (const pending of this.pending.values()) {
      if (pending.timer) clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.pending.clear();
  }
}
