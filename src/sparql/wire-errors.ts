import type { AppError } from '../domain/errors.js';
import {
  BadRequestError, ConflictError, InvalidInputError, QueryEngineError, QueryFailedError, SparqlSyntaxError,
  UnsupportedUpdateError,
} from '../domain/errors.js';
import type { WireError } from './worker-protocol.js';

type AppErrorClass = new (message: string, extensions?: Record<string, unknown>) => AppError;

/** The errors a worker may raise for a bad request, by code. */
const BY_CODE: ReadonlyMap<string, AppErrorClass> = new Map<string, AppErrorClass>([
  ['BAD_REQUEST', BadRequestError],
  ['SPARQL_SYNTAX', SparqlSyntaxError],
  ['QUERY_FAILED', QueryFailedError],
  ['UPDATE_UNSUPPORTED', UnsupportedUpdateError],
  ['INVALID_INPUT', InvalidInputError],
  ['CONFLICT', ConflictError],
  ['QUERY_ENGINE_FAILED', QueryEngineError],
]);

/** Rebuilds an error sent by a worker: the same AppError class when it had one, else a plain Error. */
export function errorFromWire(wire: WireError): Error {
  const ErrorClass = wire.code === undefined ? undefined : BY_CODE.get(wire.code);
  return ErrorClass ? new ErrorClass(wire.message, wire.extensions) : new Error(wire.message);
}

/** Oxigraph reports syntax errors as "error at LINE:COLUMN: ..."; those become SPARQL_SYNTAX with the position. */
export function classifyQueryError(error: unknown): AppError {
  const message = error instanceof Error ? error.message : String(error);
  const position = /^error at (\d+):(\d+): /.exec(message);
  if (position) {
    const line = Number(position[1]);
    const column = Number(position[2]);
    return new SparqlSyntaxError(`Syntax error at line ${line}, column ${column}: ${message.slice(position[0].length)}`, { line, column });
  }
  return new QueryFailedError(`The query could not be evaluated: ${message}`);
}
