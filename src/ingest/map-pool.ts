import type { Worker } from 'node:worker_threads';
import { InvalidInputError } from '../domain/errors.js';
import { spawnWorker } from '../sparql/spawn-worker.js';
import type { ChunkMapping, MappedChunk, MapperSetup } from './chunk-mapper.js';
import type { SourceItem } from './sources/source-item.js';

export interface MapWorkerRequest {
  readonly id: number;
  readonly items: readonly SourceItem[];
}

interface WorkerFailure {
  readonly message: string;
  /** The error was an AppError: its message is for the user as it is. */
  readonly app: boolean;
}

export type MapWorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'mapped'; readonly id: number; readonly chunk: MappedChunk }
  | { readonly type: 'failed'; readonly id?: number; readonly error: WorkerFailure };

interface Pending {
  resolve(chunk: MappedChunk): void;
  reject(error: Error): void;
}

interface Thread {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
}

/** Chunks each worker gets ahead, so it never waits for the main thread between two. */
const CHUNKS_PER_WORKER = 2;

/**
 * A worker's V8 old generation, in MB. A chunk needs a few MB, the shapes about 70; without a
 * limit V8 sizes each worker's heap for the whole machine and collects late, which took a
 * 10,000-row run on two workers from 0.6 GB to 1.4 GB of RSS for no gain in speed. 512 MB still
 * let each worker's heap fill with garbage; at 256 or 160 MB a 20,000-row run kept the same
 * speed and peaked about 250 MB lower.
 */
const WORKER_HEAP_MB = 256;

/**
 * A pool of worker threads (map-worker.ts) that map, validate and canonicalise an ingest run's
 * items, chunk by chunk, while the main thread reads the input and writes what comes back.
 * Each worker loads the mapping and its shapes once. A chunk goes to the worker with the least
 * work in hand; results come back per chunk, and the caller applies them in input order.
 */
export class MapPool implements ChunkMapping {
  readonly capacity: number;
  readonly threads: number;
  private nextId = 1;
  private closed = false;

  private constructor(private readonly workers: readonly Thread[]) {
    this.threads = workers.length;
    this.capacity = workers.length * CHUNKS_PER_WORKER;
  }

  /** Starts `size` workers and waits until each has loaded the mapping and shapes. */
  static async open(setup: MapperSetup, size: number): Promise<MapPool> {
    const threads: Thread[] = [];
    const starting: Promise<void>[] = [];
    for (let i = 0; i < size; i++) {
      const worker = spawnWorker(import.meta.url, 'map-worker', setup, { maxOldGenerationSizeMb: WORKER_HEAP_MB });
      const thread: Thread = { worker, pending: new Map() };
      threads.push(thread);
      starting.push(new Promise<void>((resolve, reject) => {
        const onMessage = (reply: MapWorkerReply) => {
          if (reply.type === 'ready') resolve();
          else if (reply.type === 'failed' && reply.id === undefined) reject(toError(reply.error));
        };
        worker.on('message', onMessage);
        worker.once('error', reject);
        worker.once('exit', (code) => { reject(new Error(`a mapping worker stopped while starting (exit code ${code})`)); });
      }));
    }
    const pool = new MapPool(threads);
    try {
      await Promise.all(starting);
    } catch (error) {
      await pool.close();
      throw error;
    }
    for (const thread of threads) pool.listen(thread);
    return pool;
  }

  map(items: readonly SourceItem[]): Promise<MappedChunk> {
    if (this.closed) return Promise.reject(new Error('the mapping pool is closed'));
    const thread = this.workers.reduce((least, t) => (t.pending.size < least.pending.size ? t : least));
    const id = this.nextId++;
    return new Promise<MappedChunk>((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage({ id, items } satisfies MapWorkerRequest);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((thread) => thread.worker.terminate()));
  }

  private listen(thread: Thread): void {
    thread.worker.removeAllListeners('message');
    thread.worker.removeAllListeners('error');
    thread.worker.removeAllListeners('exit');
    thread.worker.on('message', (reply: MapWorkerReply) => {
      if (reply.type === 'ready' || reply.id === undefined) return;
      const pending = thread.pending.get(reply.id);
      if (pending === undefined) return;
      thread.pending.delete(reply.id);
      if (reply.type === 'mapped') pending.resolve(reply.chunk);
      else pending.reject(toError(reply.error));
    });
    const failAll = (error: Error) => {
      for (const pending of thread.pending.values()) pending.reject(error);
      thread.pending.clear();
    };
    thread.worker.on('error', failAll);
    thread.worker.on('exit', (code) => {
      if (!this.closed) failAll(new Error(`a mapping worker stopped (exit code ${code})`));
    });
  }
}

function toError(failure: WorkerFailure): Error {
  return failure.app ? new InvalidInputError(failure.message) : new Error(failure.message);
}
