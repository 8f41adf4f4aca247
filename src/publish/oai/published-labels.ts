import type { ContentView } from '../../access/publication-policy.js';
import { nquadsStatements } from '../../rdf/nquads-statements.js';
import type { Label, LinkedLabels } from './metadata-format.js';
import { LABEL_PREDICATES } from './record-graph.js';

/** Where linked records are read: a live record's dataset and content, undefined when there is none. */
export interface LinkedRecordSource {
  content(iri: string): { readonly dataset: string; readonly nquads: string } | undefined;
}

/** How many linked records are remembered before the memory starts over (an export reads many). */
const REMEMBERED = 20_000;

/**
 * Linked records (an object's maker, its material) and their labels as the view publishes those
 * records: nothing for a record the channel does not publish to the principal, and never a
 * restricted property. Remembers what it read, for the length of one request or export.
 */
export class PublishedLabels implements LinkedLabels {
  private readonly cache = new Map<string, readonly Label[]>();
  private readonly contents = new Map<string, string | undefined>();

  constructor(private readonly source: LinkedRecordSource, private readonly view: ContentView) {}

  labels(iri: string): readonly Label[] {
    let labels = this.cache.get(iri);
    if (labels === undefined) {
      labels = this.read(iri);
      this.cache.set(iri, labels);
    }
    return labels;
  }

  content(iri: string): string | undefined {
    if (!this.contents.has(iri)) {
      if (this.contents.size >= REMEMBERED) this.contents.clear();
      const stored = this.source.content(iri);
      this.contents.set(iri, stored === undefined ? undefined : this.view.content({ iri, dataset: stored.dataset, nquads: stored.nquads }));
    }
    return this.contents.get(iri);
  }

  private read(iri: string): readonly Label[] {
    const nquads = this.content(iri);
    if (nquads === undefined) return [];
    const byPredicate = new Map<string, Label[]>();
    for (const { predicate, object } of nquadsStatements(nquads, iri)) {
      if (object.termType !== 'Literal') continue;
      const list = byPredicate.get(predicate.value) ?? [];
      list.push({ value: object.value, language: object.language });
      byPredicate.set(predicate.value, list);
    }
    for (const predicate of LABEL_PREDICATES) {
      const found = byPredicate.get(predicate);
      if (found !== undefined) return found;
    }
    return [];
  }
}
