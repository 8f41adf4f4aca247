/**
 * The application's error hierarchy. Each class fixes its HTTP status and a stable code;
 * `http/problem-response.ts` turns them into `application/problem+json` in one place.
 * The catalogue of codes is documented in docs/errors.md.
 */
export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  /** Extra members for the problem document (RFC 9457 extension members). */
  readonly extensions: Readonly<Record<string, unknown>>;

  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.extensions = extensions;
  }
}

/** The request is malformed in a way no other class describes. */
export class BadRequestError extends AppError {
  readonly status = 400;
  readonly code: string = 'BAD_REQUEST';
}

/** A SPARQL query or update does not parse; carries the parser's position when known. */
export class SparqlSyntaxError extends BadRequestError {
  override readonly code = 'SPARQL_SYNTAX';
}

/** A well-formed SPARQL Update asks for something the store does not do (e.g. LOAD). */
export class UnsupportedUpdateError extends BadRequestError {
  override readonly code = 'UPDATE_UNSUPPORTED';
}

/** Input data (RDF, files, parameters) is invalid. */
export class InvalidInputError extends BadRequestError {
  override readonly code = 'INVALID_INPUT';
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly code = 'UNAUTHORIZED';
}

/** The principal is known but may not do this (another organisation's dataset, a role without the right). */
export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly code = 'FORBIDDEN';
}

/** Too many requests (rate limit, failed-authentication throttling); `retryAfterSeconds` goes into Retry-After. */
export class TooManyRequestsError extends AppError {
  readonly status = 429;
  readonly code = 'TOO_MANY_REQUESTS';
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message, { retryAfterSeconds });
  }
}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly code = 'NOT_FOUND';
}

export class MethodNotAllowedError extends AppError {
  readonly status = 405;
  readonly code = 'METHOD_NOT_ALLOWED';
  constructor(method: string, readonly allow: readonly string[]) {
    super(`Method ${method} is not allowed here; use ${allow.join(' or ')}.`, { allow });
  }
}

export class NotAcceptableError extends AppError {
  readonly status = 406;
  readonly code = 'NOT_ACCEPTABLE';
  /** `why`: the type asked for exists here, but this resource cannot be written in it (RDF/XML cannot hold every graph). */
  constructor(accept: string, available: readonly string[], why?: string) {
    super(why === undefined
      ? `None of the requested media types (${accept}) can be produced; available: ${available.join(', ')}.`
      : `${why}; ask for one of ${available.join(', ')}.`, { available });
  }
}

/** The resource existed and was deleted (a record's IRI stays known). */
export class GoneError extends AppError {
  readonly status = 410;
  readonly code = 'GONE';
}

/** The write conflicts with stored state, e.g. an IRI that belongs to another dataset. */
export class ConflictError extends AppError {
  readonly status = 409;
  readonly code = 'CONFLICT';
}

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly code = 'PAYLOAD_TOO_LARGE';
  /** `what` is too large; `option` is the setting that sets the limit. */
  constructor(limitBytes: number, what = 'The request body', option = '--max-body') {
    super(`${what} exceeds the limit of ${limitBytes} bytes (${option}).`, { limitBytes });
  }
}

export class UnsupportedMediaTypeError extends AppError {
  readonly status = 415;
  readonly code = 'UNSUPPORTED_MEDIA_TYPE';
}

/** A query ran past `--query-timeout` and was stopped. */
export class QueryTimeoutError extends AppError {
  readonly status = 503;
  readonly code = 'QUERY_TIMEOUT';
  readonly limitMs: number;

  constructor(limitMs: number) {
    const rounded = Math.round(limitMs);
    super(`The query ran longer than the limit of ${rounded} ms (--query-timeout) and was stopped.`, { limitMs: rounded });
    this.limitMs = rounded;
  }
}

/** The service cannot answer yet (index still building, shutting down). */
export class ServiceUnavailableError extends AppError {
  readonly status = 503;
  readonly code = 'UNAVAILABLE';
}

/** Oxigraph refused or failed to evaluate a query that parsed (e.g. SERVICE, which it lacks). */
export class QueryFailedError extends BadRequestError {
  override readonly code = 'QUERY_FAILED';
}

/** The query engine itself broke on a query (a WebAssembly trap); the replica was replaced. */
export class QueryEngineError extends AppError {
  readonly status = 500;
  readonly code = 'QUERY_ENGINE_FAILED';
}

/** A query or update nests deeper than the engine can parse safely. */
export class QueryTooComplexError extends BadRequestError {
  override readonly code = 'QUERY_TOO_COMPLEX';
}

/** A query's results are larger than `--max-result`. */
export class ResultTooLargeError extends BadRequestError {
  override readonly code = 'RESULT_TOO_LARGE';
  constructor(limitBytes: number) {
    super(
      `The result is larger than the limit of ${sizeText(limitBytes)} (--max-result); narrow the query, add LIMIT and page with OFFSET, or use \`cultuurgraaf dump\`.`,
      { limitBytes },
    );
  }
}

/** An unexpected failure; the details are in the server log, never in the answer. */
export class InternalError extends AppError {
  readonly status = 500;
  readonly code = 'INTERNAL';
}

/** A byte count as people read it: 100 MB, 2 KB, 512 bytes. */
function sizeText(bytes: number): string {
  if (bytes >= 1_048_576 && bytes % 1_048_576 === 0) return `${bytes / 1_048_576} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes.toLocaleString('en')} bytes`;
}
