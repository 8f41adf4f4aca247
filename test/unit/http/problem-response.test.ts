import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as errors from '../../../src/domain/errors.js';
import { PROBLEM_TITLES, problemType } from '../../../src/http/problem-response.js';

const catalogue = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');

/** Every concrete AppError class, instantiated to read its code and status. */
function errorSamples(): errors.AppError[] {
  return [
    new errors.BadRequestError('x'), new errors.SparqlSyntaxError('x'), new errors.QueryTooComplexError('x'),
    new errors.QueryFailedError('x'), new errors.UnsupportedUpdateError('x'), new errors.InvalidInputError('x'),
    new errors.UnauthorizedError('x'), new errors.ForbiddenError('x'), new errors.TooManyRequestsError('x', 1), new errors.NotFoundError('x'), new errors.GoneError('x'), new errors.MethodNotAllowedError('PUT', ['GET']),
    new errors.NotAcceptableError('x', []), new errors.ConflictError('x'), new errors.PayloadTooLargeError(1),
    new errors.UnsupportedMediaTypeError('x'), new errors.QueryEngineError('x'), new errors.QueryTimeoutError(1),
    new errors.ServiceUnavailableError('x'), new errors.ResultTooLargeError(1), new errors.InternalError('x'),
  ];
}

describe('problem documents', () => {
  it.each(errorSamples().map((e) => [e.code, e]))('%s has a title and a row in docs/errors.md with its status', (code, error) => {
    expect(PROBLEM_TITLES[code]).toBeDefined();
    expect(catalogue).toContain(`| \`${code}\` | ${error.status} |`);
  });

  it('covers every class the errors module exports', () => {
    const classes = Object.values(errors).filter((value) => typeof value === 'function' && value.prototype instanceof errors.AppError);
    const sampled = new Set(errorSamples().map((error) => error.constructor));
    expect(sampled).toEqual(new Set(classes));
  });

  it('states a query time limit in whole milliseconds, also when it is what remained of one', () => {
    const error = new errors.QueryTimeoutError(4999.956926999992);
    expect([error.limitMs, error.message, error.extensions]).toEqual([5000, 'The query ran longer than the limit of 5000 ms (--query-timeout) and was stopped.', { limitMs: 5000 }]);
  });

  it('derives a URN type from the code', () => {
    expect(problemType('QUERY_TIMEOUT')).toBe('urn:cultuurgraaf:problem:query-timeout');
  });
});
