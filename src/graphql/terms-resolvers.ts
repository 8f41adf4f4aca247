import { GraphQLError } from 'graphql';
import { AppError } from '../domain/errors.js';
import { matchingRange, languageMatches } from '../domain/language-tag.js';
import type { IndexedList, TermIndex } from '../ports/term-index.js';
import { dutchFirst, type ConceptDoc, type LanguageValue } from '../terms/concept-doc.js';
import type { LanguageMap } from '../terms/term-list-metadata.js';
import type { SparqlTermSources, RemoteAnswer } from '../terms/sparql-term-source.js';
import type { RemoteTermSource } from '../terms/term-source-catalog.js';
import { factIris, personFacts, placeFacts, type FactValue } from '../terms/term-facts.js';
import { topicIri, topicOf } from '../terms/topics.js';
import { LANGUAGES } from './terms-schema.js';

/** What every resolver gets: the term index, the remote sources, and the language Accept-Language chose. */
export interface TermsContext {
  readonly index: TermIndex;
  /** Term sources searched live at remote SPARQL endpoints (vocabularies/catalog/). */
  readonly remote: SparqlTermSources;
  readonly baseIri: string;
  /** `nl` or `en`, from Accept-Language: sources are described in it unless a query's `languages` say otherwise. */
  readonly catalogLanguage: 'nl' | 'en';
  /** The origin the client reached the server at, for the reconciliation URLs. */
  readonly serverUrl: string;
}

type Source = ReturnType<typeof source> | ReturnType<typeof remoteSourceValue>;
type ErrorValue = { readonly __typename: 'TimeoutError' | 'ServerError' | 'SourceNotFoundError' | 'NotFoundError'; readonly message: string };

const KNOWN_LANGUAGES: ReadonlySet<string> = new Set(LANGUAGES);
const NOTHING_FOUND: RemoteAnswer = { kind: 'terms', terms: [], related: new Map() };
/** Label fields, and the link fields that become related terms. */
const TEXT_FIELDS = ['prefLabel', 'altLabel', 'hiddenLabel', 'definition', 'scopeNote'] as const;
type TextField = (typeof TEXT_FIELDS)[number];
const LINK_FIELDS = ['broader', 'narrower', 'related', 'exactMatch', 'closeMatch', 'broadMatch', 'narrowMatch', 'relatedMatch'] as const;

interface TermsArgs {
  readonly sources: ReadonlyArray<string | null>;
  readonly genres?: ReadonlyArray<string | null> | null;
  readonly query: string;
  readonly queryMode: 'OPTIMIZED' | 'RAW';
  readonly languages?: ReadonlyArray<string | null> | null;
  readonly limit: number;
  readonly offset: number;
  readonly timeoutMs: number;
}

interface LookupArgs {
  readonly uris: ReadonlyArray<string | null>;
  readonly languages?: ReadonlyArray<string | null> | null;
  readonly timeoutMs: number;
}

/** Resolvers of the Network of Terms schema over the hosted term lists. */
export const termsResolvers = {
  Query: {
    sources: (_: unknown, args: { genres?: ReadonlyArray<string | null> | null }, context: TermsContext): Source[] => {
      const hosted = context.index.lists();
      const genres = given(args.genres);
      const lists = hosted.filter((list) => genres === undefined || matchesGenres(list, genres, context.baseIri));
      const remote = remoteSources(context, hosted).filter((remoteSource) => genres === undefined || remoteMatchesGenres(remoteSource, genres, context.baseIri));
      const named = sourceLanguages(context, undefined);
      return [...lists.map((list) => source(list, context, named)), ...remote.map((r) => remoteSourceValue(r, context, named))]
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
      const languages = given(args.languages);
      const named = sourceLanguages(context, languages);
      // Every source answers for itself, all at once; a slow or failing one does not hold the others.
      return Promise.all(requested.map(async (uri) => {
        const started = performance.now();
        const list = lists.get(uri);
        const remoteSource = remote.get(uri);
        const result = list !== undefined
          ? searchList(list, args, languages, context)
          : remoteSource === undefined ? errorValue('ServerError', `Source with URI ${uri} not found`) : await searchRemote(remoteSource, args, languages, context);
        return {
          source: list !== undefined ? source(list, context, named) : remoteSourceValue(remoteSource as RemoteTermSource, context, named),
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
      // One request per remote source for all of its IRIs, as the Network of Terms asks them.
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
          return { uri, source: source(list, context, named), result: term(found.doc, null, languages, related), responseTimeMs: responseTimeMs() };
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
          : doc === undefined ? errorValue('NotFoundError', `No term found with URI ${uri}`) : term(doc, null, languages, answer.related);
        return { uri, source: remoteSourceValue(remoteSource, context, named), result, responseTimeMs: responseTimeMs() };
      }));
    },
  },
  TermsResult: { __resolveType: (value: { __typename: string }) => value.__typename },
  LookupResult: { __resolveType: (value: { __typename: string }) => value.__typename },
  SourceResult: { __resolveType: (value: { __typename: string }) => value.__typename },
  Error: { __resolveType: (value: { __typename: string }) => value.__typename },
};

/** One source's answer to a search: terms, or an error value that does not fail the others. */
function searchList(list: IndexedList, args: TermsArgs, languages: readonly string[] | undefined, context: TermsContext) {
  const genres = given(args.genres);
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
    const terms = found.hits.map((hit) => term(hit.concept, hit.score, languages, related));
    return termsValue(terms, found.total, languages);
  } catch (error) {
    if (error instanceof AppError) return errorValue('ServerError', error.message);
    throw error;
  }
}

/**
 * A concept as a Term (plain strings, Dutch first) or, when languages are asked for, a
 * TranslatedTerm; `related` holds the preferred labels of the terms it links to, and of the
 * resources its place and person name.
 */
function term(doc: ConceptDoc, score: number | null, languages: readonly string[] | undefined, related: ReadonlyMap<string, readonly LanguageValue[]>) {
  const prefLabelOf = (uri: string): readonly LanguageValue[] => related.get(uri) ?? [];
  const denotes = { place: place(doc, languages, prefLabelOf), person: person(doc, languages, prefLabelOf) };
  const text = (field: TextField): readonly LanguageValue[] => (field === 'definition' ? definition(doc) : doc[field]);
  if (languages === undefined) {
    return {
      __typename: 'Term' as const, uri: doc.iri, score, seeAlso: doc.seeAlso, ...denotes,
      ...Object.fromEntries(TEXT_FIELDS.map((field) => [field, plain(text(field))])),
      ...Object.fromEntries(LINK_FIELDS.map((field) => [field, doc[field].map((uri) => ({ uri, prefLabel: plain(prefLabelOf(uri)) }))])),
    };
  }
  return {
    __typename: 'TranslatedTerm' as const, uri: doc.iri, score, seeAlso: doc.seeAlso, ...denotes,
    ...Object.fromEntries(TEXT_FIELDS.map((field) => [field, translated(text(field), languages)])),
    ...Object.fromEntries(LINK_FIELDS.map((field) => [field, doc[field].map((uri) => ({ uri, prefLabel: translated(prefLabelOf(uri), languages) }))])),
  };
}

/**
 * A term's `definition`: its `skos:definition`, or else its scope notes. The Network of Terms
 * answers `definition` with a term's scope notes (its resolvers map both fields from
 * `skos:scopeNote`, and its schema tells clients to read `definition`), and its catalog queries,
 * like ours, give AAT's scope notes and Wikidata's descriptions as `skos:scopeNote`.
 */
function definition(doc: ConceptDoc): readonly LanguageValue[] {
  return doc.definition.length > 0 ? doc.definition : doc.scopeNote;
}

/** The IRIs a concept's term names, whose preferred labels its answer shows. */
function linkedIris(doc: ConceptDoc): string[] {
  return [...LINK_FIELDS.flatMap((field) => doc[field]), ...factIris(doc.facts)];
}

type LabelsOf = (uri: string) => readonly LanguageValue[];

/** The place a term denotes, named by its preferred labels. */
function place(doc: ConceptDoc, languages: readonly string[] | undefined, labelsOf: LabelsOf) {
  const facts = placeFacts(doc.facts);
  if (facts === null) return null;
  return {
    ...facts,
    name: languageStrings(doc.prefLabel, languages),
    additionalType: facts.additionalType.map((uri) => ({ uri, name: languageStrings(labelsOf(uri), languages) })),
  };
}

/** The person a term denotes, the resources it names labelled where the network knows them. */
function person(doc: ConceptDoc, languages: readonly string[] | undefined, labelsOf: LabelsOf) {
  const facts = personFacts(doc.facts);
  if (facts === null) return null;
  const references = (values: readonly FactValue[]) => values.map((v) => ('iri' in v
    ? { uri: v.iri, name: languageStrings(labelsOf(v.iri), languages) }
    : { uri: null, name: languageStrings([v], languages) }));
  return {
    birthDate: facts.birthDate, deathDate: facts.deathDate,
    birthPlace: references(facts.birthPlace), deathPlace: references(facts.deathPlace),
    hasOccupation: references(facts.hasOccupation), nationality: references(facts.nationality),
  };
}

/**
 * Language-tagged values as LanguageStrings: in the languages asked for (as TranslatedTerm's
 * labels), or else all of them, Dutch first and an untagged one as Dutch, in the base language the
 * schema knows (`nl-BE` as `nl`), those in a language it does not know left out.
 */
function languageStrings(values: readonly LanguageValue[], languages: readonly string[] | undefined): Array<{ language: string; value: string }> {
  if (languages !== undefined) return translated(values, languages);
  const seen = new Set<string>();
  return dutchFirst(values).flatMap((v) => {
    const language = v.language === '' ? 'nl' : v.language.split('-')[0]?.toLowerCase() ?? '';
    const key = `${language}\u0000${v.value}`;
    if (!KNOWN_LANGUAGES.has(language) || seen.has(key)) return [];
    seen.add(key);
    return [{ language, value: v.value }];
  });
}

/** Every value once, Dutch and untagged ones first, as the Network of Terms gives plain labels. */
function plain(values: readonly LanguageValue[]): string[] {
  const order = (v: LanguageValue): number => (languageMatches(v.language, 'nl') ? 0 : v.language === '' ? 1 : 2);
  return [...new Set([...values].sort((a, b) => order(a) - order(b)).map((v) => v.value))];
}

/**
 * The values in the languages asked for, in their order, a tag matching as a BCP 47 range does
 * (`nl` gives `nl-BE` too, as `nl`: the schema knows base languages only); an untagged value
 * counts as Dutch. Without any, as the Network of
 * Terms falls back: `mul` values come back as the first language asked for, else untagged values
 * as Dutch.
 */
function translated(values: readonly LanguageValue[], languages: readonly string[]): Array<{ language: string; value: string }> {
  // "Gent" and "Gent"@nl are one Dutch label.
  const seen = new Set<string>();
  const tagged = values.map((v) => ({ language: v.language === '' ? 'nl' : v.language, value: v.value, untagged: v.language === '' })).filter((v) => {
    const key = `${v.language}\u0000${v.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // The schema's languages are the base ones (nl, not nl-BE): a value comes back in the one asked for.
  const wanted = tagged.map((v) => ({ v, at: matchingRange(v.language, languages) })).filter(({ at }) => at !== -1)
    .sort((a, b) => a.at - b.at).map(({ v, at }) => ({ language: languages[at] ?? v.language, value: v.value }))
    .filter((v, i, all) => all.findIndex((w) => w.language === v.language && w.value === v.value) === i);
  if (wanted.length > 0) return wanted;
  const first = languages[0];
  const multilingual = first === undefined ? [] : tagged.filter((v) => v.language === 'mul').map((v) => ({ language: first, value: v.value }));
  if (multilingual.length > 0) return multilingual;
  return tagged.filter((v) => v.untagged).map((v) => ({ language: v.language, value: v.value }));
}

/**
 * The languages a Source is described in, best first: as in the Network of Terms, the first of the
 * `languages` a search or lookup asks for, then the one Accept-Language chose (`nl` or `en`).
 */
function sourceLanguages(context: TermsContext, languages: readonly string[] | undefined): readonly string[] {
  return [...(languages ?? []), context.catalogLanguage];
}

function source(list: IndexedList, context: TermsContext, named: readonly string[]) {
  const { metadata } = list;
  const publisher = metadata.publisher;
  return {
    __typename: 'Source' as const,
    uri: list.iri,
    name: inLanguage(metadata.name, named) ?? list.id,
    alternateName: metadata.alternateName ?? null,
    description: inLanguage(metadata.description, named) ?? '',
    creators: publisher === undefined ? [] : [{ uri: publisher.iri ?? null, name: publisher.name, alternateName: publisher.alternateName ?? publisher.name }],
    features: [
      { type: 'RECONCILIATION', url: `${context.serverUrl}/reconcile/${list.id}` },
      ...(metadata.topics.length > 0 ? [{ type: 'GENRE_FILTER', url: list.iri }] : []),
    ],
    genres: metadata.topics.map((uri) => {
      const topic = topicOf(context.baseIri, uri);
      return { uri, name: topic === undefined ? uri : inLanguage(topic.name, named) ?? uri };
    }),
    inLanguage: metadata.languages.filter((language) => KNOWN_LANGUAGES.has(language)),
    mainEntityOfPage: metadata.homepage === undefined ? [] : [metadata.homepage],
    status: { isAvailable: true, lastChecked: new Date().toISOString() },
  };
}

/** The text in the first of `languages` it has (`nl` gives `nl-BE` too), else Dutch, untagged, English or any. */
function inLanguage(text: LanguageMap, languages: readonly string[]): string | undefined {
  for (const language of languages) {
    const tag = language in text ? language : Object.keys(text).find((key) => languageMatches(key, language));
    if (tag !== undefined) return text[tag];
  }
  return text.nl ?? text[''] ?? text.en ?? Object.values(text)[0];
}

function matchesGenres(list: IndexedList, genres: readonly string[], baseIri: string): boolean {
  return genres.some((genre) => list.metadata.topics.some((topic) => topic === genre || topicOf(baseIri, topic) === topicOf(baseIri, genre) && topicOf(baseIri, genre) !== undefined));
}

/**
 * The remote sources, less those a hosted list stands in for: an offline subset of AAT imported
 * under AAT's own IRI is the source of that IRI, and one source has one IRI.
 */
function remoteSources(context: TermsContext, hosted: readonly IndexedList[]): RemoteTermSource[] {
  const iris = new Set(hosted.map((list) => list.iri));
  return context.remote.sources.filter((remote) => !iris.has(remote.iri));
}

/** A remote source's answer to a search, as the search result union has it. */
async function searchRemote(remote: RemoteTermSource, args: TermsArgs, languages: readonly string[] | undefined, context: TermsContext) {
  // A remote source has no GENRE_FILTER: as in the Network of Terms, it is asked whatever genres the search names.
  const answer = await context.remote.search(remote, args.query, args.timeoutMs);
  if (answer.kind !== 'terms') return remoteError(answer);
  // The source's search query returns its own first terms (at most its LIMIT); pages are cut from those.
  const terms = answer.terms.slice(args.offset, args.offset + args.limit).map((doc) => term(doc, null, languages, answer.related));
  return termsValue(terms, answer.terms.length, languages);
}

/** A search's terms as the result union has them: Terms, or TranslatedTerms when languages were asked for. */
function termsValue<T>(terms: T[], total: number, languages: readonly string[] | undefined) {
  return languages === undefined ? { __typename: 'Terms' as const, terms, total } : { __typename: 'TranslatedTerms' as const, terms, total };
}

function remoteError(answer: Exclude<RemoteAnswer, { kind: 'terms' }>): ErrorValue {
  return errorValue(answer.kind === 'timeout' ? 'TimeoutError' : 'ServerError', answer.message);
}

const MAX_LIMIT = 1000;
const MAX_TIMEOUT_MS = 60_000;
/** A search for words; a longer query is no search (and a remote source's query would be megabytes). */
const MAX_QUERY_LENGTH = 1_000;

/** Refuses an argument outside its range, naming it: the whole request is wrong, not one source. */
function checkRange(name: string, value: number, min: number, max: number): void {
  if (value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `between ${min} and ${max.toLocaleString('en')}`;
    throw new GraphQLError(`${name} must be ${range}; got ${value}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
}

function remoteSourceValue(remote: RemoteTermSource, context: TermsContext, named: readonly string[]) {
  const status = context.remote.status(remote);
  return {
    __typename: 'Source' as const,
    uri: remote.iri,
    name: inLanguage(remote.name, named) ?? remote.iri,
    alternateName: remote.alternateName ?? null,
    description: inLanguage(remote.description, named) ?? '',
    creators: [{ uri: remote.creator.url ?? null, name: remote.creator.name, alternateName: remote.creator.alternateName ?? remote.creator.name }],
    features: [],
    genres: remote.topics.map((key) => {
      const uri = topicIri(context.baseIri, key);
      const topic = topicOf(context.baseIri, uri);
      return { uri, name: topic === undefined ? key : inLanguage(topic.name, named) ?? key };
    }),
    // The schema's Language enum has base languages: a source in nl-BE is in nl.
    inLanguage: [...new Set(remote.languages.map((language) => language.split('-')[0]?.toLowerCase() ?? ''))].filter((language) => KNOWN_LANGUAGES.has(language)),
    mainEntityOfPage: remote.homepage === undefined ? [] : [remote.homepage],
    status: status ?? null,
  };
}

function remoteMatchesGenres(remote: RemoteTermSource, genres: readonly string[], baseIri: string): boolean {
  return genres.some((genre) => {
    const topic = topicOf(baseIri, genre);
    return topic !== undefined && remote.topics.includes(topic.key);
  });
}

/** A list argument's values (genres, languages), less nulls; undefined when it was not given. */
function given(values: ReadonlyArray<string | null> | null | undefined): string[] | undefined {
  return values == null ? undefined : values.filter((value): value is string => value !== null);
}

function errorValue(type: ErrorValue['__typename'], message: string): ErrorValue {
  return { __typename: type, message };
}
