import {
  AppError, BadRequestError, ConflictError, InvalidInputError, QueryEngineError, QueryFailedError, SparqlSyntaxError,
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

/** An AppError a worker raised whose class the main thread does not rebuild: same status and code. */
class ReportedError extends AppError {
  constructor(readonly status: number, readonly code: string, message: string, extensions: Record<string, unknown>) {
    super(message, extensions);
  }
}

/**
 * Rebuilds an error sent by a worker: its own AppError class where the main thread needs it,
 * else an AppError with the same status and code; a plain Error only when it was not an AppError.
 */
export function errorFromWire(wire: WireError): Error {
  const ErrorClass = wire.code === undefined ? undefined : BY_CODE.get(wire.code);
  if (ErrorClass) return new ErrorClass(wire.message, wire.extensions);
  if (wire.code !== undefined && wire.status !== undefined) return new ReportedError(wire.status, wire.code, wire.message, wire.extensions ?? {});
  return new Error(wire.message);
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
