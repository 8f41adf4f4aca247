import {
  BadRequestError, MethodNotAllowedError, UnsupportedMediaTypeError,
} from '../domain/errors.js';
import { isAbsoluteIri } from '../domain/iri.js';

/** What a SPARQL Protocol request asks for. */
export type SparqlOperation =
  | { readonly kind: 'none' }
  | {
    readonly kind: 'query';
    readonly text: string;
    /** Protocol dataset (default-graph-uri / named-graph-uri); absent when the request names none. */
    readonly dataset?: { readonly defaultGraphs: readonly string[]; readonly namedGraphs: readonly string[] };
  }
  | {
    readonly kind: 'update';
    readonly text: string;
    readonly usingGraphs: readonly string[];
    readonly usingNamedGraphs: readonly string[];
    /** The `dataset` parameter (URL or form): where records the update creates go. */
    readonly dataset?: string;
  };

export interface RawSparqlRequest {
  readonly method: string;
  /** Parameters of the request URL. */
  readonly params: URLSearchParams;
  readonly contentType: string | undefined;
  readonly body: Buffer | undefined;
}

const FORM = 'application/x-www-form-urlencoded';
const QUERY = 'application/sparql-query';
const UPDATE = 'application/sparql-update';
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a SPARQL 1.1 Protocol request: a query by GET, by POST form or by POST
 * application/sparql-query; an update by POST form or application/sparql-update.
 * Throws the protocol's client errors with a message that names the problem.
 */
export function readSparqlRequest(request: RawSparqlRequest): SparqlOperation {
  if (request.method === 'GET' || request.method === 'HEAD') {
    if (request.params.has('update')) {
      throw new BadRequestError('SPARQL Update must be sent with POST, not GET.');
    }
    return fromParams(request.params, request.params);
  }
  if (request.method !== 'POST') throw new MethodNotAllowedError(request.method, ['GET', 'POST']);

  const { mediaType, charset } = parseContentType(request.contentType);
  if (mediaType === undefined) {
    throw new UnsupportedMediaTypeError(`A POST needs a Content-Type: ${FORM}, ${QUERY} or ${UPDATE}.`);
  }
  if (![FORM, QUERY, UPDATE].includes(mediaType)) {
    throw new UnsupportedMediaTypeError(`Content-Type ${mediaType} is not accepted; use ${FORM}, ${QUERY} or ${UPDATE}.`);
  }
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new UnsupportedMediaTypeError(`Charset ${charset} is not accepted; SPARQL requests are UTF-8.`);
  }
  const text = decodeBody(request.body);
  if (mediaType === FORM) {
    const form = strictParams(text, 'The form');
    const merged = new URLSearchParams([...request.params, ...form]);
    const operation = fromParams(merged, merged);
    // A GET without a query asks for the service description; a form POST without one is a mistake.
    if (operation.kind === 'none') throw new BadRequestError('The form has neither a `query` nor an `update` field.');
    return operation;
  }
  if (text.trim() === '') throw new BadRequestError(`The ${mediaType} body is empty.`);
  if (mediaType === QUERY) {
    rejectOperationParams(request.params, 'query');
    return { kind: 'query', text, ...queryDataset(request.params) };
  }
  rejectOperationParams(request.params, 'update');
  return { kind: 'update', text, ...updateDataset(request.params) };
}

/**
 * Form or URL parameters, refusing percent-escapes that are not UTF-8: URLSearchParams would
 * put replacement characters in their place, and the query would run with text nobody sent.
 */
export function strictParams(encoded: string, where: string): URLSearchParams {
  for (const part of encoded.split('&')) {
    try {
      decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      throw new BadRequestError(`${where} holds percent-escapes that are malformed or not UTF-8 (in "${part.slice(0, 60)}"); SPARQL requests are UTF-8.`);
    }
  }
  return new URLSearchParams(encoded);
}

function fromParams(params: URLSearchParams, datasetParams: URLSearchParams): SparqlOperation {
  const queries = params.getAll('query');
  const updates = params.getAll('update');
  if (queries.length > 1) throw new BadRequestError('The request has more than one `query` parameter.');
  if (updates.length > 1) throw new BadRequestError('The request has more than one `update` parameter.');
  if (queries.length === 1 && updates.length === 1) {
    throw new BadRequestError('The request has both `query` and `update`; send one operation per request.');
  }
  const [query] = queries;
  const [update] = updates;
  if (query !== undefined) {
    if (query.trim() === '') throw new BadRequestError('The `query` parameter is empty.');
    return { kind: 'query', text: query, ...queryDataset(datasetParams) };
  }
  if (update !== undefined) {
    if (update.trim() === '') throw new BadRequestError('The `update` parameter is empty.');
    return { kind: 'update', text: update, ...updateDataset(datasetParams) };
  }
  return { kind: 'none' };
}

function rejectOperationParams(params: URLSearchParams, kind: 'query' | 'update'): void {
  if (params.has('query') || params.has('update')) {
    throw new BadRequestError(`The ${kind} is in the body; the URL must not also carry \`query\` or \`update\`.`);
  }
}

function queryDataset(params: URLSearchParams): Pick<Extract<SparqlOperation, { kind: 'query' }>, 'dataset'> {
  const defaultGraphs = iris(params, 'default-graph-uri');
  const namedGraphs = iris(params, 'named-graph-uri');
  return defaultGraphs.length + namedGraphs.length === 0 ? {} : { dataset: { defaultGraphs, namedGraphs } };
}

function updateDataset(params: URLSearchParams): { usingGraphs: string[]; usingNamedGraphs: string[]; dataset?: string } {
  const dataset = params.get('dataset');
  return {
    usingGraphs: iris(params, 'using-graph-uri'),
    usingNamedGraphs: iris(params, 'using-named-graph-uri'),
    ...(dataset === null ? {} : { dataset }),
  };
}

function iris(params: URLSearchParams, name: string): string[] {
  return params.getAll(name).map((value) => {
    if (!isAbsoluteIri(value)) throw new BadRequestError(`Parameter ${name} must be an absolute IRI; got "${value}".`);
    return value;
  });
}

function parseContentType(header: string | undefined): { mediaType?: string; charset?: string } {
  if (header === undefined || header.trim() === '') return {};
  const [type = '', ...parameters] = header.split(';');
  const charsetParam = parameters.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('charset='));
  const charset = charsetParam?.slice('charset='.length).replace(/"/g, '');
  return { mediaType: type.trim().toLowerCase(), ...(charset === undefined ? {} : { charset }) };
}

function decodeBody(body: Buffer | undefined): string {
  if (body === undefined || body.length === 0) return '';
  try {
    return utf8.decode(body);
  } catch {
    throw new BadRequestError('The request body is not valid UTF-8.');
  }
}
