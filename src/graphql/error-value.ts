import type { RemoteAnswer } from '../terms/sparql-term-source.js';

/** An error a source answers for itself, as the result unions have it. */
export type ErrorValue = { readonly __typename: 'TimeoutError' | 'ServerError' | 'SourceNotFoundError' | 'NotFoundError'; readonly message: string };

/** An error value of the given type. */
export function errorValue(type: ErrorValue['__typename'], message: string): ErrorValue {
  return { __typename: type, message };
}

/** A remote source's failed answer as the error it is: TimeoutError or ServerError. */
export function remoteError(answer: Exclude<RemoteAnswer, { kind: 'terms' }>): ErrorValue {
  return errorValue(answer.kind === 'timeout' ? 'TimeoutError' : 'ServerError', answer.message);
}
