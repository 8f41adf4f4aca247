import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Router } from 'express';
import { DATASET_ID_RULE, isDatasetId } from '../domain/dataset-id.js';
import { BadRequestError, ConflictError, NotFoundError } from '../domain/errors.js';
import type { IngestQueue } from '../ingest/ingest-queue.js';
import { HEARTBEAT_MS } from '../ingest/ingest-run.js';
import { getMapping, type MappingDefinition } from '../ingest/mapping/mapping-catalog.js';
import { formatReport, REPORT_FORMATS, type ReportFormat } from '../ingest/report-format.js';
import type { IngestRun, IngestRunStore, RunSummary } from '../ports/ingest-run-store.js';
import { isAdmin, mayWrite, requireAllowed } from '../domain/principal.js';
import type { DefaultPolicy } from '../domain/publication-policy.js';
import type { AccessStore } from '../ports/access-store.js';
import type { RecordStore } from '../ports/record-store.js';
import { checkDatasetWrite, namedDatasets } from '../access/dataset-access.js';
import { auditActor, requireToken } from './auth.js';
import { receiveUpload, requireMultipart } from './multipart-upload.js';

export interface IngestRouterOptions {
  readonly queue: IngestQueue;
  readonly runs: IngestRunStore;
  readonly records: RecordStore;
  readonly dataDir: string;
  readonly baseIri: string;
  readonly access: AccessStore;
  /** The first policy of a dataset an ingest creates (`--default-policy`). */
  readonly defaultPolicy: DefaultPolicy;
  readonly maxUploadBytes: number;
  readonly batchSize: number;
}

/** Uploads for ingest (`POST /api/datasets/{id}/ingest`) and run reports (`GET /api/runs/{id}`). */
export function ingestRouter(options: IngestRouterOptions): Router {
  const router = Router();

  router.post('/api/datasets/:id/ingest', async (req, res) => {
    const principal = requireToken(req, 'Ingest');
    const dataset = req.params.id;
    if (!isDatasetId(dataset)) throw new BadRequestError(`"${dataset}" is not a dataset id: ${DATASET_ID_RULE}.`);
    const newDataset = checkDatasetWrite(options.records, principal, dataset, options.defaultPolicy);
    requireMultipart(req, 'Send the file as multipart/form-data, with the fields mapping (and optionally replace=true) and one file.');
    const runId = randomUUID();
    const folder = join(options.dataDir, 'uploads', runId);
    await mkdir(folder, { recursive: true });
    try {
      let mapping: MappingDefinition | undefined;
      const upload = await receiveUpload(req, folder, options.maxUploadBytes, (name, value) => {
        // An unknown mapping stops the upload at once.
        if (name === 'mapping') mapping = value === '' ? undefined : formMapping(value);
      });
      if (!mapping) throw new BadRequestError('The form needs a field "mapping" naming the mapping to apply.');
      if (!upload.file) throw new BadRequestError('The form holds no file.');
      const replace = ['true', '1', 'yes', 'on'].includes((upload.fields.replace ?? '').toLowerCase());
      if (replace && options.runs.activeRuns(dataset, HEARTBEAT_MS).length > 0) {
        throw new ConflictError(`Another ingest run into "${dataset}" is busy; a replace run must run alone.`, { dataset });
      }
      options.queue.submit({
        runId, input: upload.file.path, source: upload.file.name, dataset, newDataset, mapping: mapping.name, replace,
        dryRun: false, baseIri: options.baseIri, batchSize: options.batchSize,
        namedDatasets: namedDatasets(principal, options.records, options.access.policySnapshot()),
      }, folder);
      options.access.audit({ ...auditActor(req), action: 'ingest.submit', target: dataset, details: { run: runId, mapping: mapping.name, replace, source: upload.file.name } });
      res.status(202).location(`/api/runs/${runId}`).json({ id: runId, status: 'queued', run: `/api/runs/${runId}` });
    } catch (error) {
      await rm(folder, { recursive: true, force: true });
      throw error;
    }
  });

  router.get('/api/runs/:id', (req, res) => {
    const principal = requireToken(req, 'Reading an ingest run');
    const run = options.runs.get(req.params.id);
    if (!run) throw new NotFoundError(`There is no ingest run ${req.params.id}.`);
    // A run's report quotes the data: only those who may write the dataset read it.
    const owner = options.records.getDataset(run.dataset);
    requireAllowed(isAdmin(principal) || (owner !== undefined && mayWrite(principal, owner)), `This token may not read runs of dataset "${run.dataset}".`);
    const format = req.query.format;
    if (format === undefined || format === 'json') {
      res.json({ ...run, ...outcomeOf(run) });
      return;
    }
    if (typeof format !== 'string' || !(REPORT_FORMATS as readonly string[]).includes(format)) {
      throw new BadRequestError(`format must be one of ${REPORT_FORMATS.join(', ')}.`);
    }
    const outcome = {
      runId: run.id, status: run.status === 'failed' ? 'failed' as const : 'succeeded' as const, dataset: run.dataset,
      mapping: run.mapping, source: run.source, summary: run.summary as RunSummary, report: run.report,
      ...(run.error === undefined ? {} : { error: run.error }),
    };
    res.type(format === 'turtle' ? 'text/turtle' : 'text/plain').send(formatReport(outcome, format as ReportFormat));
  });

  return router;
}

/**
 * What a finished run did with its items, as the CLI's exit codes tell it (0 and 3): all
 * `accepted`, `partly rejected`, or all `rejected`. A run that stored nothing has still
 * "succeeded" as a run; this says so plainly.
 */
function outcomeOf(run: IngestRun): { outcome?: 'accepted' | 'partly rejected' | 'rejected' } {
  if (run.status !== 'succeeded') return {};
  const { items = 0, rejectedItems = 0 } = run.summary;
  if (rejectedItems === 0) return { outcome: 'accepted' };
  return { outcome: rejectedItems >= items ? 'rejected' : 'partly rejected' };
}

/** The mapping a form names; an unknown one is the client's mistake (400), its message listing the known ones. */
function formMapping(name: string): MappingDefinition {
  try {
    return getMapping(name);
  } catch (error) {
    if (error instanceof NotFoundError) throw new BadRequestError(error.message, { ...error.extensions });
    throw error;
  }
}
