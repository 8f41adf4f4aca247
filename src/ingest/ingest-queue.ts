import { rm } from 'node:fs/promises';
import type { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { IngestRunStore } from '../ports/ingest-run-store.js';
import { spawnWorker } from '../sparql/spawn-worker.js';
import type { IngestRequest } from './ingest-run.js';
import type { IngestWorkerMessage } from './ingest-worker.js';
import { NO_REPORT } from './report-entry.js';

interface Job {
  readonly request: IngestRequest & { readonly runId: string };
  /** The uploaded file's folder, removed once the run ends. */
  readonly upload: string;
}

/**
 * Runs uploaded ingest jobs one after the other in a worker thread. A job is recorded as
 * `queued` when submitted; the worker records its progress and outcome in the run store.
 */
export class IngestQueue {
  private readonly jobs: Job[] = [];
  private worker: Worker | undefined;
  private current: Job | undefined;
  private closing = false;

  constructor(
    private readonly dataDir: string,
    private readonly runs: IngestRunStore,
    private readonly logger: Logger,
    /** Called when a run ended, so the index catches up at once. */
    private readonly onRunEnded: () => void,
  ) {}

  /** Records the run as queued and schedules it; returns at once. */
  submit(request: IngestRequest & { readonly runId: string }, upload: string): void {
    this.runs.create({
      id: request.runId, dataset: request.dataset, mapping: request.mapping, source: request.source, replace: request.replace, status: 'queued',
    });
    this.jobs.push({ request, upload });
    this.next();
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const job of this.jobs.splice(0)) {
      this.runs.finish(job.request.runId, { status: 'failed', summary: {}, report: NO_REPORT, error: 'The server shut down before the run started.' });
      await rm(job.upload, { recursive: true, force: true });
    }
    await this.worker?.terminate();
    // The run the worker was in: what it wrote in whole batches stays; the run itself did not end.
    const current = this.current;
    this.current = undefined;
    if (current !== undefined) {
      this.runs.finish(current.request.runId, {
        status: 'failed', summary: {}, report: NO_REPORT,
        error: 'Interrupted: the server shut down during the run. The batches written before stay; submit the input again to finish (what is stored already comes out unchanged).',
      });
      await rm(current.upload, { recursive: true, force: true });
    }
  }

  private next(): void {
    if (this.current || this.closing) return;
    const job = this.jobs.shift();
    if (!job) return;
    this.current = job;
    this.ensureWorker().postMessage(job.request);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = spawnWorker(import.meta.url, 'ingest-worker', { dataDir: this.dataDir });
    worker.on('message', (message: IngestWorkerMessage) => {
      void this.ended(message.runId, message.error);
    });
    worker.on('error', (error) => {
      this.logger.error({ err: error }, 'the ingest worker failed');
    });
    worker.on('exit', () => {
      this.worker = undefined;
      const job = this.current;
      if (job && !this.closing) {
        this.runs.finish(job.request.runId, { status: 'failed', summary: {}, report: NO_REPORT, error: 'The ingest worker stopped during the run.' });
        void this.ended(job.request.runId, 'the ingest worker stopped');
      }
    });
    this.worker = worker;
    return worker;
  }

  private async ended(runId: string, error: string | undefined): Promise<void> {
    const job = this.current;
    this.current = undefined;
    if (job?.request.runId === runId) await rm(job.upload, { recursive: true, force: true });
    if (error === undefined) this.logger.info({ runId }, 'ingest run ended');
    else this.logger.warn({ runId, error }, 'ingest run failed');
    this.onRunEnded();
    this.next();
  }
}
