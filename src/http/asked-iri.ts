import { BadRequestError } from '../domain/errors.js';

/** An IRI a dereferencing request may stand for, and the `?format=` it names for the answer, if any. */
export interface AskedIri {
  readonly iri: string;
  readonly format?: string;
}

/**
 * The IRIs a `GET` of `target` (a request target, `/id/...?...`) may ask for under `baseIri`, in
 * order: the whole URL, its query string included (an IRI with a query is another IRI, RFC 3986,
 * 6.2), then, when the query names `format`, the URL without that parameter, to answer in that
 * syntax. A fragment, which clients should not send, is no part of it. Throws BadRequestError,
 * once the whole URL was looked for, when `format` is given more than once.
 */
export function* askedIris(target: string, baseIri: string): Generator<AskedIri> {
  const [url = ''] = target.split('#', 1);
  const start = url.indexOf('?');
  const path = start === -1 ? url : url.slice(0, start);
  const iriOf = (query: string | undefined): string => `${baseIri}${path.slice(1)}${query === undefined ? '' : `?${query}`}`;
  yield { iri: url === path ? iriOf(undefined) : iriOf(url.slice(start + 1)) };
  if (start === -1) return;
  const parts = url.slice(start + 1).split('&').map((part) => ({ part, at: part.includes('=') ? part.indexOf('=') : part.length }));
  const formats = parts.filter(({ part, at }) => decoded(part.slice(0, at)) === 'format');
  const [format, ...more] = formats.map(({ part, at }) => decoded(part.slice(at + 1)));
  if (format === undefined) return;
  if (more.length > 0) throw new BadRequestError(`The parameter format is given ${formats.length} times; give it once.`);
  // Without `format`, and without the empty parts a stray `&` leaves.
  const rest = parts.filter((part) => !formats.includes(part) && part.part !== '').map(({ part }) => part);
  yield { iri: iriOf(rest.length === 0 ? undefined : rest.join('&')), format };
}

/** A form-encoded query component as text; as it is when it is no valid encoding. */
function decoded(component: string): string {
  try {
    return decodeURIComponent(component.replace(/\+/g, ' '));
  } catch {
    return component;
  }
}
