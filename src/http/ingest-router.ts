import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { Router, type Request } from 'express';
import { DATASET_ID_RULE, isDatasetId } from '../domain/dataset-id.js';
import {
  BadRequestError, ConflictError, NotFoundError, PayloadTooLargeError, UnsupportedMediaTypeError,
} from '../domain/errors.js';
import type { IngestQueue } from '../ingest/ingest-queue.js';
import { getMapping } from '../ingest/mapping/mapping-catalog.js';
import { formatReport, REPORT_FORMATS, type ReportFormat } from '../ingest/report-format.js';
import type { IngestRunStore, RunSummary } from '../ports/ingest-run-store.js';
import { requireAdmin } from './admin-auth.js';

export interface IngestRouterOptions {
  readonly queue: IngestQueue;
  readonly runs: IngestRunStore;
  readonly dataDir: string;
  readonly baseIri: string;
  readonly adminToken: string | undefined;
  readonly maxUploadBytes: number;
  readonly batchSize: number;
}

interface Upload {
  readonly fields: Record<string, string>;
  readonly file: { readonly path: string; readonly name: string } | undefined;
}

/** Uploads for ingest (`POST /api/datasets/{id}/ingest`) and run reports (`GET /api/runs/{id}`). */
export function ingestRouter(options: IngestRouterOptions): Router {
  const router = Router();

  router.post('/api/datasets/:id/ingest', async (req, res) => {
    requireAdmin(req, options.adminToken, 'Ingest');
    const dataset = req.params.id;
    if (!isDatasetId(dataset)) throw new BadRequestError(`"${dataset}" is not a dataset id: ${DATASET_ID_RULE}.`);
    if (!/^multipart\/form-data/i.test(req.get('content-type') ?? '')) {
      throw new UnsupportedMediaTypeError('Send the file as multipart/form-data, with the fields mapping (and optionally replace=true) and one file.');
    }
    const runId = randomUUID();
    const folder = join(options.dataDir, 'uploads', runId);
    await mkdir(folder, { recursive: true });
    try {
      const upload = await receive(req, folder, options.maxUploadBytes);
      const mappingName = upload.fields.mapping;
      if (!mappingName) throw new BadRequestError('The form needs a field "mapping" naming the mapping to apply.');
      const mapping = getMapping(mappingName);
      if (!upload.file) throw new BadRequestError('The form holds no file.');
      const replace = ['true', '1', 'yes', 'on'].includes((upload.fields.replace ?? '').toLowerCase());
      if (replace && options.runs.activeRuns(dataset, 2 * 60_000).length > 0) {
        throw new ConflictError(`Another ingest run into "${dataset}" is busy; a replace run must run alone.`, { dataset });
      }
      options.queue.submit({
        runId, input: upload.file.path, source: upload.file.name, dataset, mapping: mapping.name, replace,
        dryRun: false, baseIri: options.baseIri, batchSize: options.batchSize,
      }, folder);
      res.status(202).location(`/api/runs/${runId}`).json({ id: runId, status: 'queued', run: `/api/runs/${runId}` });
    } catch (error) {
      await rm(folder, { recursive: true, force: true });
      throw error;
    }
  });

  router.get('/api/runs/:id', (req, res) => {
    requireAdmin(req, options.adminToken, 'Reading an ingest run');
    const run = options.runs.get(req.params.id);
    if (!run) throw new NotFoundError(`There is no ingest run ${req.params.id}.`);
    const format = req.query.format;
    if (format === undefined || format === 'json') {
      res.json(run);
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

/** Streams a multipart upload to `folder`: its fields, and its one file (too large is 413). */
function receive(req: Request, folder: string, maxBytes: number): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: maxBytes, fields: 20, fieldSize: 10_000 } });
    } catch (error) {
      reject(new BadRequestError(`The upload cannot be read: ${(error as Error).message}`));
      return;
    }
    const fields: Record<string, string> = {};
    let file: Upload['file'];
    let writing: Promise<void> = Promise.resolve();
    let tooLarge = false;
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (_field, stream, info) => {
      const name = safeName(info.filename);
      const path = join(folder, name);
      file = { path, name };
      stream.on('limit', () => {
        tooLarge = true;
      });
      writing = pipeline(stream, createWriteStream(path));
    });
    parser.on('error', (error) => {
      reject(new BadRequestError(`The upload cannot be read: ${(error as Error).message}`));
    });
    parser.on('close', () => {
      writing.then(() => {
        if (tooLarge) reject(new PayloadTooLargeError(maxBytes));
        else resolve({ fields, file });
      }, (error: unknown) => {
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    });
    req.pipe(parser);
  });
}

/** The uploaded file's own name, reduced to characters safe in a path; its extension picks the reader. */
function safeName(name: string | undefined): string {
  const cleaned = basename(name ?? 'upload').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '').slice(-120);
  return cleaned === '' ? 'upload' : cleaned;
}
