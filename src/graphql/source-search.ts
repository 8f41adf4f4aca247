import { AppError } from '../domain/errors.js';
import type { IndexedList } from '../ports/term-index.js';
import type { RemoteTermSource } from '../terms/term-source-catalog.js';
import { errorValue, remoteError } from './error-value.js';
import { matchesGenres } from './source-value.js';
import { linkedIris, termValue } from './term-value.js';
import type { TermsContext } from './terms-context.js';

/** The arguments of the terms query. */
export interface TermsArgs {
  readonly sources: ReadonlyArray<string | null>;
  readonly genres?: ReadonlyArray<string | null> | null;
  readonly query: string;
  readonly queryMode: 'OPTIMIZED' | 'RAW';
  readonly languages?: ReadonlyArray<string | null> | null;
  readonly limit: number;
  readonly offset: number;
  readonly timeoutMs: number;
}

/**
 * One source's answer to a search: terms, or an error value that does not fail the others.
 * `genres` and `languages` are the arguments' values, undefined when not given.
 */
export function searchList(
  list: IndexedList, args: TermsArgs, genres: readonly string[] | undefined, languages: readonly string[] | undefined, context: TermsContext,
) {
  if (genres !== undefined && genres.length > 0 && !matchesGenres(list, genres, context.baseIri)) {
    return termsValue([], 0, languages);
  }
  try {
    // As in the Network of Terms, `languages` chooses the labels a term comes back with; the
    // search itself matches labels in every language ("brons" finds bronze asked in English).
    const found = context.index.search({
      query: args.query, mode: args.queryMode === 'RAW' ? 'raw' : 'prefix', lists: [list.id],
      limit: args.limit, offset: args.offset,
    });
    const related = context.index.prefLabels(found.hits.flatMap((hit) => linkedIris(hit.concept)));
    const terms = found.hits.map((hit) => termValue(hit.concept, hit.score, languages, related));
    return termsValue(terms, found.total, languages);
  } catch (error) {
    if (error instanceof AppError) return errorValue('ServerError', error.message);
    throw error;
  }
}

/** A remote source's answer to a search, as the search result union has it. */
export async function searchRemote(remote: RemoteTermSource, args: TermsArgs, languages: readonly string[] | undefined, context: TermsContext) {
  // A remote source has no GENRE_FILTER: as in the Network of Terms, it is asked whatever genres the search names.
  const answer = await context.remote.search(remote, args.query, args.timeoutMs);
  if (answer.kind !== 'terms') return remoteError(answer);
  // The source's search query returns its own first terms (at most its LIMIT); pages are cut from those.
  const terms = answer.terms.slice(args.offset, args.offset + args.limit).map((doc) => termValue(doc, null, languages, answer.related));
  return termsValue(terms, answer.terms.length, languages);
}

/** A search's terms as the result union has them: Terms, or TranslatedTerms when languages were asked for. */
function termsValue<T>(terms: T[], total: number, languages: readonly string[] | undefined) {
  return languages === undefined ? { __typename: 'Terms' as const, terms, total } : { __typename: 'TranslatedTerms' as const, terms, total };
}
