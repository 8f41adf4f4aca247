import { matchingRange, languageMatches } from '../domain/language-tag.js';
import { definitionOf, dutchFirst, type ConceptDoc, type LanguageValue } from '../terms/concept-doc.js';
import { factIris, personFacts, placeFacts, type FactValue } from '../terms/term-facts.js';
import { KNOWN_LANGUAGES } from './terms-schema.js';

/** Label fields, and the link fields that become related terms. */
const TEXT_FIELDS = ['prefLabel', 'altLabel', 'hiddenLabel', 'definition', 'scopeNote'] as const;
type TextField = (typeof TEXT_FIELDS)[number];
const LINK_FIELDS = ['broader', 'narrower', 'related', 'exactMatch', 'closeMatch', 'broadMatch', 'narrowMatch', 'relatedMatch'] as const;

/**
 * A concept as a Term (plain strings, Dutch first) or, when languages are asked for, a
 * TranslatedTerm; `related` holds the preferred labels of the terms it links to, and of the
 * resources its place and person name.
 */
export function termValue(doc: ConceptDoc, score: number | null, languages: readonly string[] | undefined, related: ReadonlyMap<string, readonly LanguageValue[]>) {
  const prefLabelOf = (uri: string): readonly LanguageValue[] => related.get(uri) ?? [];
  const denotes = { place: place(doc, languages, prefLabelOf), person: person(doc, languages, prefLabelOf) };
  const text = (field: TextField): readonly LanguageValue[] => (field === 'definition' ? definitionOf(doc) : doc[field]);
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

/** The IRIs a concept's term names, whose preferred labels its answer shows. */
export function linkedIris(doc: ConceptDoc): string[] {
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
