import { mkdir, rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import express, { Router, type Request } from 'express';
import { checkDatasetWrite, namedDatasets } from '../access/dataset-access.js';
import type { PublicationPolicy } from '../access/publication-policy.js';
import { visibleTermIndex } from '../access/visible-term-index.js';
import type { DefaultPolicy } from '../domain/publication-policy.js';
import type { AccessStore } from '../ports/access-store.js';
import { termListIdProblem } from '../domain/dataset-id.js';
import { BadRequestError, NotFoundError } from '../domain/errors.js';
import type { RecordStore } from '../ports/record-store.js';
import type { TermIndex } from '../ports/term-index.js';
import { importTermList, setTermListMetadata, TERM_FORMATS, type TermFormat } from '../terms/term-import.js';
import { metadataProblems, termListMetadataInput, type TermListMetadataInput } from '../terms/term-list-metadata.js';
import { auditActor, principalOf, requireToken } from './auth.js';
import { receiveUpload, requireMultipart } from './multipart-upload.js';

export interface TermListsRouterOptions {
  readonly records: RecordStore;
  readonly index: TermIndex;
  /** Brings the term index up to date with the change log. */
  readonly catchUp: () => Promise<void>;
  readonly dataDir: string;
  readonly baseIri: string;
  readonly access: AccessStore;
  readonly policy: PublicationPolicy;
  /** The first policy of a list an import creates (`--default-policy`). */
  readonly defaultPolicy: DefaultPolicy;
  readonly maxUploadBytes: number;
}

/**
 * Term lists over HTTP: read them (`GET /api/term-lists[/{id}]`), describe them
 * (`PUT /api/term-lists/{id}`) and import them (`POST /api/term-lists/{id}/import`), the last two
 * with the admin token. An import answers when it is done, with its summary.
 */
export function termListsRouter(options: TermListsRouterOptions): Router {
  const router = Router();
  // The term-list API publishes through the graphql channel, as the rest of the termennetwerk (docs/access.md).
  const visible = (req: Request) => visibleTermIndex(options.index, options.policy.view(principalOf(req), 'graphql'));
  const listOf = async (req: Request, id: string) => {
    await options.catchUp();
    return visible(req).lists().find((list) => list.id === id);
  };

  router.get('/api/term-lists', async (req, res) => {
    await options.catchUp();
    res.json(visible(req).lists());
  });

  router.get('/api/term-lists/:id', async (req, res) => {
    const list = await listOf(req, req.params.id);
    if (list === undefined) throw new NotFoundError(`There is no term list "${req.params.id}".`);
    res.json(list);
  });

  router.put('/api/term-lists/:id', express.json({ limit: '1mb' }), async (req, res) => {
    const principal = requireToken(req, 'Describing a term list');
    const id = checkedId(req.params.id);
    const newDataset = checkDatasetWrite(options.records, principal, id, options.defaultPolicy);
    const metadata = parseMetadata(req.body as unknown, 'The body');
    await setTermListMetadata(options.records, id, options.baseIri, metadata, newDataset);
    options.access.audit({ ...auditActor(req), action: 'term-list.describe', target: id });
    res.json(await listOf(req, id));
  });

  router.post('/api/term-lists/:id/import', async (req, res) => {
    const principal = requireToken(req, 'Importing a term list');
    const id = checkedId(req.params.id);
    const newDataset = checkDatasetWrite(options.records, principal, id, options.defaultPolicy);
    requireMultipart(req, `Send the file as multipart/form-data: one file, and optionally the fields format (${TERM_FORMATS.join(', ')}) and metadata (JSON), and with a GeoNames dump its alternate names as a file in the field alternateNames.`);
    const folder = join(options.dataDir, 'uploads', randomUUID());
    await mkdir(folder, { recursive: true });
    try {
      const upload = await receiveUpload(req, folder, options.maxUploadBytes, (name, value) => {
        if (name === 'format' && !(TERM_FORMATS as readonly string[]).includes(value)) {
          throw new BadRequestError(`format must be one of ${TERM_FORMATS.join(', ')}; got "${value}".`);
        }
        if (name === 'metadata') parseMetadata(parseJson(value), 'The field metadata');
      }, ['alternateNames']);
      if (!upload.file) throw new BadRequestError('The form holds no file.');
      const metadata = upload.fields.metadata === undefined ? undefined : parseMetadata(parseJson(upload.fields.metadata), 'The field metadata');
      const summary = await importTermList({
        file: upload.file.path, source: upload.file.name, list: id, baseIri: options.baseIri, newDataset,
        namedDatasets: namedDatasets(principal, options.records, options.access.policySnapshot()),
        ...(upload.fields.format === undefined ? {} : { format: upload.fields.format as TermFormat }),
        ...(metadata === undefined ? {} : { metadata }),
        ...(upload.extraFiles.alternateNames === undefined ? {} : { alternateNames: upload.extraFiles.alternateNames.path }),
      }, { records: options.records });
      options.access.audit({
        ...auditActor(req), action: 'term-list.import', target: id,
        details: { source: upload.file.name, concepts: summary.concepts, created: summary.created, updated: summary.updated, deleted: summary.deleted },
      });
      res.json({ ...summary, list: await listOf(req, id) });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  return router;
}

function checkedId(id: string): string {
  const problem = termListIdProblem(id);
  if (problem !== undefined) throw new BadRequestError(`"${id}" is not a term list id: ${problem}.`);
  return id;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadRequestError(`The field metadata is not JSON: ${(error as Error).message}`);
  }
}

function parseMetadata(value: unknown, what: string): TermListMetadataInput {
  const parsed = termListMetadataInput.safeParse(value);
  if (!parsed.success) {
    throw new BadRequestError(`${what} is not valid term list metadata: ${metadataProblems(parsed.error)}`);
  }
  return parsed.data;
}
