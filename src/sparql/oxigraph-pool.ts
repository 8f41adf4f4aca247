import type { Logger } from 'pino';
import { QueryTimeoutError, ServiceUnavailableError } from '../domain/errors.js';
import { StaleWriteError } from '../ports/record-store.js';
import type { QueryAnswer, TripleStore, TripleStoreStatus } from '../ports/triple-store.js';
import { OxigraphReplica, ReplicaStoppedError, ReplicaTimeoutError } from './oxigraph-replica.js';
import type { QueryJob, QueryResult, UpdateJob, UpdateResult } from './worker-protocol.js';

/** How often an update is retried when another writer moved the change log meanwhile. */
const UPDATE_ATTEMPTS = 5;

interface Slot {
  replica: OxigraphReplica;
  state: 'building' | 'serving';
  busy: boolean;
  /** The change log may have grown past what this replica applied. */
  stale: boolean;
}

interface Task {
  readonly run: (replica: OxigraphReplica, remainingMs: number) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  deadline: number;
  limitMs: number;
  timer: NodeJS.Timeout;
}

export interface OxigraphPoolOptions {
  readonly dataDir: string;
  readonly replicas: number;
  readonly logger: Logger;
  /** The record store's change-log head, read fresh: readiness compares replicas against it. */
  readonly storeHead: () => number;
}

/**
 * The SPARQL index as a pool of oxigraph replicas in worker threads. Each query runs on one
 * idle replica; one that runs past its limit is stopped and a fresh replica is built from the
 * record store while the others keep serving.
 */
export class OxigraphPool implements TripleStore {
  private readonly slots = new Set<Slot>();
  private readonly queue: Task[] = [];
  private closing = false;
  private replicaCount = 0;

  constructor(private readonly options: OxigraphPoolOptions) {}

  /** Starts every replica; resolves when the first one serves. */
  async start(): Promise<void> {
    await Promise.any(Array.from({ length: this.options.replicas }, () => this.spawn()));
  }

  query(job: QueryJob, timeoutMs: number): Promise<QueryAnswer> {
    const queued = performance.now();
    return this.schedule(async (replica, remainingMs) => {
      const waitMs = performance.now() - queued;
      const result = await replica.request<QueryResult>(job, remainingMs);
      return { ...result, waitMs };
    }, timeoutMs);
  }

  update<T>(job: UpdateJob, timeoutMs: number, commit: (result: UpdateResult) => Promise<T>): Promise<T> {
    return this.schedule(async (replica, remainingMs) => {
      for (let attempt = 1; ; attempt++) {
        const result = await replica.request<UpdateResult>(job, remainingMs);
        try {
          const value = await commit(result);
          await replica.request({ type: 'finish-update', commit: true });
          // The replica itself holds the update already; sync replaces it with the committed form.
          await replica.sync();
          return value;
        } catch (error) {
          await replica.request({ type: 'finish-update', commit: false });
          if (!(error instanceof StaleWriteError) || attempt >= UPDATE_ATTEMPTS) throw error;
          this.options.logger.debug({ attempt }, 'retrying SPARQL Update: the change log moved');
        }
      }
    }, timeoutMs);
  }

  notifyChanges(): void {
    for (const slot of this.slots) slot.stale = true;
    this.dispatch();
  }

  status(): TripleStoreStatus {
    const replicas = [...this.slots].filter((slot) => slot.replica.alive).map((slot) => ({ name: slot.replica.name, state: slot.state, head: slot.replica.head }));
    const serving = replicas.filter((r) => r.state === 'serving');
    const appliedHead = serving.length === 0 ? 0 : Math.min(...serving.map((r) => r.head));
    return { ready: serving.length > 0 && appliedHead >= this.options.storeHead(), appliedHead, replicas };
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const task of this.queue.splice(0)) {
      clearTimeout(task.timer);
      task.reject(new ServiceUnavailableError('The server is shutting down.'));
    }
    await Promise.all([...this.slots].map((slot) => slot.replica.stop()));
  }

  private schedule<T>(run: (replica: OxigraphReplica, remainingMs: number) => Promise<T>, limitMs: number): Promise<T> {
    if (this.closing) return Promise.reject(new ServiceUnavailableError('The server is shutting down.'));
    return new Promise<T>((resolve, reject) => {
      const task: Task = {
        run, resolve: (value) => { resolve(value as T); }, reject, limitMs,
        deadline: performance.now() + limitMs,
        // Waiting in the queue counts against the limit too: the client is told within it.
        timer: setTimeout(() => {
          const index = this.queue.indexOf(task);
          if (index !== -1) {
            this.queue.splice(index, 1);
            reject(new QueryTimeoutError(limitMs));
          }
        }, limitMs),
      };
      this.queue.push(task);
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.state !== 'serving' || slot.busy || !slot.replica.alive) continue;
      if (slot.stale) {
        this.syncSlot(slot);
        continue;
      }
      const task = this.queue.shift();
      if (!task) return;
      clearTimeout(task.timer);
      this.runTask(slot, task);
    }
  }

  private runTask(slot: Slot, task: Task): void {
    slot.busy = true;
    const remaining = Math.max(1, Math.round(task.deadline - performance.now()));
    task.run(slot.replica, remaining).then(task.resolve, (error: unknown) => {
      task.reject(
        error instanceof ReplicaTimeoutError ? new QueryTimeoutError(task.limitMs)
          : error instanceof ReplicaStoppedError ? new ServiceUnavailableError('The SPARQL index replica stopped while answering; try again.')
            : (error as Error),
      );
    }).finally(() => {
      slot.busy = false;
      this.dispatch();
    });
  }

  private syncSlot(slot: Slot): void {
    slot.busy = true;
    slot.stale = false;
    slot.replica.sync().catch((error: unknown) => {
      if (slot.replica.alive) this.options.logger.error({ err: error, replica: slot.replica.name }, 'SPARQL index sync failed');
    }).finally(() => {
      slot.busy = false;
      this.dispatch();
    });
  }

  private async spawn(): Promise<OxigraphReplica> {
    const name = `sparql-${++this.replicaCount}`;
    const replica = new OxigraphReplica(name, this.options.dataDir, this.options.logger, (stopped) => { this.onExit(stopped); });
    const slot: Slot = { replica, state: 'building', busy: true, stale: false };
    this.slots.add(slot);
    const result = await replica.build();
    this.options.logger.info(
      { replica: name, triples: result.triples, ms: result.elapsedMs, triplesPerSecond: Math.round(result.triples / Math.max(result.elapsedMs, 1) * 1000), head: result.head },
      'SPARQL index replica ready',
    );
    slot.state = 'serving';
    slot.busy = false;
    slot.stale = true;
    this.dispatch();
    return replica;
  }

  private onExit(replica: OxigraphReplica): void {
    for (const slot of this.slots) if (slot.replica === replica) this.slots.delete(slot);
    if (this.closing) return;
    this.options.logger.info({ replica: replica.name }, 'replacing stopped SPARQL index replica');
    this.spawn().catch((error: unknown) => {
      this.options.logger.error({ err: error }, 'could not start a SPARQL index replica');
    });
  }
}
