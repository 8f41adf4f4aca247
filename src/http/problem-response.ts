import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { messagePage } from '../web/record-page.js';
import {
  TooManyRequestsError,
  AppError, BadRequestError, InternalError, MethodNotAllowedError, PayloadTooLargeError, UnauthorizedError, UnsupportedMediaTypeError,
} from '../domain/errors.js';

/** The RFC 9457 problem document every HTTP error is answered with. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly [extension: string]: unknown;
}

/** `QUERY_TIMEOUT` → `urn:cultuurgraaf:problem:query-timeout`; the codes are listed in docs/errors.md. */
export function problemType(code: string): string {
  return `urn:cultuurgraaf:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

/** Short human titles of the stable error codes (docs/errors.md lists them with their meaning). */
export const PROBLEM_TITLES: Readonly<Record<string, string>> = {
  BAD_REQUEST: 'Bad request',
  SPARQL_SYNTAX: 'SPARQL syntax error',
  QUERY_FAILED: 'Query failed',
  RESULT_TOO_LARGE: 'Result too large',
  UPDATE_UNSUPPORTED: 'Update operation not supported',
  INVALID_INPUT: 'Invalid input',
  UNAUTHORIZED: 'Authentication required',
  FORBIDDEN: 'Not allowed',
  TOO_MANY_REQUESTS: 'Too many requests',
  NOT_FOUND: 'Not found',
  GONE: 'Gone',
  METHOD_NOT_ALLOWED: 'Method not allowed',
  NOT_ACCEPTABLE: 'Not acceptable',
  CONFLICT: 'Conflict',
  PAYLOAD_TOO_LARGE: 'Request body too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  QUERY_TIMEOUT: 'Query time limit exceeded',
  UNAVAILABLE: 'Service unavailable',
  INTERNAL: 'Internal server error',
  QUERY_ENGINE_FAILED: 'Query engine failed',
  QUERY_TOO_COMPLEX: 'Query too complex',
};

function title(code: string): string {
  return PROBLEM_TITLES[code] ?? code;
}

export function sendProblem(res: Response, error: AppError): void {
  const problem: Problem = {
    type: problemType(error.code),
    title: title(error.code),
    status: error.status,
    detail: error.message,
    code: error.code,
    ...error.extensions,
  };
  if (error instanceof MethodNotAllowedError) res.set('Allow', error.allow.join(', '));
  if (error instanceof UnauthorizedError) res.set('WWW-Authenticate', 'Bearer realm="cultuurgraaf"');
  // Stop reading a body that is too large instead of draining it.
  if (error instanceof PayloadTooLargeError) res.set('Connection', 'close');
  if (error.status === 503) res.set('Retry-After', '1');
  if (error instanceof TooManyRequestsError) res.set('Retry-After', String(error.retryAfterSeconds));
  if (error.status === 401) res.set('WWW-Authenticate', 'Bearer realm="cultuurgraaf"');
  if (wantsPage(res)) {
    // A browser following a link to a record that is gone or unknown gets a page, in Dutch as the others.
    res.status(error.status).type('text/html').send(problemPage(problem));
    return;
  }
  res.status(error.status).type('application/problem+json').send(JSON.stringify(problem));
}

/** A browser asking for a dereferenceable IRI (`/id/...`): it prefers HTML to a problem document. */
function wantsPage(res: Response): boolean {
  const req = res.req as Response['req'] | undefined;
  if (req === undefined || (req.method !== 'GET' && req.method !== 'HEAD') || !req.path.startsWith('/id/')) return false;
  return req.accepts(['application/problem+json', 'application/json', 'text/html']) === 'text/html';
}

const PAGE_TITLES: Readonly<Record<number, string>> = { 404: 'Niet gevonden', 410: 'Verwijderd', 400: 'Ongeldige vraag' };

function problemPage(problem: Problem): string {
  return messagePage(PAGE_TITLES[problem.status] ?? problem.title, problem.detail);
}

/** Errors of express's body parsers carry a status and a type; these are the ones clients cause. */
interface BodyParserError {
  status?: number;
  type?: string;
  limit?: number;
}

/** The problem a body-parser error stands for. */
function fromBodyParser(error: BodyParserError & Error): AppError | undefined {
  if (error.type === 'entity.too.large') return new PayloadTooLargeError(error.limit ?? 0);
  if (error.status === 415) return new UnsupportedMediaTypeError(error.message);
  if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) return new BadRequestError(error.message);
  return undefined;
}

/** The one place where errors become HTTP responses. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const problem = error instanceof AppError ? error : fromBodyParser(error as BodyParserError & Error);
    if (problem) {
      sendProblem(res, problem);
      return;
    }
    logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
    sendProblem(res, new InternalError('The server failed to handle the request; the error is in its log.'));
  };
}
