import type { ChannelView } from './publication-policy.js';
import type { IndexedList, SearchExclusions, TermHit, TermIndex, TermLookup, TermSearch, TermSearchResult } from '../ports/term-index.js';
import type { ConceptDoc, LanguageValue } from '../terms/concept-doc.js';
import { FACT_PROPERTIES, type FactValue } from '../terms/term-facts.js';
import { RDFS, SKOS } from '../vocab/vocabularies.js';

type DocField = Exclude<keyof ConceptDoc, 'iri'>;

/** The concept document field each restrictable property fills. */
const FIELDS: ReadonlyMap<string, DocField> = new Map<string, DocField>([
  ...(['prefLabel', 'altLabel', 'hiddenLabel', 'definition', 'scopeNote', 'notation', 'broader', 'narrower', 'related',
    'exactMatch', 'closeMatch', 'broadMatch', 'narrowMatch', 'relatedMatch'] as const).map((field) => [SKOS[field], field] as const),
  [RDFS.seeAlso, 'seeAlso'],
]);
/** SKOS's inverse links. */
const INVERSE: ReadonlyMap<DocField, DocField> = new Map<DocField, DocField>([
  ['broader', 'narrower'], ['narrower', 'broader'], ['broadMatch', 'narrowMatch'], ['narrowMatch', 'broadMatch'],
]);
/** The label kinds the search index numbers. */
const LABEL_KINDS: ReadonlyMap<DocField, number> = new Map([['prefLabel', 0], ['altLabel', 1], ['hiddenLabel', 2]]);
/** Fields that name other resources, which may be concepts this view hides. */
const LINK_FIELDS = ['broader', 'narrower', 'related', 'seeAlso', 'exactMatch', 'closeMatch', 'broadMatch', 'narrowMatch', 'relatedMatch'] as const;

/**
 * The term index as one principal may see it through one channel (GraphQL, reconciliation,
 * the term-list API, concept pages). Every dataset counts, not only term lists: concepts loaded
 * or ingested into a dataset are in the index too. Concepts the view hides are absent from
 * searches (and their totals), lookups and lists, and so are links to them; restricted
 * properties are left out of concept documents, and a search does not match on a restricted
 * label. When nothing is hidden from this principal, it is the index itself, at no cost.
 */
export function visibleTermIndex(index: TermIndex, view: ChannelView): TermIndex {
  const policies = view.policies;
  const hiddenDatasets = policies.datasetIds().filter((dataset) => !view.sees(dataset));
  const hidden = new Set(hiddenDatasets);
  const exceptConcepts: string[] = [];
  const concepts: string[] = [];
  for (const own of policies.recordPolicies()) {
    const shown = view.sees(own.dataset, own.iri);
    if (hidden.has(own.dataset) && shown) exceptConcepts.push(own.iri);
    if (!hidden.has(own.dataset) && !shown) concepts.push(own.iri);
  }
  const restricted = new Map<string, DocField[]>();
  const restrictedFacts = new Map<string, string[]>();
  const labelKinds: string[] = [];
  for (const dataset of policies.datasetIds()) {
    const properties = view.restricted(dataset);
    // A place's or person's facts (a date of birth) are left out by the property that states them.
    const facts = properties.filter((property) => FACT_PROPERTIES.has(property));
    if (facts.length > 0) restrictedFacts.set(dataset, facts);
    const named = properties.flatMap((property) => FIELDS.get(property) ?? []);
    // A link restricted one way must not show the other way: a concept's narrower terms are the
    // index's reading of their broader statements.
    const fields = [...new Set([...named, ...named.flatMap((field) => INVERSE.get(field) ?? [])])];
    if (fields.length === 0) continue;
    restricted.set(dataset, fields);
    for (const field of fields) {
      const kind = LABEL_KINDS.get(field);
      if (kind !== undefined) labelKinds.push(`${dataset}:${kind}`);
    }
  }
  if (hiddenDatasets.length === 0 && concepts.length === 0 && restricted.size === 0 && restrictedFacts.size === 0) return index;
  return new VisibleTermIndex(index, view, { datasets: hiddenDatasets, exceptConcepts, concepts, labelKinds }, restricted, restrictedFacts);
}

class VisibleTermIndex implements TermIndex {
  constructor(
    private readonly index: TermIndex,
    private readonly view: ChannelView,
    private readonly exclusions: SearchExclusions,
    private readonly restricted: ReadonlyMap<string, readonly DocField[]>,
    /** The fact properties (term-facts.ts) each dataset restricts. */
    private readonly restrictedFacts: ReadonlyMap<string, readonly string[]>,
  ) {}

  lists(): IndexedList[] {
    const shown = this.index.lists().filter((list) => this.view.seesAny(list.id));
    const { concepts, exceptConcepts, datasets } = this.exclusions;
    if (concepts.length === 0 && exceptConcepts.length === 0) return shown;
    // Records with channels of their own change how many concepts of a list are shown.
    const overridden = this.index.concepts([...concepts, ...exceptConcepts]);
    const inList = (iris: readonly string[], list: string): number => iris.filter((iri) => overridden.get(iri)?.list === list).length;
    return shown.map((list) => ({
      ...list,
      concepts: datasets.includes(list.id) ? inList(exceptConcepts, list.id) : list.concepts - inList(concepts, list.id),
    }));
  }

  search(request: TermSearch): TermSearchResult {
    let lists = request.lists;
    if (lists !== undefined) {
      // Lists are named by id or IRI; a hidden one is not searched, whichever way it is named.
      const known = this.index.lists();
      lists = lists.filter((wanted) => {
        const list = known.find((candidate) => candidate.id === wanted || candidate.iri === wanted);
        return list === undefined || this.view.seesAny(list.id);
      });
      if (lists.length === 0) return { total: 0, hits: [] };
    }
    const found = this.index.search({ ...request, ...(lists === undefined ? {} : { lists }), exclude: this.exclusions });
    const shown = found.hits.filter((hit) => this.shows(hit.list, hit.concept.iri));
    const docs = this.cleaned(shown.map((hit) => ({ list: hit.list, doc: hit.concept })));
    const hits: TermHit[] = shown.map((hit, i) => ({ ...hit, concept: docs[i] ?? hit.concept }));
    return { total: found.total, hits };
  }

  /**
   * Concepts this view shows, found by a value it shows too. The index leaves out those it hides,
   * and the concepts of datasets that restrict the field looked in, without reading them: a
   * private list's notations take no time to pass over, which would tell they are there.
   */
  lookup(request: TermLookup): Array<{ readonly doc: ConceptDoc; readonly list: string }> {
    const restrictedField = [...this.restricted].filter(([, fields]) => fields.includes(request.field)).map(([dataset]) => dataset);
    const exclude = { ...this.exclusions, datasets: [...this.exclusions.datasets, ...restrictedField] };
    const shown = this.index.lookup({ ...request, exclude }).filter((found) => this.shows(found.list, found.doc.iri));
    const docs = this.cleaned(shown);
    const wanted = new Set(request.values.map((value) => value.toLowerCase()));
    return shown.flatMap((found, i) => {
      const doc = docs[i] ?? found.doc;
      return doc[request.field].some((value) => wanted.has(value.toLowerCase())) ? [{ doc, list: found.list }] : [];
    });
  }

  concepts(iris: readonly string[]): Map<string, { readonly doc: ConceptDoc; readonly list: string }> {
    const shown = [...this.index.concepts(iris)].filter(([iri, found]) => this.shows(found.list, iri));
    const docs = this.cleaned(shown.map(([, found]) => found));
    return new Map(shown.map(([iri, found], i) => [iri, { doc: docs[i] ?? found.doc, list: found.list }]));
  }

  prefLabels(iris: readonly string[]): Map<string, readonly LanguageValue[]> {
    return new Map([...this.concepts(iris)].map(([iri, found]) => [iri, found.doc.prefLabel]));
  }

  topConcepts(list: string, limit: number): { iris: string[]; total: number } {
    if (!this.view.seesAny(list)) return { iris: [], total: 0 };
    // Concepts with channels of their own may be hidden: the count is the list's, the IRIs those shown.
    const found = this.index.topConcepts(list, limit);
    return { iris: found.iris.filter((iri) => this.shows(list, iri)), total: found.total };
  }

  seq(): number {
    return this.index.seq();
  }

  apply(): void {
    throw new Error('A policy view of the term index is read-only');
  }

  bulk(): never {
    throw new Error('A policy view of the term index is read-only');
  }

  close(): void {
    // The view owns nothing.
  }

  private shows(dataset: string, iri: string): boolean {
    return this.view.sees(dataset, iri);
  }

  /** The documents without their restricted fields and facts, and without links to concepts this view hides. */
  private cleaned(found: ReadonlyArray<{ readonly list: string; readonly doc: ConceptDoc }>): ConceptDoc[] {
    const factLinks = (doc: ConceptDoc): string[] => Object.values(doc.facts ?? {}).flat().flatMap((v) => ('iri' in v ? [v.iri] : []));
    const linked = [...new Set(found.flatMap(({ doc }) => [...LINK_FIELDS.flatMap((field) => doc[field]), ...factLinks(doc)]))];
    const hiddenLinks = new Set<string>();
    if (linked.length > 0) {
      for (const [iri, target] of this.index.concepts(linked)) if (!this.shows(target.list, iri)) hiddenLinks.add(iri);
    }
    return found.map(({ list, doc }) => {
      const fields = this.restricted.get(list);
      const facts = this.restrictedFacts.get(list);
      if (fields === undefined && facts === undefined && hiddenLinks.size === 0) return doc;
      const copy: Record<string, unknown> = { ...doc };
      for (const field of LINK_FIELDS) copy[field] = doc[field].filter((iri) => !hiddenLinks.has(iri));
      for (const field of fields ?? []) copy[field] = [];
      if (doc.facts !== undefined) {
        const shown = (v: FactValue): boolean => !('iri' in v) || !hiddenLinks.has(v.iri);
        copy.facts = Object.fromEntries(Object.entries(doc.facts).filter(([property]) => !facts?.includes(property)).map(([property, values]) => [property, values.filter(shown)]));
      }
      return copy as unknown as ConceptDoc;
    });
  }
}
