import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { Router, type Request } from 'express';
import { DATASET_ID_RULE, isDatasetId } from '../domain/dataset-id.js';
import {
  BadRequestError, ConflictError, NotFoundError, PayloadTooLargeError, UnsupportedMediaTypeError,
} from '../domain/errors.js';
import type { IngestQueue } from '../ingest/ingest-queue.js';
import { HEARTBEAT_MS } from '../ingest/ingest-run.js';
import { getMapping, type MappingDefinition } from '../ingest/mapping/mapping-catalog.js';
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
  /** The mapping the form's `mapping` field names, checked as soon as the field arrives. */
  readonly mapping: MappingDefinition | undefined;
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
      const { mapping } = upload;
      if (!mapping) throw new BadRequestError('The form needs a field "mapping" naming the mapping to apply.');
      if (!upload.file) throw new BadRequestError('The form holds no file.');
      const replace = ['true', '1', 'yes', 'on'].includes((upload.fields.replace ?? '').toLowerCase());
      if (replace && options.runs.activeRuns(dataset, HEARTBEAT_MS).length > 0) {
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

/** The mapping a form names; an unknown one is the client's mistake (400), its message listing the known ones. */
function formMapping(name: string): MappingDefinition {
  try {
    return getMapping(name);
  } catch (error) {
    if (error instanceof NotFoundError) throw new BadRequestError(error.message, { ...error.extensions });
    throw error;
  }
}

/**
 * Streams a multipart upload to `folder`: its fields, and its one file. Stops reading as soon as
 * the file passes `maxBytes` (413) or a `mapping` field names no mapping (400), so a client does
 * not send gigabytes only to learn that; the error answer then closes the connection.
 */
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
    let mapping: MappingDefinition | undefined;
    let file: Upload['file'];
    let writing: Promise<void> = Promise.resolve();
    let failed = false;
    let receiving: Readable | undefined;
    const fail = (error: Error): void => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      req.resume();
      // Ends the file being written, so its handle closes; the caller removes the folder.
      receiving?.destroy();
      reject(error);
    };
    parser.on('field', (name, value) => {
      fields[name] = value;
      if (name === 'mapping') {
        try {
          mapping = value === '' ? undefined : formMapping(value);
        } catch (error) {
          fail(error as Error);
        }
      }
    });
    parser.on('file', (_field, stream, info) => {
      const name = safeName(info.filename);
      const path = join(folder, name);
      file = { path, name };
      receiving = stream;
      stream.on('limit', () => {
        fail(new PayloadTooLargeError(maxBytes, 'The uploaded file', '--max-upload'));
      });
      writing = pipeline(stream, createWriteStream(path));
      writing.catch(() => undefined);
    });
    parser.on('error', (error) => {
      fail(new BadRequestError(`The upload cannot be read: ${(error as Error).message}`));
    });
    parser.on('close', () => {
      writing.then(() => {
        if (!failed) resolve({ fields, mapping, file });
      }, (error: unknown) => {
        fail(error instanceof Error ? error : new Error(String(error)));
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
