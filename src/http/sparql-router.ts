import express, { Router, type Request, type Response } from 'express';
import { DATASET_ID_RULE, isDatasetId } from '../domain/dataset-id.js';
import { BadRequestError, NotAcceptableError, QueryTooComplexError } from '../domain/errors.js';
import type { TripleStore } from '../ports/triple-store.js';
import { nestingDepth, operatorCount } from '../sparql/nesting-depth.js';
import { detectQueryForm, hasDatasetClause } from '../sparql/query-form.js';
import { GRAPH_FORMATS, HTML, SOLUTION_FORMATS, type ResultFormat } from '../sparql/result-formats.js';
import type { ServiceDescription } from '../sparql/service-description.js';
import type { SparqlUpdateService } from '../sparql/sparql-update-service.js';
import { sparqlEditorPage } from '../web/sparql-editor-page.js';
import { requireAllowed } from '../domain/principal.js';
import type { AccessStore } from '../ports/access-store.js';
import { auditActor, clientAddress, requireToken } from './auth.js';
import { sinceArrival } from './request-timing.js';
import { readSparqlRequest, strictParams, type SparqlOperation } from './sparql-request.js';
import { acceptedType } from './accepted-type.js';

export interface SparqlRouterOptions {
  readonly index: TripleStore;
  readonly updates: SparqlUpdateService;
  readonly serviceDescription: ServiceDescription;
  /** The endpoint's own IRI: base IRI of queries and updates, and subject of the service description. */
  readonly endpoint: string;
  readonly queryTimeoutMs: number;
  readonly maxBodyBytes: number;
  readonly maxResultBytes: number;
  readonly access: AccessStore;
}

/** Deepest nesting of groups and brackets accepted; oxigraph's parser breaks near 800 (see nesting-depth.ts). */
export const MAX_NESTING = 128;
/**
 * Most operators, UNIONs and list commas accepted. A chain of 2,000 `||` or UNIONs inside 120
 * levels of brackets was evaluated; 3,000 overflowed oxigraph's stack (see nesting-depth.ts).
 */
export const MAX_OPERATORS = 2000;
/** Dataset that receives records a SPARQL Update creates when the request names none. */
export const DEFAULT_UPDATE_DATASET = 'default';

/** The SPARQL 1.1 Protocol endpoint: queries, updates, the service description and the editor page. */
export function sparqlRouter(options: SparqlRouterOptions): Router {
  const router = Router();
  const handle = async (req: Request, res: Response): Promise<void> => {
    const params = urlParams(req.originalUrl);
    const operation = readSparqlRequest({
      method: req.method,
      params,
      contentType: req.get('content-type'),
      body: Buffer.isBuffer(req.body) ? req.body : undefined,
    });
    res.vary('Accept');
    if (operation.kind !== 'none') checkNesting(operation.text);
    switch (operation.kind) {
      case 'none':
        describe(req, res, options);
        return;
      case 'query':
        await query(req, res, operation, options);
        return;
      case 'update':
        await update(req, res, operation, options);
        return;
    }
  };
  // GET (and HEAD) carry no body: no body parser on the hot path of simple lookups.
  router.get('/sparql', handle);
  router.all('/sparql', express.raw({ type: () => true, limit: options.maxBodyBytes }), handle);
  return router;
}

/** The parameters of a request URL, without building a whole URL object. */
function urlParams(url: string): URLSearchParams {
  const start = url.indexOf('?');
  return strictParams(start === -1 ? '' : url.slice(start + 1), 'The URL');
}

/** Sends a text body with its media type; lighter than res.type().send(), which this path does not need. */
function sendText(res: Response, mediaType: string, body: string): void {
  res.setHeader('Content-Type', `${mediaType}; charset=utf-8`);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

/** Without a query: the service description for RDF clients, the editor for browsers. */
function describe(req: Request, res: Response, options: SparqlRouterOptions): void {
  const format = negotiate(req, GRAPH_FORMATS);
  if (format === HTML) {
    res.type('html').send(sparqlEditorPage());
    return;
  }
  sendText(res, format.mediaType, options.serviceDescription.serialise(format.mediaType));
}

async function query(
  req: Request, res: Response, operation: Extract<SparqlOperation, { kind: 'query' }>, options: SparqlRouterOptions,
): Promise<void> {
  const form = detectQueryForm(operation.text);
  if (form === 'UPDATE') {
    throw new BadRequestError('This is a SPARQL Update; send it as `update` or with Content-Type application/sparql-update.');
  }
  const format = negotiate(req, form === 'CONSTRUCT' || form === 'DESCRIBE' ? GRAPH_FORMATS : SOLUTION_FORMATS);
  if (format === HTML) {
    res.type('html').send(sparqlEditorPage({ query: operation.text }));
    return;
  }
  const answer = await options.index.query({
    type: 'query',
    query: operation.text,
    mediaType: format.oxigraph,
    baseIri: options.endpoint,
    unionDefaultGraph: !hasDatasetClause(operation.text),
    maxResultChars: options.maxResultBytes,
    ...(operation.dataset ?? {}),
  }, options.queryTimeoutMs, clientAddress(req));
  // Where the time went, for operators' tools and browser devtools (W3C Server Timing).
  res.setHeader('Server-Timing', [
    `queue;dur=${answer.waitMs.toFixed(3)}`,
    `engine;dur=${answer.engineMs.toFixed(3)};desc="oxigraph"`,
    `total;dur=${sinceArrival(req).toFixed(3)}`,
  ].join(', '));
  sendText(res, format.mediaType, answer.body);
}

/** Records an update's audit entry names; beyond, it counts them. */
const AUDITED_RECORDS = 100;

async function update(
  req: Request, res: Response, operation: Extract<SparqlOperation, { kind: 'update' }>, options: SparqlRouterOptions,
): Promise<void> {
  const principal = requireToken(req, 'SPARQL Update');
  requireAllowed(principal.kind === 'operator' || (principal.kind === 'token' && (principal.role === 'admin' || principal.role === 'editor')),
    'SPARQL Update needs an admin or editor token.');
  const dataset = operation.dataset ?? DEFAULT_UPDATE_DATASET;
  if (!isDatasetId(dataset)) throw new BadRequestError(`"${dataset}" is not a dataset id: ${DATASET_ID_RULE}.`);
  const result = await options.updates.apply({
    text: operation.text,
    usingGraphs: operation.usingGraphs,
    usingNamedGraphs: operation.usingNamedGraphs,
    baseIri: options.endpoint,
    dataset,
    principal,
  });
  // The datasets of the records it wrote, not the ?dataset= that only places new ones.
  const { touched, ...counts } = result;
  const datasets = [...new Set(touched.map((record) => record.dataset))].sort();
  options.access.audit({
    ...auditActor(req), action: 'sparql.update', target: datasets.length === 0 ? dataset : datasets.join(', '),
    details: {
      created: counts.created, updated: counts.updated, deleted: counts.deleted, unchanged: counts.unchanged, lastSeq: counts.lastSeq,
      records: touched.slice(0, AUDITED_RECORDS).map((record) => record.iri), ...(touched.length > AUDITED_RECORDS ? { moreRecords: touched.length - AUDITED_RECORDS } : {}),
    },
  });
  res.json(counts);
}

function checkNesting(text: string): void {
  const depth = nestingDepth(text);
  if (depth > MAX_NESTING) {
    throw new QueryTooComplexError(`The request nests groups and brackets ${depth} deep; the limit is ${MAX_NESTING}.`, { depth, limit: MAX_NESTING });
  }
  const operators = operatorCount(text);
  if (operators > MAX_OPERATORS) {
    throw new QueryTooComplexError(
      `The request joins ${operators.toLocaleString('en')} operands with operators, UNION or commas; the limit is ${MAX_OPERATORS.toLocaleString('en')}. For long lists of values use VALUES.`,
      { operators, limit: MAX_OPERATORS },
    );
  }
}


/** Picks the best format the client accepts, or the editor page for a browser; 406 otherwise. */
function negotiate(req: Request, formats: readonly ResultFormat[]): ResultFormat | typeof HTML {
  const choice = acceptedType(req, [...formats.map((f) => f.mediaType), HTML]);
  if (choice === HTML) return HTML;
  const format = formats.find((f) => f.mediaType === choice);
  if (!format) throw new NotAcceptableError(req.get('accept') ?? '', formats.map((f) => f.mediaType));
  return format;
}
