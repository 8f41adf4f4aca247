/**
 * The topics ("genres" in the Network of Terms API) a term list can be about. Each is minted
 * under the installation's base, `{base}id/topic/{key}`; where the Dutch Network of Terms has
 * the same genre, `match` is its IRI, so a client that filters on the Dutch genre finds our
 * lists too.
 */
export interface Topic {
  readonly key: string;
  readonly name: { readonly nl: string; readonly en: string };
  readonly match?: string;
}

const NOT_GENRES = 'https://data.cultureelerfgoed.nl/termennetwerk/onderwerpen/';

export const TOPICS: readonly Topic[] = [
  { key: 'abstract-concepts', name: { nl: 'Abstracte begrippen', en: 'Abstract concepts' }, match: `${NOT_GENRES}Abstracte-begrippen` },
  { key: 'events', name: { nl: 'Gebeurtenissen', en: 'Events' } },
  { key: 'iconography', name: { nl: 'Iconografie', en: 'Iconography' } },
  { key: 'materials', name: { nl: 'Materialen', en: 'Materials' } },
  { key: 'object-names', name: { nl: 'Objectnamen', en: 'Object names' } },
  { key: 'organisations', name: { nl: 'Organisaties', en: 'Organisations' } },
  { key: 'periods', name: { nl: 'Periodes', en: 'Periods' }, match: `${NOT_GENRES}Periodes` },
  { key: 'persons', name: { nl: 'Personen', en: 'Persons' }, match: `${NOT_GENRES}Personen` },
  { key: 'places', name: { nl: 'Plaatsen', en: 'Places' } },
  { key: 'styles', name: { nl: 'Stijlen', en: 'Styles' } },
  { key: 'techniques', name: { nl: 'Technieken', en: 'Techniques' } },
];

/** The IRI of a topic in an installation. */
export function topicIri(baseIri: string, key: string): string {
  return `${baseIri}id/topic/${key}`;
}

/**
 * A topic as given on the command line or in JSON: a key (`materials`) or an absolute IRI (ours,
 * or a Network of Terms genre). Returns the IRI to store, or undefined when it names no topic.
 */
export function resolveTopic(baseIri: string, value: string): string | undefined {
  const byKey = TOPICS.find((topic) => topic.key === value);
  if (byKey) return topicIri(baseIri, byKey.key);
  const byIri = TOPICS.find((topic) => topicIri(baseIri, topic.key) === value || topic.match === value);
  return byIri ? topicIri(baseIri, byIri.key) : undefined;
}

/** The topic an IRI stands for in this installation, if any. */
export function topicOf(baseIri: string, iri: string): Topic | undefined {
  return TOPICS.find((topic) => topicIri(baseIri, topic.key) === iri || topic.match === iri);
}
