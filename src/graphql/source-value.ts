import { languageMatches } from '../domain/language-tag.js';
import type { IndexedList } from '../ports/term-index.js';
import type { LanguageMap } from '../terms/term-list-metadata.js';
import type { RemoteTermSource } from '../terms/term-source-catalog.js';
import { topicIri, topicOf } from '../terms/topics.js';
import type { TermsContext } from './terms-context.js';
import { KNOWN_LANGUAGES } from './terms-schema.js';

/** A Source of the schema: a hosted list's or a remote source's. */
export type SourceValue = ReturnType<typeof sourceValue> | ReturnType<typeof remoteSourceValue>;

/**
 * The languages a Source is described in, best first: as in the Network of Terms, the first of the
 * `languages` a search or lookup asks for, then the one Accept-Language chose (`nl` or `en`).
 */
export function sourceLanguages(context: TermsContext, languages: readonly string[] | undefined): readonly string[] {
  return [...(languages ?? []), context.catalogLanguage];
}

/** A hosted term list as a Source, described in the first of `named` it has a text in. */
export function sourceValue(list: IndexedList, context: TermsContext, named: readonly string[]) {
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

/** Whether a hosted list is about one of the genres (by IRI, or by the topic a Network of Terms genre IRI is). */
export function matchesGenres(list: IndexedList, genres: readonly string[], baseIri: string): boolean {
  return genres.some((genre) => list.metadata.topics.some((topic) => topic === genre || topicOf(baseIri, topic) === topicOf(baseIri, genre) && topicOf(baseIri, genre) !== undefined));
}

/**
 * The remote sources, less those a hosted list stands in for: an offline subset of AAT imported
 * under AAT's own IRI is the source of that IRI, and one source has one IRI.
 */
export function remoteSources(context: TermsContext, hosted: readonly IndexedList[]): RemoteTermSource[] {
  const iris = new Set(hosted.map((list) => list.iri));
  return context.remote.sources.filter((remote) => !iris.has(remote.iri));
}

/** A remote source as a Source, described in the first of `named` it has a text in. */
export function remoteSourceValue(remote: RemoteTermSource, context: TermsContext, named: readonly string[]) {
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

/** Whether a remote source is about one of the genres. */
export function remoteMatchesGenres(remote: RemoteTermSource, genres: readonly string[], baseIri: string): boolean {
  return genres.some((genre) => {
    const topic = topicOf(baseIri, genre);
    return topic !== undefined && remote.topics.includes(topic.key);
  });
}
