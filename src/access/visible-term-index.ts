import type { ChannelView } from './publication-policy.js';
import type { IndexedList, TermHit, TermIndex, TermSearch, TermSearchResult } from '../ports/term-index.js';
import type { ConceptDoc, LanguageValue } from '../terms/concept-doc.js';
import { RDFS, SKOS } from '../vocab/vocabularies.js';

type DocField = Exclude<keyof ConceptDoc, 'iri'>;

/** The concept document field each restrictable property fills. */
const FIELDS: ReadonlyMap<string, DocField> = new Map<string, DocField>([
  ...(['prefLabel', 'altLabel', 'hiddenLabel', 'definition', 'scopeNote', 'notation', 'broader', 'narrower', 'related',
    'exactMatch', 'closeMatch', 'broadMatch', 'narrowMatch', 'relatedMatch'] as const).map((field) => [SKOS[field], field] as const),
  [RDFS.seeAlso, 'seeAlso'],
]);

/**
 * The term index as one principal may see it through one channel (GraphQL, reconciliation,
 * the term-list API, concept pages): lists the channel may not publish are absent, and so are
 * their concepts, in searches, lookups and as related terms; restricted properties are left out
 * of concept documents, and a search does not match on a restricted label. When nothing is
 * hidden from this principal, it is the index itself, at no cost.
 */
export function visibleTermIndex(index: TermIndex, view: ChannelView): TermIndex {
  const lists = index.lists();
  const hidden = new Set(lists.filter((list) => !view.seesAny(list.id)).map((list) => list.id));
  const restricted = new Map<string, DocField[]>();
  for (const list of lists) {
    const fields = view.restricted(list.id).flatMap((property) => FIELDS.get(property) ?? []);
    if (fields.length > 0) restricted.set(list.id, fields);
  }
  // Records with channels of their own may hide single concepts of a visible list.
  const overrides = lists.some((list) => !hidden.has(list.id) && !view.sees(list.id)) || hasRecordOverrides(view);
  if (hidden.size === 0 && restricted.size === 0 && !overrides) return index;
  return new VisibleTermIndex(index, view, hidden, restricted);
}

function hasRecordOverrides(view: ChannelView): boolean {
  return view.policies.hasRecordPolicies();
}

class VisibleTermIndex implements TermIndex {
  constructor(
    private readonly index: TermIndex,
    private readonly view: ChannelView,
    private readonly hidden: ReadonlySet<string>,
    private readonly restricted: ReadonlyMap<string, readonly DocField[]>,
  ) {}

  lists(): IndexedList[] {
    return this.index.lists().filter((list) => !this.hidden.has(list.id));
  }

  search(request: TermSearch): TermSearchResult {
    const visible = this.lists().map((list) => list.id);
    const lists = request.lists === undefined ? visible : request.lists.filter((list) => !this.hidden.has(list));
    if (lists.length === 0) return { total: 0, hits: [] };
    const found = this.index.search({ ...request, lists });
    const hits: TermHit[] = [];
    for (const hit of found.hits) {
      if (!this.shows(hit.list, hit.concept.iri)) continue;
      if (this.restricted.get(hit.list)?.includes(hit.match.kind)) continue;
      hits.push({ ...hit, concept: this.strip(hit.list, hit.concept) });
    }
    // Hits left out of this page are left out of the total too; those of other pages are not known.
    return { total: found.total - (found.hits.length - hits.length), hits };
  }

  concepts(iris: readonly string[]): Map<string, { readonly doc: ConceptDoc; readonly list: string }> {
    const out = new Map<string, { readonly doc: ConceptDoc; readonly list: string }>();
    for (const [iri, found] of this.index.concepts(iris)) {
      if (this.shows(found.list, iri)) out.set(iri, { doc: this.strip(found.list, found.doc), list: found.list });
    }
    return out;
  }

  prefLabels(iris: readonly string[]): Map<string, readonly LanguageValue[]> {
    const labels = this.index.prefLabels(iris);
    const shown = this.concepts([...labels.keys()]);
    for (const iri of labels.keys()) {
      const found = shown.get(iri);
      if (found === undefined) labels.delete(iri);
      else labels.set(iri, found.doc.prefLabel);
    }
    return labels;
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

  private shows(list: string, iri: string): boolean {
    return !this.hidden.has(list) && this.view.sees(list, iri);
  }

  private strip(list: string, doc: ConceptDoc): ConceptDoc {
    const fields = this.restricted.get(list);
    if (fields === undefined) return doc;
    const copy: Record<string, unknown> = { ...doc };
    for (const field of fields) copy[field] = [];
    return copy as unknown as ConceptDoc;
  }
}
