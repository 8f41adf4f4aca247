/**
 * The languages a client may ask term labels in (`languages: [nl, en]`). A closed list, as in
 * the Network of Terms, so the schema does not change when a list is imported.
 */
export const LANGUAGES = ['ar', 'da', 'de', 'el', 'en', 'es', 'fi', 'fr', 'fy', 'it', 'ja', 'la', 'nl', 'no', 'pl', 'pt', 'ru', 'sv', 'zh'] as const;
/** LANGUAGES as a set, to tell whether a language tag is one of them. */
export const KNOWN_LANGUAGES: ReadonlySet<string> = new Set(LANGUAGES);

/**
 * The GraphQL schema at /graphql: the schema of the Dutch Network of Terms, so its clients work
 * unchanged, with additions only (`offset`, `total`, `score`, and the SKOS mapping properties
 * besides exactMatch). docs/schema.graphql is this schema as served; a test keeps them equal.
 */
export const TERMS_SCHEMA = /* GraphQL */ `
  type Query {
    "The term sources (term lists) that can be searched, optionally only those about one of the genres."
    sources(genres: [ID]): [Source]

    "Searches one or more sources for terms; each source answers with terms or an error of its own."
    terms(
      "IRIs of the sources to search."
      sources: [ID]!
      "Only terms of these genres (see Source.genres)."
      genres: [ID]
      "The words to look for, for example \`brons\`."
      query: String!
      "How the query is read."
      queryMode: QueryMode = OPTIMIZED
      "Languages to return labels in, in order of preference; given, results are TranslatedTerms."
      languages: [Language]
      "Terms per source, 0 to 1000."
      limit: Int = 100
      "Terms to skip per source, for the next page (an addition to the Network of Terms)."
      offset: Int = 0
      "How long to wait for a source, in milliseconds (1 to 60000)."
      timeoutMs: Int = 10000
    ): [TermsQueryResult]

    "Looks up terms by IRI."
    lookup(
      uris: [ID]!
      "Languages to return labels in, in order of preference; given, results are TranslatedTerms."
      languages: [Language]
      timeoutMs: Int = 10000
    ): [LookupQueryResult]
  }

  "How a query is read."
  enum QueryMode {
    "Words are matched at the start of words in labels, ignoring case and diacritics. The default."
    OPTIMIZED
    "The query is an SQLite FTS5 expression over the words of labels (AND, OR, NOT, quotes, *)."
    RAW
  }

  """
  A term source: a term list, hosted or remote. As in the Network of Terms, its name, description and genre names are in the first of a search's or lookup's languages (the first it has them in), else in the language Accept-Language chooses (nl or en; nl when it names neither).
  """
  type Source {
    uri: ID!
    name: String!
    alternateName: String
    description: String!
    creators: [Creator]!
    features: [Feature]!
    genres: [Genre]!
    inLanguage: [Language]!
    mainEntityOfPage: [String]!
    status: SourceStatus
  }

  "The organisation or community that publishes a source."
  type Creator {
    uri: ID
    name: String!
    alternateName: String!
  }

  "Something a source can do besides search and lookup."
  type Feature {
    type: FeatureType!
    url: ID!
  }

  enum FeatureType {
    "A W3C Reconciliation Service API endpoint."
    RECONCILIATION
    "Search can be limited to genres."
    GENRE_FILTER
  }

  "A genre (topic) a source has terms about."
  type Genre {
    uri: ID!
    name: String!
  }

  "Whether a source answers, as last checked."
  type SourceStatus {
    isAvailable: Boolean!
    lastChecked: String!
  }

  "A SKOS concept, its labels as plain strings."
  type Term {
    uri: ID!
    prefLabel: [String]!
    altLabel: [String]!
    hiddenLabel: [String]!
    "The skos:definition of the term; a term without one has its scope notes here, as in the Network of Terms (AAT scope notes, Wikidata descriptions)."
    definition: [String]!
    scopeNote: [String]!
    seeAlso: [String]!
    broader: [RelatedTerm]
    narrower: [RelatedTerm]
    related: [RelatedTerm]
    exactMatch: [RelatedTerm]
    closeMatch: [RelatedTerm]
    broadMatch: [RelatedTerm]
    narrowMatch: [RelatedTerm]
    relatedMatch: [RelatedTerm]
    "The place the term denotes, if its source describes one (its position, country and kinds); null otherwise."
    place: Place
    "The person the term denotes, if its source describes one (dates and places of birth and death, occupations, nationalities); null otherwise."
    person: Person
    "How well the term matched the query, 0 to 100; null for a lookup."
    score: Float
  }

  type RelatedTerm {
    uri: ID!
    prefLabel: [String]!
  }

  "A SKOS concept with its labels in the languages asked for."
  type TranslatedTerm {
    uri: ID!
    prefLabel: [LanguageString]!
    altLabel: [LanguageString]!
    hiddenLabel: [LanguageString]!
    "The skos:definition of the term; a term without one has its scope notes here, as in the Network of Terms (AAT scope notes, Wikidata descriptions)."
    definition: [LanguageString]!
    scopeNote: [LanguageString]!
    seeAlso: [String]!
    broader: [TranslatedRelatedTerm]
    narrower: [TranslatedRelatedTerm]
    related: [TranslatedRelatedTerm]
    exactMatch: [TranslatedRelatedTerm]
    closeMatch: [TranslatedRelatedTerm]
    broadMatch: [TranslatedRelatedTerm]
    narrowMatch: [TranslatedRelatedTerm]
    relatedMatch: [TranslatedRelatedTerm]
    "The place the term denotes, if its source describes one (its position, country and kinds); null otherwise."
    place: Place
    "The person the term denotes, if its source describes one (dates and places of birth and death, occupations, nationalities); null otherwise."
    person: Person
    "How well the term matched the query, 0 to 100; null for a lookup."
    score: Float
  }

  """
  The place a term denotes: what SKOS cannot state. Its place in a hierarchy stays on broader and narrower.
  """
  type Place {
    "The place's names (its preferred labels), in the languages asked for; language-tagged in Term too."
    name: [LanguageString]!
    "Latitude in WGS 84."
    latitude: Float
    "Longitude in WGS 84."
    longitude: Float
    "The country it is in, as an ISO 3166-1 alpha-2 code (BE)."
    addressCountry: String
    "The kinds of place it is, in the source's own vocabulary (a GeoNames feature code, a Wikidata class)."
    additionalType: [AdditionalType]!
  }

  "A type from a vocabulary outside the term list, by IRI; named when the network knows its labels."
  type AdditionalType {
    uri: ID!
    name: [LanguageString]!
  }

  """
  The person a term denotes: what SKOS cannot state. Names stay on the labels, alignments on exactMatch.
  """
  type Person {
    "Date of birth as the source states it, EDTF where it is (1606, 1606-07-15, 1620~); null when it states none."
    birthDate: String
    "Date of death, as birthDate."
    deathDate: String
    birthPlace: [Reference]!
    deathPlace: [Reference]!
    hasOccupation: [Reference]!
    nationality: [Reference]!
  }

  "Something the source refers to, by IRI (named when the network knows its labels), or by name only."
  type Reference {
    uri: ID
    name: [LanguageString]!
  }

  type TranslatedRelatedTerm {
    uri: ID!
    prefLabel: [LanguageString]!
  }

  type LanguageString {
    language: Language!
    value: String!
  }

  enum Language {
    ${LANGUAGES.join(' ')}
  }

  "What one source answered to a search."
  type TermsQueryResult {
    source: Source!
    terms: [Term]! @deprecated(reason: "Use 'result' instead")
    result: TermsResult!
    "Milliseconds the source took."
    responseTimeMs: Int!
  }

  union TermsResult = Terms | TranslatedTerms | TimeoutError | ServerError

  type Terms {
    terms: [Term]
    "Terms found over all pages (an addition to the Network of Terms)."
    total: Int
  }

  type TranslatedTerms {
    terms: [TranslatedTerm]
    "Terms found over all pages (an addition to the Network of Terms)."
    total: Int
  }

  "What a lookup found for one IRI."
  type LookupQueryResult {
    uri: ID!
    source: SourceResult!
    result: LookupResult!
    responseTimeMs: Int!
  }

  union SourceResult = Source | SourceNotFoundError

  union LookupResult = Term | TranslatedTerm | NotFoundError | TimeoutError | ServerError

  interface Error {
    message: String!
  }

  "The source did not answer in time."
  type TimeoutError implements Error {
    message: String!
  }

  "The source answered with an error."
  type ServerError implements Error {
    message: String!
  }

  "No source holds terms with this IRI."
  type SourceNotFoundError implements Error {
    message: String!
  }

  "The source has no term with this IRI."
  type NotFoundError implements Error {
    message: String!
  }
`;
