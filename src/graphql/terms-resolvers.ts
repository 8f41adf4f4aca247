import { GraphQLError } from 'graphql';
import type { RemoteAnswer } from '../terms/sparql-term-source.js';
import type { RemoteTermSource } from '../terms/term-source-catalog.js';
import { resolveTopic } from '../terms/topics.js';
import { errorValue, remoteError } from './error-value.js';
import { searchList, searchRemote, type TermsArgs } from './source-search.js';
import {
  matchesGenres, remoteMatchesGenres, remoteSources, remoteSourceValue, sourceLanguages, sourceValue, type SourceValue,
} from './source-value.js';
import { linkedIris, termValue } from './term-value.js';
import type { TermsContext } from './terms-context.js';

const MAX_LIMIT = 1000;
const MAX_TIMEOUT_MS = 60_000;
/** A search for words; a longer query is no search (and a remote source's query would be megabytes). */
const MAX_QUERY_LENGTH = 1_000;
const NOTHING_FOUND: RemoteAnswer = { kind: 'terms', terms: [], related: new Map() };

interface LookupArgs {
  readonly uris: ReadonlyArray<string | null>;
  readonly languages?: ReadonlyArray<string | null> | null;
  readonly timeoutMs: number;
}

/**
 * Resolvers of the Network of Terms schema over the hosted term lists and the remote sources:
 * sources, terms (source-search.ts) and lookup, answering Sources (source-value.ts), Terms
 * (term-value.ts) and error values (error-value.ts).
 */
export const termsResolvers = {
  Query: {
    sources: (_: unknown, args: { genres?: ReadonlyArray<string | null> | null }, context: TermsContext): SourceValue[] => {
      const hosted = context.index.lists();
      const genres = genreIris(context.baseIri, given(args.genres));
      const lists = hosted.filter((list) => genres === undefined || matchesGenres(list, genres, context.baseIri));
      const remote = remoteSources(context, hosted).filter((remoteSource) => genres === undefined || remoteMatchesGenres(remoteSource, genres, context.baseIri));
      const named = sourceLanguages(context, undefined);
      return [...lists.map((list) => sourceValue(list, context, named)), ...remote.map((r) => remoteSourceValue(r, context, named))]
        .sort((a, b) => a.name.localeCompare(b.name, context.catalogLanguage));
    },

    terms: (_: unknown, args: TermsArgs, context: TermsContext) => {
      checkRange('limit', args.limit, 0, MAX_LIMIT);
      checkRange('offset', args.offset, 0, Number.MAX_SAFE_INTEGER);
      checkRange('timeoutMs', args.timeoutMs, 1, MAX_TIMEOUT_MS);
      checkRange('the length of query', args.query.length, 0, MAX_QUERY_LENGTH);
      const hosted = context.index.lists();
      const lists = new Map(hosted.map((list) => [list.iri, list]));
      const remote = new Map(remoteSources(context, hosted).map((r) => [r.iri, r]));
      const requested = [...new Set(args.sources.filter((uri): uri is string => uri !== null))];
      const unknown = requested.filter((uri) => !lists.has(uri) && !remote.has(uri));
      if (unknown.length > 0) throw new GraphQLError(`Source with URI ${unknown.join(', ')} not found`, { extensions: { code: 'NOT_FOUND' } });
      const genres = genreIris(context.baseIri, given(args.genres));
      const languages = given(args.languages);
      const named = sourceLanguages(context, languages);
      // Every source answers for itself, all at once; a slow or failing one does not hold the others.
      return Promise.all(requested.map(async (uri) => {
        const started = performance.now();
        const list = lists.get(uri);
        const remoteSource = remote.get(uri);
        const result = list !== undefined
          ? searchList(list, args, genres, languages, context)
          : remoteSource === undefined ? errorValue('ServerError', `Source with URI ${uri} not found`) : await searchRemote(remoteSource, args, languages, context);
        return {
          source: list !== undefined ? sourceValue(list, context, named) : remoteSourceValue(remoteSource as RemoteTermSource, context, named),
          result, terms: 'terms' in result && languages === undefined ? result.terms : [],
          responseTimeMs: Math.round(performance.now() - started),
        };
      }));
    },

    lookup: (_: unknown, args: LookupArgs, context: TermsContext) => {
      checkRange('timeoutMs', args.timeoutMs, 1, MAX_TIMEOUT_MS);
      const languages = given(args.languages);
      const named = sourceLanguages(context, languages);
      const lists = new Map(context.index.lists().map((list) => [list.id, list]));
      const uris = args.uris.filter((uri): uri is string => uri !== null);
      // Each remote source is asked once for all of its IRIs, as the Network of Terms asks them (SparqlTermSources.lookup).
      const hosted = context.index.concepts(uris);
      const remoteAnswers = new Map<RemoteTermSource, Promise<ReadonlyMap<string, RemoteAnswer>>>();
      const remoteAnswer = (remoteSource: RemoteTermSource): Promise<ReadonlyMap<string, RemoteAnswer>> => {
        let answer = remoteAnswers.get(remoteSource);
        if (answer === undefined) {
          const asked = uris.filter((uri) => !hosted.has(uri) && context.remote.sourceOf(uri) === remoteSource);
          answer = context.remote.lookup(remoteSource, asked, args.timeoutMs);
          remoteAnswers.set(remoteSource, answer);
        }
        return answer;
      };
      return Promise.all(uris.map(async (uri) => {
        const started = performance.now();
        const responseTimeMs = (): number => Math.round(performance.now() - started);
        const found = hosted.get(uri);
        const list = found === undefined ? undefined : lists.get(found.list);
        if (found !== undefined && list !== undefined) {
          const related = context.index.prefLabels(linkedIris(found.doc));
          return { uri, source: sourceValue(list, context, named), result: termValue(found.doc, null, languages, related), responseTimeMs: responseTimeMs() };
        }
        const remoteSource = context.remote.sourceOf(uri);
        if (remoteSource === undefined) {
          return {
            uri,
            source: errorValue('SourceNotFoundError', `No source found that can provide term with URI ${uri}`),
            result: errorValue('NotFoundError', `No term found with URI ${uri}`),
            responseTimeMs: responseTimeMs(),
          };
        }
        // What is no IRI was not asked for, and has no answer: nothing found.
        const answer = (await remoteAnswer(remoteSource)).get(uri) ?? NOTHING_FOUND;
        const doc = answer.kind === 'terms' ? answer.terms.find((candidate) => candidate.iri === uri) : undefined;
        const result = answer.kind !== 'terms' ? remoteError(answer)
          : doc === undefined ? errorValue('NotFoundError', `No term found with URI ${uri}`) : termValue(doc, null, languages, answer.related);
        return { uri, source: remoteSourceValue(remoteSource, context, named), result, responseTimeMs: responseTimeMs() };
      }));
    },
  },
  TermsResult: { __resolveType: (value: { __typename: string }) => value.__typename },
  LookupResult: { __resolveType: (value: { __typename: string }) => value.__typename },
  SourceResult: { __resolveType: (value: { __typename: string }) => value.__typename },
  Error: { __resolveType: (value: { __typename: string }) => value.__typename },
};

/** Refuses an argument outside its range, naming it: the whole request is wrong, not one source. */
function checkRange(name: string, value: number, min: number, max: number): void {
  if (value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `between ${min} and ${max.toLocaleString('en')}`;
    throw new GraphQLError(`${name} must be ${range}; got ${value}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
}

/**
 * Genres as IRIs. Network of Terms clients send IRIs; a topic's key (`materials`), as
 * `terms import --topics` takes it, stands for its IRI too, rather than matching nothing.
 */
function genreIris(baseIri: string, genres: readonly string[] | undefined): string[] | undefined {
  return genres?.map((genre) => (genre.includes(':') ? genre : resolveTopic(baseIri, genre) ?? genre));
}

/** A list argument's values (genres, languages), less nulls; undefined when it was not given. */
function given(values: ReadonlyArray<string | null> | null | undefined): string[] | undefined {
  return values == null ? undefined : values.filter((value): value is string => value !== null);
}
