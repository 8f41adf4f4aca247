import { languageMatches } from '../domain/language-tag.js';
import type { StatementLike } from '../rdf/nquads-statements.js';
import { RDFS, SKOS } from '../vocab/vocabularies.js';
import { FACT_PROPERTIES, type FactValue } from './term-facts.js';

/** Text with its language (`""` when untagged). */
export interface LanguageValue {
  readonly value: string;
  readonly language: string;
}

/** What the term index keeps of a concept: its labels, notes and links, as clients get them. */
export interface ConceptDoc {
  readonly iri: string;
  readonly prefLabel: readonly LanguageValue[];
  readonly altLabel: readonly LanguageValue[];
  readonly hiddenLabel: readonly LanguageValue[];
  readonly definition: readonly LanguageValue[];
  readonly scopeNote: readonly LanguageValue[];
  readonly notation: readonly string[];
  readonly seeAlso: readonly string[];
  readonly broader: readonly string[];
  /** Stated narrower concepts; the index adds those that state this one as broader. */
  readonly narrower: readonly string[];
  readonly related: readonly string[];
  readonly exactMatch: readonly string[];
  readonly closeMatch: readonly string[];
  readonly broadMatch: readonly string[];
  readonly narrowMatch: readonly string[];
  readonly relatedMatch: readonly string[];
  /**
   * What the concept states about the place or person it denotes (coordinates, country, dates of
   * birth and death, ...), by property (term-facts.ts); absent when it states none.
   */
  readonly facts?: Readonly<Record<string, readonly FactValue[]>>;
}

type TextField = 'prefLabel' | 'altLabel' | 'hiddenLabel' | 'definition' | 'scopeNote';
type LinkField = 'seeAlso' | 'broader' | 'narrower' | 'related' | 'exactMatch' | 'closeMatch' | 'broadMatch' | 'narrowMatch' | 'relatedMatch';

const TEXT_FIELDS: ReadonlyMap<string, TextField> = new Map([
  [SKOS.prefLabel, 'prefLabel'], [SKOS.altLabel, 'altLabel'], [SKOS.hiddenLabel, 'hiddenLabel'],
  [SKOS.definition, 'definition'], [SKOS.scopeNote, 'scopeNote'],
]);
const LINK_FIELDS: ReadonlyMap<string, LinkField> = new Map([
  [RDFS.seeAlso, 'seeAlso'], [SKOS.broader, 'broader'], [SKOS.narrower, 'narrower'], [SKOS.related, 'related'],
  [SKOS.exactMatch, 'exactMatch'], [SKOS.closeMatch, 'closeMatch'], [SKOS.broadMatch, 'broadMatch'],
  [SKOS.narrowMatch, 'narrowMatch'], [SKOS.relatedMatch, 'relatedMatch'],
]);

/** The value to show of several: Dutch (`nl`, then `nl-BE` and the like), else untagged, else English, else any. */
export function preferredValue(values: readonly LanguageValue[]): string | undefined {
  return (values.find((v) => v.language === 'nl') ?? values.find((v) => languageMatches(v.language, 'nl')) ?? values.find((v) => v.language === '')
    ?? values.find((v) => languageMatches(v.language, 'en')) ?? values[0])?.value;
}

/**
 * A concept's definition: its `skos:definition`, or else its scope notes. The Network of Terms
 * answers `definition` with a term's scope notes (its resolvers map both fields from
 * `skos:scopeNote`, and its schema tells clients to read `definition`), and its catalog queries,
 * like ours, give AAT's scope notes and Wikidata's descriptions as `skos:scopeNote`. The
 * reconciliation service's descriptions and preview cards say the same.
 */
export function definitionOf(doc: ConceptDoc): readonly LanguageValue[] {
  return doc.definition.length > 0 ? doc.definition : doc.scopeNote;
}

/** The values with the Dutch (`nl`, `nl-BE`) and untagged ones first, the others after them, each group in its order. */
export function dutchFirst<T extends LanguageValue>(values: readonly T[]): T[] {
  const rank = (v: LanguageValue): number => (v.language === '' || languageMatches(v.language, 'nl') ? 0 : 1);
  return [...values].sort((a, b) => rank(a) - rank(b));
}

/** The document of the concept `iri` from its record's triples. */
export function conceptDoc(iri: string, quads: Iterable<StatementLike>): ConceptDoc {
  const doc: { iri: string } & Record<TextField, LanguageValue[]> & Record<LinkField, string[]> & { notation: string[]; facts?: Record<string, FactValue[]> } = {
    iri, prefLabel: [], altLabel: [], hiddenLabel: [], definition: [], scopeNote: [], notation: [],
    seeAlso: [], broader: [], narrower: [], related: [], exactMatch: [], closeMatch: [], broadMatch: [], narrowMatch: [], relatedMatch: [],
  };
  for (const q of quads) {
    if (q.subject.value !== iri || q.subject.termType !== 'NamedNode') continue;
    const predicate = q.predicate.value;
    if (FACT_PROPERTIES.has(predicate) && (q.object.termType === 'Literal' || q.object.termType === 'NamedNode')) {
      const value: FactValue = q.object.termType === 'Literal' ? { value: q.object.value, language: q.object.language ?? '' } : { iri: q.object.value };
      doc.facts ??= {};
      (doc.facts[predicate] ??= []).push(value);
    } else if (q.object.termType === 'Literal') {
      const text = TEXT_FIELDS.get(predicate);
      if (text !== undefined) doc[text].push({ value: q.object.value, language: q.object.language ?? '' });
      else if (predicate === SKOS.notation) doc.notation.push(q.object.value);
    } else if (q.object.termType === 'NamedNode') {
      const link = LINK_FIELDS.get(predicate);
      if (link !== undefined && !doc[link].includes(q.object.value)) doc[link].push(q.object.value);
    }
  }
  // Sorted, so equal content gives an equal document; most lists have zero or one entry.
  for (const field of TEXT_FIELDS.values()) if (doc[field].length > 1) doc[field].sort(byLanguageThenValue);
  for (const field of LINK_FIELDS.values()) if (doc[field].length > 1) doc[field].sort();
  if (doc.notation.length > 1) doc.notation.sort();
  if (doc.facts !== undefined) doc.facts = Object.fromEntries(Object.entries(doc.facts).sort(([a], [b]) => (a < b ? -1 : 1)).map(([p, list]) => [p, list.sort(byFact)]));
  return doc;
}

function byFact(a: FactValue, b: FactValue): number {
  const key = (v: FactValue): string => ('iri' in v ? `<${v.iri}>` : `${v.value}@${v.language}`);
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

function byLanguageThenValue(a: LanguageValue, b: LanguageValue): number {
  if (a.language !== b.language) return a.language < b.language ? -1 : 1;
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}
