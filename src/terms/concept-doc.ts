import type * as RDF from '@rdfjs/types';
import { RDFS, SKOS } from '../vocab/vocabularies.js';

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

/** The document of the concept `iri` from its record's triples. */
export function conceptDoc(iri: string, quads: Iterable<RDF.Quad>): ConceptDoc {
  const texts: Record<TextField, LanguageValue[]> = { prefLabel: [], altLabel: [], hiddenLabel: [], definition: [], scopeNote: [] };
  const links: Record<LinkField, string[]> = {
    seeAlso: [], broader: [], narrower: [], related: [], exactMatch: [], closeMatch: [], broadMatch: [], narrowMatch: [], relatedMatch: [],
  };
  const notation: string[] = [];
  for (const q of quads) {
    if (q.subject.value !== iri || q.subject.termType !== 'NamedNode') continue;
    const text = TEXT_FIELDS.get(q.predicate.value);
    if (text !== undefined && q.object.termType === 'Literal') texts[text].push({ value: q.object.value, language: q.object.language });
    const link = LINK_FIELDS.get(q.predicate.value);
    if (link !== undefined && q.object.termType === 'NamedNode') links[link].push(q.object.value);
    if (q.predicate.value === SKOS.notation && q.object.termType === 'Literal') notation.push(q.object.value);
  }
  const sorted = <T>(values: T[], key: (v: T) => string): T[] => values.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const byText = (v: LanguageValue): string => `${v.language}\u0000${v.value}`;
  return {
    iri,
    prefLabel: sorted(texts.prefLabel, byText), altLabel: sorted(texts.altLabel, byText), hiddenLabel: sorted(texts.hiddenLabel, byText),
    definition: sorted(texts.definition, byText), scopeNote: sorted(texts.scopeNote, byText), notation: notation.sort(),
    ...Object.fromEntries(Object.entries(links).map(([field, values]) => [field, [...new Set(values)].sort()])) as Record<LinkField, string[]>,
  };
}
