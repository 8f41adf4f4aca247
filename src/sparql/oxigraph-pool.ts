import type { Logger } from 'pino';
import { QueryTimeoutError, ServiceUnavailableError } from '../domain/errors.js';
import { StaleWriteError } from '../ports/record-store.js';
import type {
  QueryAnswer, QueryJob, QueryResult, TripleStore, TripleStoreStatus, UpdateJob, UpdateResult,
} from '../ports/triple-store.js';
import { OxigraphReplica, ReplicaStoppedError, ReplicaTimeoutError } from './oxigraph-replica.js';

/** How often an update is evaluated again when another writer moved the change log meanwhile. */
const UPDATE_ATTEMPTS = 5;
/** Queries waiting for a replica beyond this many are refused at once. */
const MAX_QUEUED = 256;
/** The longest wait before rebuilding a replica after builds kept failing. */
const MAX_RESPAWN_DELAY_MS = 60_000;

interface Slot {
  readonly replica: OxigraphReplica;
  state: 'building' | 'serving';
  busy: boolean;
  /** The change log may have grown past what this replica applied. */
  stale: boolean;
}

interface Task {
  readonly run: (replica: OxigraphReplica, remainingMs: number) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly deadline: number;
  readonly limitMs: number;
  readonly client: string | undefined;
  readonly timer: NodeJS.Timeout;
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
 * idle, caught-up replica. A replica that runs past a limit, breaks, or cannot follow the log
 * is stopped and a fresh one is built from the record store while the others keep serving;
 * builds that keep failing are retried with growing pauses.
 */
export class OxigraphPool implements TripleStore {
  private readonly slots = new Set<Slot>();
  private readonly queue: Task[] = [];
  private readonly running = new Map<string, number>();
  /** When each client was last given a replica (a dispatch counter), for round-robin between clients. */
  private readonly lastServed = new Map<string, number>();
  private dispatches = 0;
  private readonly respawns = new Set<NodeJS.Timeout>();
  private closing = false;
  private replicaCount = 0;
  private failedBuilds = 0;
  private updates: Promise<unknown> = Promise.resolve();
  private firstServing!: { resolve: () => void; reject: (error: Error) => void };
  private readonly served: Promise<void>;

  constructor(private readonly options: OxigraphPoolOptions) {
    this.served = new Promise((resolve, reject) => {
      this.firstServing = { resolve, reject };
    });
    // Closing before any replica served rejects `start()`'s promise; without a caller, that is no error.
    this.served.catch(() => undefined);
  }

  /** Starts every replica; resolves when the first one serves. */
  start(): Promise<void> {
    for (let i = 0; i < this.options.replicas; i++) void this.spawn();
    return this.served;
  }

  query(job: QueryJob, timeoutMs: number, client?: string): Promise<QueryAnswer> {
    const queued = performance.now();
    return this.schedule(async (replica, remainingMs) => {
      const waitMs = performance.now() - queued;
      const result = await replica.request<QueryResult>(job, remainingMs);
      return { ...result, waitMs };
    }, timeoutMs, client);
  }

  update<T>(job: UpdateJob, timeoutMs: number, commit: (result: UpdateResult) => Promise<T>): Promise<T> {
    const deadline = performance.now() + timeoutMs;
    // Updates of this process take turns, so they never make each other evaluate again.
    const turn = this.updates.then(() => this.updateUntil(job, deadline, timeoutMs, commit));
    this.updates = turn.catch(() => undefined);
    return turn;
  }

  notifyChanges(): void {
    for (const slot of this.slots) slot.stale = true;
    this.dispatch();
  }

  status(): TripleStoreStatus {
    const replicas = [...this.slots].filter((slot) => slot.replica.alive).map((slot) => ({
      name: slot.replica.name, state: slot.state, head: slot.replica.head, skippedRecords: slot.replica.skipped,
    }));
    const serving = replicas.filter((r) => r.state === 'serving');
    const appliedHead = serving.length === 0 ? 0 : Math.min(...serving.map((r) => r.head));
    return { ready: serving.length > 0 && appliedHead >= this.options.storeHead(), appliedHead, replicas };
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const timer of this.respawns) clearTimeout(timer);
    this.respawns.clear();
    this.firstServing.reject(new ServiceUnavailableError('The server shut down before the SPARQL index was built.'));
    for (const task of this.queue.splice(0)) {
      clearTimeout(task.timer);
      task.reject(new ServiceUnavailableError('The server is shutting down.'));
    }
    await Promise.all([...this.slots].map((slot) => slot.replica.stop()));
  }

  private async updateUntil<T>(
    job: UpdateJob, deadline: number, limitMs: number, commit: (result: UpdateResult) => Promise<T>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const remaining = deadline - performance.now();
      if (remaining <= 0) throw new QueryTimeoutError(limitMs);
      try {
        return await this.schedule((replica, remainingMs) => this.updateOn(replica, job, remainingMs, commit), remaining);
      } catch (error) {
        if (!(error instanceof StaleWriteError)) throw error;
        if (attempt >= UPDATE_ATTEMPTS) {
          throw new ServiceUnavailableError('The store kept changing while the update was evaluated (another writer, such as a load, is busy); try again.');
        }
        this.options.logger.debug({ attempt }, 'evaluating SPARQL Update again: the change log moved');
        await new Promise((resolve) => setTimeout(resolve, (10 + Math.random() * 40) * 2 ** attempt));
      }
    }
  }

  /** One evaluation and commit on one replica. Once the commit has landed, nothing after it fails the update. */
  private async updateOn<T>(
    replica: OxigraphReplica, job: UpdateJob, remainingMs: number, commit: (result: UpdateResult) => Promise<T>,
  ): Promise<T> {
    const result = await replica.request<UpdateResult>(job, remainingMs);
    let value: T;
    try {
      value = await commit(result);
    } catch (error) {
      // The replica holds the uncommitted changes: undo them, or replace it if it cannot.
      await replica.request({ type: 'finish-update', commit: false }).catch(() => replica.stop());
      throw error;
    }
    this.notifyChanges();
    try {
      await replica.request({ type: 'finish-update', commit: true });
      await replica.sync();
    } catch (error) {
      this.options.logger.warn({ err: error, replica: replica.name }, 'replacing a replica that failed after an update landed');
      await replica.stop();
    }
    return value;
  }

  private schedule<T>(
    run: (replica: OxigraphReplica, remainingMs: number) => Promise<T>, limitMs: number, client?: string,
  ): Promise<T> {
    if (this.closing) return Promise.reject(new ServiceUnavailableError('The server is shutting down.'));
    if (![...this.slots].some((slot) => slot.state === 'serving' && slot.replica.alive)) {
      return Promise.reject(new ServiceUnavailableError('The SPARQL index is being built (see /ready); try again shortly.'));
    }
    if (this.queue.length >= MAX_QUEUED) {
      return Promise.reject(new ServiceUnavailableError(`${MAX_QUEUED} queries are already waiting for the SPARQL index; try again shortly.`));
    }
    return new Promise<T>((resolve, reject) => {
      const task: Task = {
        run, resolve: (value) => { resolve(value as T); }, reject, limitMs, client,
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
      const task = this.nextTask();
      if (!task) continue;
      clearTimeout(task.timer);
      this.runTask(slot, task);
    }
  }

  /**
   * Fair queueing: the waiting task of the client with the fewest queries running and, among
   * those, the one served least recently; oldest first. One client's queries then cannot keep
   * another client's waiting query from the next free replica.
   */
  private nextTask(): Task | undefined {
    let best = -1;
    let bestKey: [number, number] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
    this.queue.forEach((task, index) => {
      const key: [number, number] = task.client === undefined
        ? [0, -1]
        : [this.running.get(task.client) ?? 0, this.lastServed.get(task.client) ?? -1];
      if (key[0] < bestKey[0] || (key[0] === bestKey[0] && key[1] < bestKey[1])) {
        best = index;
        bestKey = key;
      }
    });
    const task = best === -1 ? undefined : this.queue.splice(best, 1)[0];
    if (task?.client !== undefined) this.lastServed.set(task.client, ++this.dispatches);
    return task;
  }

  private runTask(slot: Slot, task: Task): void {
    slot.busy = true;
    if (task.client !== undefined) this.running.set(task.client, (this.running.get(task.client) ?? 0) + 1);
    const remaining = Math.max(1, Math.round(task.deadline - performance.now()));
    task.run(slot.replica, remaining).then(task.resolve, (error: unknown) => {
      task.reject(
        error instanceof ReplicaTimeoutError ? new QueryTimeoutError(task.limitMs)
          : error instanceof ReplicaStoppedError ? new ServiceUnavailableError('The SPARQL index replica stopped while answering; try again.')
            : (error as Error),
      );
    }).finally(() => {
      if (task.client !== undefined) {
        const count = (this.running.get(task.client) ?? 1) - 1;
        if (count > 0) this.running.set(task.client, count);
        else {
          this.running.delete(task.client);
          if (!this.queue.some((waiting) => waiting.client === task.client)) this.lastServed.delete(task.client);
        }
      }
      slot.busy = false;
      this.dispatch();
    });
  }

  private syncSlot(slot: Slot): void {
    slot.busy = true;
    slot.stale = false;
    slot.replica.sync().then(() => {
      slot.busy = false;
      this.dispatch();
    }, async (error: unknown) => {
      // A replica that cannot follow the log must not answer queries: replace it.
      if (slot.replica.alive) {
        this.options.logger.error({ err: error, replica: slot.replica.name }, 'SPARQL index replica could not follow the change log; replacing it');
        await slot.replica.stop();
      }
    });
  }

  private async spawn(): Promise<void> {
    const name = `sparql-${++this.replicaCount}`;
    const replica = new OxigraphReplica(name, this.options.dataDir, this.options.logger, (stopped) => { this.onExit(stopped); });
    const slot: Slot = { replica, state: 'building', busy: true, stale: false };
    this.slots.add(slot);
    let result;
    try {
      result = await replica.build();
    } catch (error) {
      if (replica.alive) {
        this.options.logger.error({ err: error, replica: name }, 'could not build a SPARQL index replica');
        await replica.stop();
      }
      return;
    }
    if (!replica.alive) return;
    this.options.logger.info(
      { replica: name, triples: result.triples, ms: result.elapsedMs, triplesPerSecond: Math.round(result.triples / Math.max(result.elapsedMs, 1) * 1000), head: result.head, skippedRecords: result.skipped },
      'SPARQL index replica ready',
    );
    this.failedBuilds = 0;
    slot.state = 'serving';
    slot.busy = false;
    slot.stale = true;
    this.firstServing.resolve();
    this.dispatch();
  }

  private onExit(replica: OxigraphReplica): void {
    let served = false;
    for (const slot of this.slots) {
      if (slot.replica !== replica) continue;
      served = slot.state === 'serving';
      this.slots.delete(slot);
    }
    if (this.closing) return;
    // A replica that served is replaced at once; one that died while building waits longer each time.
    if (!served) this.failedBuilds++;
    const delay = served ? 0 : Math.min(MAX_RESPAWN_DELAY_MS, 1000 * 2 ** (this.failedBuilds - 1));
    this.options.logger.info({ replica: replica.name, delayMs: delay }, 'replacing stopped SPARQL index replica');
    const timer = setTimeout(() => {
      this.respawns.delete(timer);
      if (!this.closing) void this.spawn();
    }, delay);
    this.respawns.add(timer);
  }
}
